package io.alertbridge.processor.replay;

import io.alertbridge.schemas.model.Holds;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a rules change would change, from two replays of one range of history: one under the rules in force
 * ({@code current}), one under the rules as they would be once applied ({@code proposed}). Compared by what people
 * would see and by member fingerprints (incident ids differ between runs):
 *
 * <ul>
 *   <li>incidents opened, in all and per channel;
 *   <li>Slack messages per channel and kind (posts, edits, thread replies, digests, escalations, ...);
 *   <li>alerts newly silenced, or no longer silenced (a member whose latest event was silenced);
 *   <li>alerts newly inhibited, or no longer inhibited (a member whose incident's timeline records it inhibited, by
 *       an inhibition rule or a composite alarm's actions suppressor, even if it was released later);
 *   <li>alerts newly unrouted (now caught by the default route, before by a route of their own) and alerts moved
 *       from one route to another;
 *   <li>incidents that cleared by themselves while held (the transient-alert hold), never posted.
 * </ul>
 *
 * <p>Heartbeats are not part of it: a replay never evaluates them (they watch the wall clock of a live processor), so
 * a rules change that adds or changes a heartbeat shows no difference here.
 *
 * @param incidentsCurrent incidents opened under the rules in force
 * @param incidentsProposed incidents opened under the proposed rules
 * @param incidentsByChannel channel to {current, proposed} incident counts, only channels where they differ
 * @param messagesByChannel channel to command kind to {current, proposed} counts, only where they differ
 * @param newlySilenced fingerprints silenced under the proposed rules only
 * @param noLongerSilenced fingerprints silenced under the rules in force only
 * @param newlyInhibited fingerprints inhibited under the proposed rules only
 * @param noLongerInhibited fingerprints inhibited under the rules in force only
 * @param newlyUnrouted fingerprints that fall to the default route under the proposed rules only
 * @param rerouted fingerprint to "route -> route" for alerts whose route changes otherwise
 * @param clearedWhileHeld {current, proposed} incidents that cleared by themselves while held
 */
public record PreviewDiff(
        int incidentsCurrent,
        int incidentsProposed,
        Map<String, long[]> incidentsByChannel,
        Map<String, Map<String, long[]>> messagesByChannel,
        Set<String> newlySilenced,
        Set<String> noLongerSilenced,
        Set<String> newlyInhibited,
        Set<String> noLongerInhibited,
        Set<String> newlyUnrouted,
        Map<String, String> rerouted,
        long[] clearedWhileHeld) {

    /** The difference between a replay under the rules in force and one under the proposed rules. */
    public static PreviewDiff between(ReplayReport current, ReplayReport proposed, String defaultRouteId) {
        Map<String, long[]> incidents = new TreeMap<>();
        Map<String, Long> before = current.incidentsBy(Incident::channel);
        Map<String, Long> after = proposed.incidentsBy(Incident::channel);
        for (String channel : union(before.keySet(), after.keySet())) {
            long b = before.getOrDefault(channel, 0L);
            long a = after.getOrDefault(channel, 0L);
            if (a != b) {
                incidents.put(channel, new long[] {b, a});
            }
        }
        Map<String, Map<String, long[]>> messages = new TreeMap<>();
        for (String channel : union(
                current.commandsByChannel().keySet(),
                proposed.commandsByChannel().keySet())) {
            Map<String, long[]> kinds = new TreeMap<>();
            for (NotificationCommand.Type type : NotificationCommand.Type.values()) {
                long b = current.commands(channel, type);
                long a = proposed.commands(channel, type);
                if (a != b) {
                    kinds.put(type.name(), new long[] {b, a});
                }
            }
            if (!kinds.isEmpty()) {
                messages.put(channel, kinds);
            }
        }
        Set<String> silencedBefore = silenced(current);
        Set<String> silencedAfter = silenced(proposed);
        Set<String> inhibitedBefore = inhibited(current);
        Set<String> inhibitedAfter = inhibited(proposed);
        Map<String, String> routeBefore = routes(current);
        Map<String, String> routeAfter = routes(proposed);
        Set<String> unrouted = new TreeSet<>();
        Map<String, String> rerouted = new TreeMap<>();
        routeAfter.forEach((fingerprint, route) -> {
            String was = routeBefore.get(fingerprint);
            if (was == null || was.equals(route)) {
                return;
            }
            if (route.equals(defaultRouteId)) {
                unrouted.add(fingerprint);
            } else {
                rerouted.put(fingerprint, was + " -> " + route);
            }
        });
        return new PreviewDiff(
                current.incidents().size(),
                proposed.incidents().size(),
                incidents,
                messages,
                minus(silencedAfter, silencedBefore),
                minus(silencedBefore, silencedAfter),
                minus(inhibitedAfter, inhibitedBefore),
                minus(inhibitedBefore, inhibitedAfter),
                unrouted,
                rerouted,
                new long[] {clearedWhileHeld(current), clearedWhileHeld(proposed)});
    }

    /** True when the proposed rules change anything this diff looks at. */
    public boolean changed() {
        return incidentsCurrent != incidentsProposed
                || !incidentsByChannel.isEmpty()
                || !messagesByChannel.isEmpty()
                || !newlySilenced.isEmpty()
                || !noLongerSilenced.isEmpty()
                || !newlyInhibited.isEmpty()
                || !noLongerInhibited.isEmpty()
                || !newlyUnrouted.isEmpty()
                || !rerouted.isEmpty()
                || clearedWhileHeld[0] != clearedWhileHeld[1];
    }

    /**
     * The difference as lines for a terminal, at most {@code examples} fingerprints named per kind.
     *
     * @param examples how many fingerprints to name per kind before "and N more"
     */
    public List<String> lines(int examples) {
        List<String> lines = new ArrayList<>();
        if (!changed()) {
            lines.add("No change: the same incidents, messages, silences, inhibitions and routes as under the rules"
                    + " in force.");
            return lines;
        }
        lines.add(String.format("incidents: %d -> %d", incidentsCurrent, incidentsProposed));
        incidentsByChannel.forEach((channel, counts) ->
                lines.add(String.format("  %-24s incidents %d -> %d", channel, counts[0], counts[1])));
        if (!messagesByChannel.isEmpty()) {
            lines.add("Slack messages per channel (rules in force -> proposed):");
            messagesByChannel.forEach((channel, kinds) -> {
                List<String> parts = new ArrayList<>();
                kinds.forEach((kind, counts) -> parts.add(kind + " " + counts[0] + " -> " + counts[1]));
                lines.add(String.format("  %-24s %s", channel, String.join(", ", parts)));
            });
        }
        fingerprints(lines, "alerts newly silenced", newlySilenced, examples);
        fingerprints(lines, "alerts no longer silenced", noLongerSilenced, examples);
        fingerprints(lines, "alerts newly inhibited", newlyInhibited, examples);
        fingerprints(lines, "alerts no longer inhibited", noLongerInhibited, examples);
        fingerprints(lines, "alerts newly unrouted (default route)", newlyUnrouted, examples);
        if (!rerouted.isEmpty()) {
            lines.add("alerts moved to another route: " + rerouted.size());
            rerouted.entrySet().stream()
                    .limit(examples)
                    .forEach(e -> lines.add("  " + e.getKey() + ": " + e.getValue()));
            if (rerouted.size() > examples) {
                lines.add("  ... and " + (rerouted.size() - examples) + " more");
            }
        }
        if (clearedWhileHeld[0] != clearedWhileHeld[1]) {
            lines.add(String.format(
                    "incidents held and cleared by themselves (never posted): %d -> %d",
                    clearedWhileHeld[0], clearedWhileHeld[1]));
        }
        return lines;
    }

    private static void fingerprints(List<String> lines, String what, Set<String> fingerprints, int examples) {
        if (fingerprints.isEmpty()) {
            return;
        }
        lines.add(what + ": " + fingerprints.size());
        fingerprints.stream().limit(examples).forEach(f -> lines.add("  " + f));
        if (fingerprints.size() > examples) {
            lines.add("  ... and " + (fingerprints.size() - examples) + " more");
        }
    }

    /** Fingerprints whose latest event in some incident was silenced (not inhibited). */
    private static Set<String> silenced(ReplayReport report) {
        Set<String> out = new TreeSet<>();
        for (Incident incident : report.incidents().values()) {
            for (IncidentMember member : incident.members()) {
                if (member.suppressed() && !lastSuppressionIsInhibition(incident, member)) {
                    out.add(member.fingerprint());
                }
            }
        }
        return out;
    }

    /** Fingerprints that some incident's timeline records as inhibited, released since or not. */
    private static Set<String> inhibited(ReplayReport report) {
        Set<String> out = new TreeSet<>();
        for (Incident incident : report.incidents().values()) {
            for (IncidentMember member : incident.members()) {
                if (incident.timeline().stream().anyMatch(entry -> isInhibition(entry, member))) {
                    out.add(member.fingerprint());
                }
            }
        }
        return out;
    }

    private static boolean lastSuppressionIsInhibition(Incident incident, IncidentMember member) {
        TimelineEntry last = null;
        for (TimelineEntry entry : incident.timeline()) {
            if (entry.kind() == TimelineEntry.Kind.SUPPRESSED && entry.text().startsWith(member.title() + ": ")) {
                last = entry;
            }
        }
        return last != null && isInhibition(last, member);
    }

    /**
     * The lifecycle's timeline is the only place a replay's incident keeps why a member was suppressed: its entry
     * reads {@code <title>: firing (inhibited by <source> ...)} for an inhibition, {@code (silenced by <id>)} for a
     * silence ({@code Inhibition.describe}).
     */
    private static boolean isInhibition(TimelineEntry entry, IncidentMember member) {
        return entry.kind() == TimelineEntry.Kind.SUPPRESSED
                && entry.text().startsWith(member.title() + ": ")
                && entry.text().contains("(inhibited by ");
    }

    /** Each fingerprint's route, from the latest incident it was a member of. */
    private static Map<String, String> routes(ReplayReport report) {
        Map<String, String> out = new TreeMap<>();
        Map<String, Instant> seen = new TreeMap<>();
        for (Incident incident : report.incidents().values()) {
            for (IncidentMember member : incident.members()) {
                Instant last = seen.get(member.fingerprint());
                if (incident.routeId() != null
                        && (last == null || incident.lastSeen().isAfter(last))) {
                    out.put(member.fingerprint(), incident.routeId());
                    seen.put(member.fingerprint(), incident.lastSeen());
                }
            }
        }
        return out;
    }

    private static long clearedWhileHeld(ReplayReport report) {
        return report.incidents().values().stream()
                .filter(Holds::clearedWhileHeld)
                .count();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
