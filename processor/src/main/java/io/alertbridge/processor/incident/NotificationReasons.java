package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand.Digest;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.TimelineEntry.Kind;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a notification was sent, in a few words for the people who read it (Alertmanager's {@code notification_reason},
 * shown by the Slack message in a small context line): decided from what the throttle sends and the incident change
 * behind it. Pure functions; thread-safe.
 *
 * <ul>
 *   <li>post: {@code New incident on route R, grouped by service=api, resource=i-1 (group wait 30s)}, plus why it is
 *       posted now when a member was inhibited or silenced before ({@code posted when region-down resolved});
 *   <li>edit: what changed last, from the newest timeline entry ({@code Reopened: ...}, {@code Acknowledged by ...},
 *       {@code Resolved: ...}, {@code cpu-1: still firing after region-down resolved});
 *   <li>thread reply: how many timeline entries it carries and the newest one's kind;
 *   <li>escalation: {@code Escalation level N: nobody acknowledged it};
 *   <li>digest: {@code Storm digest: N incidents in #channel did not get a message of their own}.
 * </ul>
 *
 * <p>Every reason is at most {@link #MAX_CHARS} characters; alert text inside it is not escaped (the renderer escapes).
 */
public final class NotificationReasons {

    /** The longest reason, in characters (the ellipsis included): one line in a Slack context block. */
    public static final int MAX_CHARS = 240;

    private NotificationReasons() {}

    /** The reason of an incident's first post under its route. */
    public static String post(Incident incident, RouteRule route) {
        StringBuilder why = new StringBuilder("New incident on route ").append(incident.routeId());
        why.append(", ").append(grouping(incident.groupLabels()));
        if (route != null) {
            why.append(" (group wait ")
                    .append(Durations.human(route.groupWait()))
                    .append(')');
        }
        TimelineEntry released = lastReleaseOrUnsilence(incident.timeline());
        if (released != null) {
            why.append("; posted now: ").append(released.text());
        }
        return bounded(why.toString());
    }

    /** The reason of an edit of the incident's message: what changed last. */
    public static String update(Incident incident) {
        TimelineEntry last = last(incident.timeline());
        if (last == null) {
            return bounded("Updated: now " + state(incident));
        }
        return bounded("Updated: " + last.text());
    }

    /** The reason of a thread reply carrying {@code entries}. */
    public static String reply(List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return "Thread: timeline";
        }
        TimelineEntry newest = entries.get(entries.size() - 1);
        String what = newest.kind() == null
                ? "activity"
                : newest.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return bounded("Thread: " + entries.size() + (entries.size() == 1 ? " timeline entry" : " timeline entries")
                + ", the newest " + what);
    }

    /** The reason of an escalation at {@code level} (1 reminder, 2 mention). */
    public static String escalation(int level) {
        return "Escalation level " + level + ": nobody acknowledged it" + (level >= 2 ? " (mention)" : " (reminder)");
    }

    /** The reason of a storm digest message in {@code channel}. */
    public static String digest(String channel, Digest digest) {
        return bounded("Storm digest: " + digest.incidentCount() + " incidents in " + channel
                + (digest.endedAt() == null ? " arrive too fast for a message each" : "; the storm is over"));
    }

    /** How an incident's members were grouped. */
    public static String grouping(Map<String, String> groupLabels) {
        if (groupLabels.isEmpty()) {
            return "no grouping labels (one incident for the route at a time)";
        }
        return "grouped by "
                + groupLabels.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    private static TimelineEntry lastReleaseOrUnsilence(List<TimelineEntry> timeline) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            TimelineEntry entry = timeline.get(i);
            if (entry.kind() == Kind.ALERT_FIRING
                    && entry.text() != null
                    && entry.text().contains(": still firing")) {
                return entry;
            }
        }
        return null;
    }

    private static TimelineEntry last(List<TimelineEntry> timeline) {
        return timeline.isEmpty() ? null : timeline.get(timeline.size() - 1);
    }

    private static String state(Incident incident) {
        return incident.state().name().toLowerCase(Locale.ROOT);
    }

    static String bounded(String text) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_CHARS ? oneLine : oneLine.substring(0, MAX_CHARS - 1) + "…";
    }
}
