package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Holds;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.TimelineEntry.Kind;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text of {@code /alerts} answers, in Slack {@code mrkdwn}. Everything that comes from the outside world
 * (titles, labels, timeline text, channel names) is escaped with {@link MrkdwnEscaper}, so an alarm description
 * cannot ping {@code @channel} or forge a link. Times use Slack's {@code <!date^...>} so every reader sees their
 * own time zone. Pure and thread-safe.
 */
final class AlertsFormatter {

    /** Slack cuts message text at 40,000 characters; stay well below. */
    static final int MAX_TEXT = 12_000;

    private static final Pattern SLACK_USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final int MAX_MEMBERS = 10;
    private static final int MAX_TIMELINE = 5;
    private static final int MAX_WHY_STEPS = 8;

    private AlertsFormatter() {}

    /** The answer to {@code list}. */
    static String list(IncidentIndex.Page page, ListFilter filter, Instant now) {
        String scope = filter.isEmpty() ? "" : " (" + MrkdwnEscaper.escape(filter.describe()) + ")";
        if (page.total() == 0) {
            return ":white_check_mark: No open incidents" + scope + ".";
        }
        StringBuilder out = new StringBuilder();
        out.append("*")
                .append(page.total())
                .append(" open incident")
                .append(page.total() == 1 ? "" : "s")
                .append(scope)
                .append(", newest first*");
        for (Incident incident : page.items()) {
            out.append('\n').append(line(incident, now));
        }
        int hidden = page.total() - page.items().size();
        if (hidden > 0) {
            out.append("\n_…and ").append(hidden).append(" more. Narrow with `channel=`, `severity=` or `service=`._");
        }
        return MrkdwnEscaper.truncate(out.toString(), MAX_TEXT);
    }

    /**
     * The answer to {@code list --held}: incidents whose first post is held now, each with when its hold ends and why,
     * then how many cleared by themselves while held in the last 24 hours, per channel (they were never posted).
     */
    static String held(IncidentIndex.Page page, List<Incident> clearedLastDay, ListFilter filter, Instant now) {
        String scope = filter.isEmpty() ? "" : " (" + MrkdwnEscaper.escape(filter.describe()) + ")";
        StringBuilder out = new StringBuilder();
        if (page.total() == 0) {
            out.append(":white_check_mark: No incident is held now")
                    .append(scope)
                    .append('.');
        } else {
            out.append("*")
                    .append(page.total())
                    .append(" held incident")
                    .append(page.total() == 1 ? "" : "s")
                    .append(scope)
                    .append(": not posted yet, usually clear by themselves*");
            for (Incident incident : page.items()) {
                out.append('\n').append(line(incident, now));
                Holds.latestEntry(incident).ifPresent(entry -> {
                    out.append("\n      :hourglass: ");
                    Holds.until(entry)
                            .ifPresent(until ->
                                    out.append("posted ").append(date(until)).append(" unless it clears · "));
                    out.append(MrkdwnEscaper.escape(MrkdwnEscaper.truncate(entry.text(), 200)));
                });
            }
            int hidden = page.total() - page.items().size();
            if (hidden > 0) {
                out.append("\n_…and ").append(hidden).append(" more._");
            }
        }
        Map<String, Long> byChannel = new TreeMap<>();
        for (Incident incident : clearedLastDay) {
            byChannel.merge(incident.channel(), 1L, Long::sum);
        }
        if (!byChannel.isEmpty()) {
            out.append("\n*Cleared by themselves while held in the last 24 h (never posted):* ");
            StringJoiner counts = new StringJoiner(", ");
            byChannel.forEach((channel, count) -> counts.add(channel(channel) + " " + count));
            out.append(counts);
        }
        return MrkdwnEscaper.truncate(out.toString(), MAX_TEXT);
    }

    /** One incident on one line: id, severity, state and owner, title, channel, age. */
    static String line(Incident incident, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append(emoji(incident.severity()))
                .append(" *")
                .append(MrkdwnEscaper.escape(incident.incidentId()))
                .append("* · ")
                .append(incident.severity().name().toLowerCase(Locale.ROOT))
                .append(" · ")
                .append(state(incident, now))
                .append(" · ")
                .append(MrkdwnEscaper.escape(MrkdwnEscaper.truncate(incident.title(), 150)))
                .append(" · ")
                .append(channel(incident.channel()))
                .append(" · opened ")
                .append(date(incident.firstSeen()));
        return out.toString();
    }

    /** The answer to {@code show}. */
    static String show(Incident incident, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append(emoji(incident.severity()))
                .append(" *")
                .append(MrkdwnEscaper.escape(incident.incidentId()))
                .append(": ")
                .append(MrkdwnEscaper.escape(incident.title()))
                .append("*\n");
        out.append("*State:* ").append(state(incident, now)).append('\n');
        out.append("*Severity:* ")
                .append(incident.severity().name().toLowerCase(Locale.ROOT))
                .append("   *Channel:* ")
                .append(channel(incident.channel()))
                .append('\n');
        out.append("*Opened:* ")
                .append(date(incident.firstSeen()))
                .append("   *Last activity:* ")
                .append(date(incident.lastSeen()))
                .append("   *Alerts:* ")
                .append(incident.alertCount())
                .append('\n');
        if (!incident.groupLabels().isEmpty()) {
            out.append("*Labels:* ");
            incident.groupLabels().forEach((k, v) -> out.append('`')
                    .append(MrkdwnEscaper.escape(k))
                    .append('=')
                    .append(MrkdwnEscaper.escape(v))
                    .append("` "));
            out.append('\n');
        }
        members(out, incident.members());
        timeline(out, incident.timeline());
        return MrkdwnEscaper.truncate(out.toString().stripTrailing(), MAX_TEXT);
    }

    /**
     * The answer to {@code why}: step by step, how the incident came to be and why each message about it was sent,
     * from the incident alone (its route, grouping labels, members and timeline), plus the route's matchers and group
     * wait when {@code route} is known.
     */
    static String why(Incident incident, Optional<RouteRule> route, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append(":mag: *Why ")
                .append(MrkdwnEscaper.escape(incident.incidentId()))
                .append(" (")
                .append(MrkdwnEscaper.escape(MrkdwnEscaper.truncate(incident.title(), 150)))
                .append(") looks the way it does*\n");
        String routeId = incident.routeId() == null ? "the default route" : "`" + escapeCode(incident.routeId()) + "`";
        out.append("*1. Route:* ").append(routeId).append(", channel ").append(channel(incident.channel()));
        route.ifPresentOrElse(
                r -> out.append(
                        r.matchers().isEmpty()
                                ? ": the default route (no other route's matchers all matched)"
                                : ": the first route, by order, whose matchers all matched: `"
                                        + escapeCode(r.matchers().stream()
                                                .map(Object::toString)
                                                .collect(Collectors.joining(", ")))
                                        + "`"),
                () -> out.append(": the first route, by order, whose matchers all matched (else the default route)"));
        out.append('\n');
        out.append("*2. Grouping:* ");
        if (incident.groupLabels().isEmpty()) {
            out.append("no grouping labels: one incident at a time for the route");
        } else {
            out.append("alerts with ");
            out.append(incident.groupLabels().entrySet().stream()
                    .map(e -> "`" + escapeCode(e.getKey()) + "=" + escapeCode(e.getValue()) + "`")
                    .collect(Collectors.joining(", ")));
            out.append(" join this incident");
        }
        route.ifPresent(r -> out.append("; the first post waited ")
                .append(r.groupWait().toSeconds())
                .append(" s for more alerts of the group"));
        out.append(" (")
                .append(incident.members().size())
                .append(incident.members().size() == 1 ? " alert, " : " alerts, ")
                .append(incident.alertCount())
                .append(" events)\n");
        List<TimelineEntry> held = kinds(incident.timeline(), Kind.SUPPRESSED);
        List<TimelineEntry> released = incident.timeline().stream()
                .filter(e -> e.kind() == Kind.ALERT_FIRING
                        && e.text() != null
                        && e.text().contains(": still firing"))
                .toList();
        out.append("*3. Silences and inhibitions:* ");
        if (held.isEmpty()) {
            out.append("none recorded\n");
        } else {
            out.append(held.size()).append(" events recorded, never notified:\n");
            steps(out, held);
        }
        if (!released.isEmpty()) {
            out.append("   notified again once their silence ended or their inhibiting alert resolved:\n");
            steps(out, released);
        }
        List<TimelineEntry> escalations = kinds(incident.timeline(), Kind.ESCALATED);
        out.append("*4. Escalations:* ");
        if (escalations.isEmpty()) {
            out.append(incident.escalationLevel() == 0 ? "none" : "level " + incident.escalationLevel() + " reached");
            out.append('\n');
        } else {
            out.append("level ").append(incident.escalationLevel()).append(" reached\n");
            steps(out, escalations);
        }
        List<TimelineEntry> changes = kinds(
                incident.timeline(),
                Kind.OPENED,
                Kind.ACKNOWLEDGED,
                Kind.UNACKNOWLEDGED,
                Kind.SNOOZED,
                Kind.RESOLVED,
                Kind.REOPENED);
        out.append("*5. Messages:* the first post: new incident on ")
                .append(routeId)
                .append(", then an edit for each change below and thread replies for alert activity; now ")
                .append(state(incident, now))
                .append('\n');
        steps(out, changes);
        return MrkdwnEscaper.truncate(out.toString().stripTrailing(), MAX_TEXT);
    }

    private static List<TimelineEntry> kinds(List<TimelineEntry> timeline, Kind... kinds) {
        Set<Kind> wanted = Set.of(kinds);
        return timeline.stream().filter(e -> wanted.contains(e.kind())).toList();
    }

    private static void steps(StringBuilder out, List<TimelineEntry> entries) {
        int from = Math.max(0, entries.size() - MAX_WHY_STEPS);
        if (from > 0) {
            out.append("   • _").append(from).append(" earlier not shown_\n");
        }
        entries.subList(from, entries.size()).forEach(e -> out.append("   • ")
                .append(date(e.at()))
                .append(' ')
                .append(MrkdwnEscaper.escape(MrkdwnEscaper.truncate(e.text(), 200)))
                .append(e.actor() == null ? "" : " (" + user(e.actor()) + ")")
                .append('\n'));
    }

    private static String escapeCode(String text) {
        return MrkdwnEscaper.escapeLine(text).replace('`', '\'');
    }

    private static void members(StringBuilder out, List<IncidentMember> members) {
        if (members.isEmpty()) {
            return;
        }
        out.append("*Alerts (").append(members.size()).append("):*\n");
        members.stream().limit(MAX_MEMBERS).forEach(m -> out.append("• ")
                .append(
                        m.status() == AlertStatus.FIRING
                                ? ":red_circle: firing"
                                : ":white_circle: " + m.status().name().toLowerCase(Locale.ROOT))
                .append(" · ")
                .append(MrkdwnEscaper.escape(
                        MrkdwnEscaper.truncate(m.title() == null ? m.fingerprint() : m.title(), 150)))
                .append(m.suppressed() ? " _(silenced)_" : "")
                .append('\n'));
        if (members.size() > MAX_MEMBERS) {
            out.append("• _…and ").append(members.size() - MAX_MEMBERS).append(" more_\n");
        }
    }

    private static void timeline(StringBuilder out, List<TimelineEntry> timeline) {
        if (timeline.isEmpty()) {
            return;
        }
        out.append("*Latest events:*\n");
        timeline.subList(Math.max(0, timeline.size() - MAX_TIMELINE), timeline.size())
                .forEach(e -> out.append("• ")
                        .append(date(e.at()))
                        .append(' ')
                        .append(MrkdwnEscaper.escape(MrkdwnEscaper.truncate(e.text(), 200)))
                        .append(e.actor() == null ? "" : " (" + user(e.actor()) + ")")
                        .append('\n'));
    }

    /** Open / acknowledged by whom / resolved, and snoozed until when. */
    static String state(Incident incident, Instant now) {
        String state =
                switch (incident.state()) {
                    case OPEN -> "open, unowned";
                    case ACKNOWLEDGED ->
                        "acknowledged by "
                                + (incident.acknowledgedBy() == null ? "someone" : user(incident.acknowledgedBy()));
                    case RESOLVED ->
                        "resolved" + (incident.resolvedBy() == null ? "" : " by " + user(incident.resolvedBy()));
                };
        if (incident.state() != IncidentState.RESOLVED && incident.isSnoozedAt(now)) {
            state += ", :zzz: snoozed until " + date(incident.snoozedUntil());
        }
        return state;
    }

    /** The help text. */
    static String help(String command) {
        String c = command;
        return "*" + c + "*: incidents from Slack. Answers are only visible to you; add `--public` to share one.\n"
                + "• `" + c + " list [channel=#alerts] [severity=critical,error] [service=api]`: open incidents,"
                + " newest first (`channel=here` for this channel); add `--held` for those held because they usually"
                + " clear by themselves\n"
                + "• `" + c + " show INC-7F3A`: one incident, its alerts and latest events\n"
                + "• `" + c + " why INC-7F3A`: how it was routed, grouped, silenced or inhibited, and why each message"
                + " was sent\n"
                + "• `" + c + " ack INC-7F3A` / `" + c + " unack INC-7F3A`: take it / give it back\n"
                + "• `" + c + " resolve INC-7F3A [reason]`: close it by hand\n"
                + "• `" + c + " snooze INC-7F3A 2h` (or `tomorrow`): no reminders until then\n"
                + "• `" + c + " silence service=api,env=prod 2h [reason]`: mute matching alerts for a while"
                + " (`label=value`, `!=`, `=~regex`, `!~regex`)\n"
                + "• `" + c + " alarm NAME`: a CloudWatch alarm: its definition, state, actions (and whether they"
                + " reach Alertbridge) and its incidents here\n"
                + "• `" + c + " invite @person [INC-7F3A]` / `" + c + " remove @person [INC-7F3A]`: into or out of"
                + " the incident's own channel (in that channel, the incident is implied)\n"
                + "• `" + c + " report [7d|24h|30d|last-week|2026-11-01..2026-11-30] [route:R|service:S|channel:C]"
                + " [public]`: incidents opened, MTTA and MTTR, noisy and flapping alarms, pages outside working"
                + " hours, against the period before\n"
                + "• `" + c + " help`: this";
    }

    static String user(String who) {
        return SLACK_USER_ID.matcher(who).matches() ? "<@" + who + ">" : MrkdwnEscaper.escape(who);
    }

    static String channel(String channel) {
        String c = channel.strip();
        if (c.matches("[CGD][A-Z0-9]{2,}")) {
            return "<#" + c + ">";
        }
        return MrkdwnEscaper.escape(c.startsWith("#") ? c : "#" + c);
    }

    static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at + ">";
    }

    private static String emoji(Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":red_circle:";
            case ERROR -> ":large_orange_circle:";
            case WARNING -> ":large_yellow_circle:";
            case INFO -> ":large_blue_circle:";
        };
    }
}
