package io.alertbridge.processor.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.Topics;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a run of the topology produced over a range, counted from its output records: alerts (and how many were
 * silenced), incidents opened (by route, channel and severity), Slack commands per channel and type (posts, edits,
 * thread replies, digests, escalations), the biggest incidents, dead letters. The same counting serves the
 * replay's own output and what really happened (production's output topics over the same range), so the two can
 * be compared with {@link #compare}.
 *
 * <p>Not thread-safe.
 */
public final class ReplayReport {

    private static final JsonSerde<AlertEvent> ALERTS = JsonSerde.of(AlertEvent.class);
    private static final JsonSerde<Incident> INCIDENTS = JsonSerde.of(Incident.class);
    private static final JsonSerde<NotificationCommand> COMMANDS = JsonSerde.of(NotificationCommand.class);

    private final Topics topics;
    private long alerts;
    private long suppressedAlerts;
    private long deadLetters;
    private final Map<String, Long> alertsBySource = new TreeMap<>();
    private final Map<String, Incident> latestIncidents = new HashMap<>();
    private final Map<String, Map<String, Long>> commandsByChannel = new TreeMap<>();

    public ReplayReport(Topics topics) {
        this.topics = topics;
    }

    /** Counts one output record. Unreadable values are counted as dead letters, never thrown. */
    public void record(String topic, byte[] value) {
        if (value == null) {
            return;
        }
        try {
            if (topic.equals(topics.alerts().name())) {
                AlertEvent alert = ALERTS.deserialize(topic, value);
                alerts++;
                alertsBySource.merge(alert.source(), 1L, Long::sum);
                if (alert.isSuppressed()) {
                    suppressedAlerts++;
                }
            } else if (topic.equals(topics.incidents().name())) {
                Incident incident = INCIDENTS.deserialize(topic, value);
                latestIncidents.merge(
                        incident.incidentId(), incident, (old, now) -> now.version() >= old.version() ? now : old);
            } else if (topic.equals(topics.notifications().name())) {
                NotificationCommand command = COMMANDS.deserialize(topic, value);
                commandsByChannel
                        .computeIfAbsent(command.channel(), c -> new TreeMap<>())
                        .merge(command.type().name(), 1L, Long::sum);
            } else if (topic.equals(topics.deadLetters().name())) {
                deadLetters++;
            }
        } catch (RuntimeException unreadable) {
            deadLetters++;
        }
    }

    public long alerts() {
        return alerts;
    }

    /** Alerts per source ({@code cloudwatch}, {@code anomaly}, ...). */
    public Map<String, Long> alertsBySource() {
        return alertsBySource;
    }

    public long suppressedAlerts() {
        return suppressedAlerts;
    }

    public long deadLetters() {
        return deadLetters;
    }

    /** Incidents seen, by id, in their latest version. */
    public Map<String, Incident> incidents() {
        return latestIncidents;
    }

    /** Slack commands per channel and type. */
    public Map<String, Map<String, Long>> commandsByChannel() {
        return commandsByChannel;
    }

    /** The number of commands of a type on a channel. */
    public long commands(String channel, NotificationCommand.Type type) {
        return commandsByChannel.getOrDefault(channel, Map.of()).getOrDefault(type.name(), 0L);
    }

    /** Incidents opened, counted by a property of the incident. */
    public Map<String, Long> incidentsBy(java.util.function.Function<Incident, String> property) {
        Map<String, Long> counts = new TreeMap<>();
        latestIncidents.values().forEach(i -> counts.merge(String.valueOf(property.apply(i)), 1L, Long::sum));
        return counts;
    }

    /** The report as JSON. */
    public ObjectNode toJson(int biggest) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("alerts", alerts);
        json.set("alertsBySource", Json.mapper().valueToTree(alertsBySource));
        json.put("suppressedAlerts", suppressedAlerts);
        json.put("deadLetters", deadLetters);
        json.put("incidents", latestIncidents.size());
        json.set("incidentsByRoute", Json.mapper().valueToTree(incidentsBy(Incident::routeId)));
        json.set("incidentsByChannel", Json.mapper().valueToTree(incidentsBy(Incident::channel)));
        json.set("incidentsBySeverity", Json.mapper().valueToTree(incidentsBy(i -> i.severity()
                .name())));
        json.set("slackCommandsByChannel", Json.mapper().valueToTree(commandsByChannel));
        ArrayNode top = json.putArray("biggestIncidents");
        latestIncidents.values().stream()
                .sorted(Comparator.comparingInt(Incident::alertCount).reversed().thenComparing(Incident::incidentId))
                .limit(biggest)
                .forEach(i -> top.addObject()
                        .put("incidentId", i.incidentId())
                        .put("title", i.title())
                        .put("channel", i.channel())
                        .put("alerts", i.alertCount())
                        .put("members", i.members().size())
                        .put("state", i.state().name()));
        return json;
    }

    /**
     * How {@code replayed} differs from {@code actual}: per channel, posts and edits more or fewer; incidents
     * split (an actual incident whose members went to several replayed ones) and merged (a replayed incident whose
     * members came from several actual ones), compared by member fingerprints since ids differ between runs.
     */
    public static ObjectNode compare(ReplayReport replayed, ReplayReport actual) {
        ObjectNode diff = Json.mapper().createObjectNode();
        diff.put("incidents", replayed.incidents().size() - actual.incidents().size());
        diff.put("alerts", replayed.alerts - actual.alerts);
        ObjectNode channels = diff.putObject("slackCommandsByChannel");
        Set<String> names = new HashSet<>(replayed.commandsByChannel.keySet());
        names.addAll(actual.commandsByChannel.keySet());
        for (String channel : new java.util.TreeSet<>(names)) {
            ObjectNode perType = Json.mapper().createObjectNode();
            for (NotificationCommand.Type type : NotificationCommand.Type.values()) {
                long delta = replayed.commands(channel, type) - actual.commands(channel, type);
                if (delta != 0) {
                    perType.put(type.name(), delta);
                }
            }
            if (!perType.isEmpty()) {
                channels.set(channel, perType);
            }
        }
        diff.put("incidentsSplit", crossings(actual, replayed));
        diff.put("incidentsMerged", crossings(replayed, actual));
        return diff;
    }

    /** How many incidents of {@code from} have members that sit in more than one incident of {@code into}. */
    private static long crossings(ReplayReport from, ReplayReport into) {
        Map<String, String> incidentOfFingerprint = new HashMap<>();
        into.incidents().values().forEach(i -> i.members()
                .forEach(m -> incidentOfFingerprint.put(m.fingerprint(), i.incidentId())));
        return from.incidents().values().stream()
                .filter(i -> i.members().stream()
                                .map(IncidentMember::fingerprint)
                                .map(incidentOfFingerprint::get)
                                .filter(java.util.Objects::nonNull)
                                .distinct()
                                .count()
                        > 1)
                .count();
    }

    /** The readable summary printed on the terminal. */
    public List<String> summaryLines() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(
                "alerts %d (silenced %d), incidents %d, dead letters %d",
                alerts, suppressedAlerts, latestIncidents.size(), deadLetters));
        commandsByChannel.forEach((channel, types) -> lines.add(String.format("  %-24s %s", channel, types)));
        return lines;
    }
}
