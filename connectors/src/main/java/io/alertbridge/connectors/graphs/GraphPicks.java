package io.alertbridge.connectors.graphs;

import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.model.IncidentMember;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which members of an incident get a graph: the worst ones ({@link IncidentMember#WORST_FIRST}: firing before
 * resolved, then by severity, then the most recently changed) among those that have graph data, at most
 * {@link #MAX_GRAPHS}. Pure and thread-safe.
 */
public final class GraphPicks {

    /** Graphs one incident message shows. */
    public static final int MAX_GRAPHS = 2;

    private GraphPicks() {}

    /**
     * True for a member whose alarm metric names a series to fetch (single metric, metric math, anomaly detection);
     * a composite alarm has none, its children's states are shown instead.
     */
    public static boolean hasAlarmSeries(IncidentMember member) {
        AlarmMetric metric = member.metric();
        return metric != null
                && metric.kind() != AlarmMetric.Kind.COMPOSITE
                && metric.kind() != AlarmMetric.Kind.UNKNOWN;
    }

    /** The worst {@link #MAX_GRAPHS} members that have an alarm series. */
    public static List<IncidentMember> worst(List<IncidentMember> members) {
        return worst(members, GraphPicks::hasAlarmSeries);
    }

    /**
     * The worst {@link #MAX_GRAPHS} members that have graph data by the given test (an anomaly member's score
     * snapshot counts as graph data too: pass a test that accepts it).
     */
    public static List<IncidentMember> worst(List<IncidentMember> members, Predicate<IncidentMember> hasGraphData) {
        return members.stream()
                .filter(hasGraphData)
                .sorted(IncidentMember.WORST_FIRST)
                .limit(MAX_GRAPHS)
                .toList();
    }
}
