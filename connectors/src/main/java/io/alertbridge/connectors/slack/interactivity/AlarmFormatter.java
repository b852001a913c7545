package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.aws.ActionReach;
import io.alertbridge.connectors.aws.AlarmDefinition;
import io.alertbridge.connectors.aws.AlarmDefinition.Condition;
import io.alertbridge.connectors.aws.AlarmDefinition.Query;
import io.alertbridge.connectors.aws.AlarmLookup;
import io.alertbridge.connectors.aws.ConnectedTopics;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.TimelineEntry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answers of {@code /alerts alarm NAME} as Slack {@code mrkdwn}: an alarm's definition in words (metric,
 * dimensions, statistic, period, datapoints, threshold and comparison, missing data; metric math queries; a
 * composite's rule), its state, its actions and whether each reaches Alertbridge, and the incidents it was part of
 * with their latest events. Everything from AWS or Slack is escaped ({@link MrkdwnEscaper}) and bounded. Pure and
 * thread-safe.
 */
final class AlarmFormatter {

    static final int MAX_TEXT = 12_000;
    static final int MAX_TIMELINE = 5;
    private static final int MAX_ACTIONS = 10;
    private static final int MAX_REASON = 500;

    private AlarmFormatter() {}

    /** The whole answer for a found alarm. */
    static String found(
            AlarmDefinition alarm, ConnectedTopics.Snapshot connected, List<AlarmIncidents.Match> incidents) {
        StringBuilder out = new StringBuilder();
        out.append(stateEmoji(alarm.state()))
                .append(" *")
                .append(esc(alarm.name()))
                .append("* (")
                .append(alarm.kind() == AlarmDefinition.Kind.COMPOSITE ? "composite alarm" : "metric alarm")
                .append(")\n");
        out.append("*State:* ").append(esc(alarm.state() == null ? "unknown" : alarm.state()));
        if (alarm.stateSince() != null) {
            out.append(" since ").append(AlertsFormatter.date(alarm.stateSince()));
        }
        out.append('\n');
        if (alarm.stateReason() != null && !alarm.stateReason().isBlank()) {
            out.append("> ")
                    .append(esc(MrkdwnEscaper.truncate(alarm.stateReason(), MAX_REASON)))
                    .append('\n');
        }
        if (alarm.description() != null && !alarm.description().isBlank()) {
            out.append("*Description:* ")
                    .append(esc(MrkdwnEscaper.truncate(alarm.description(), MAX_REASON)))
                    .append('\n');
        }
        if (alarm.kind() == AlarmDefinition.Kind.COMPOSITE) {
            out.append("*Rule:* `")
                    .append(esc(MrkdwnEscaper.truncate(alarm.alarmRule(), 1_000)))
                    .append("`\n");
            if (alarm.actionsSuppressor() != null) {
                out.append("*Actions suppressed while:* `")
                        .append(esc(alarm.actionsSuppressor()))
                        .append("` is in ALARM\n");
            }
        } else if (alarm.condition() != null) {
            condition(out, alarm.condition());
        }
        actions(out, alarm, connected);
        incidents(out, incidents);
        return MrkdwnEscaper.truncate(out.toString().stripTrailing(), MAX_TEXT);
    }

    /** The answer when no alarm has the name. */
    static String notFound(String name, AlarmLookup.NotFound notFound, String command) {
        StringBuilder out = new StringBuilder("I found no CloudWatch alarm named *")
                .append(esc(name))
                .append("* in ")
                .append(esc(notFound.region()))
                .append(" (account ")
                .append(esc(notFound.maskedAccount()))
                .append(").");
        if (notFound.similar().isEmpty()) {
            out.append(" No alarm name starts like it either; names are case-sensitive.");
        } else {
            out.append(" Did you mean:\n");
            notFound.similar().forEach(n -> out.append("• `")
                    .append(command)
                    .append(" alarm ")
                    .append(esc(n))
                    .append("`\n"));
        }
        return out.toString().stripTrailing();
    }

    /** The answer when AWS could not be asked: one plain sentence. */
    static String unavailable(String name, String sentence) {
        return ":warning: I could not read the alarm *" + esc(name) + "*: " + esc(sentence) + ".";
    }

    /** A metric alarm's condition in words. */
    static void condition(StringBuilder out, Condition c) {
        if (c.metrics().isEmpty()) {
            out.append("*Metric:* `")
                    .append(esc(c.namespace()))
                    .append(" ")
                    .append(esc(c.metricName()))
                    .append('`')
                    .append(dimensions(c.dimensions()))
                    .append('\n');
            out.append("*When:* ")
                    .append(esc(statistic(c.statistic(), c.extendedStatistic())))
                    .append(" over ")
                    .append(period(c.periodSeconds()))
                    .append(' ')
                    .append(comparison(c.comparison(), c.threshold()))
                    .append(c.unit() == null || c.unit().equals("None") ? "" : " " + esc(c.unit()))
                    .append(", ")
                    .append(datapoints(c.datapointsToAlarm(), c.evaluationPeriods()))
                    .append('\n');
        } else {
            out.append("*Metric math:*\n");
            for (Query q : c.metrics()) {
                out.append("• `").append(esc(q.id())).append("` ");
                if (q.expression() != null) {
                    out.append("= `")
                            .append(esc(MrkdwnEscaper.truncate(q.expression(), 500)))
                            .append('`');
                } else {
                    out.append('`')
                            .append(esc(q.namespace()))
                            .append(' ')
                            .append(esc(q.metricName()))
                            .append('`')
                            .append(dimensions(q.dimensions()))
                            .append(", ")
                            .append(esc(statistic(q.stat(), null)))
                            .append(" over ")
                            .append(period(q.periodSeconds()));
                }
                if (q.label() != null && !q.label().isBlank()) {
                    out.append(" (").append(esc(q.label())).append(')');
                }
                out.append(q.returnData() ? " *← the alarm evaluates this one*" : "")
                        .append('\n');
            }
            out.append("*When:* the result ")
                    .append(comparison(c.comparison(), c.threshold()))
                    .append(c.thresholdMetricId() == null ? "" : " of `" + esc(c.thresholdMetricId()) + "`")
                    .append(", ")
                    .append(datapoints(c.datapointsToAlarm(), c.evaluationPeriods()))
                    .append('\n');
        }
        out.append("*Missing data:* ").append(missingData(c.treatMissingData())).append('\n');
    }

    /** AWS's comparison operator and threshold in words. */
    static String comparison(String operator, Double threshold) {
        String value = threshold == null ? "the threshold" : number(threshold);
        if (operator == null) {
            return "is compared with " + value;
        }
        return switch (operator) {
            case "GreaterThanOrEqualToThreshold" -> "is greater than or equal to " + value;
            case "GreaterThanThreshold" -> "is greater than " + value;
            case "LessThanThreshold" -> "is less than " + value;
            case "LessThanOrEqualToThreshold" -> "is less than or equal to " + value;
            case "LessThanLowerOrGreaterThanUpperThreshold" -> "is outside the anomaly detection band";
            case "GreaterThanUpperThreshold" -> "is above the anomaly detection band";
            case "LessThanLowerThreshold" -> "is below the anomaly detection band";
            default -> "is " + esc(operator) + " " + value;
        };
    }

    /** "for 3 of 5 periods" (datapoints to alarm of evaluation periods; all of them when not given). */
    static String datapoints(Integer datapointsToAlarm, Integer evaluationPeriods) {
        int periods = evaluationPeriods == null ? 1 : evaluationPeriods;
        int breaching = datapointsToAlarm == null ? periods : datapointsToAlarm;
        if (periods == 1) {
            return "for 1 period";
        }
        return breaching == periods
                ? "for " + periods + " consecutive periods"
                : "for " + breaching + " of the last " + periods + " periods";
    }

    /** What {@code TreatMissingData} means, in words; AWS's default is {@code missing}. */
    static String missingData(String treat) {
        String t = treat == null ? "missing" : treat;
        return switch (t) {
            case "missing" ->
                "treated as missing (the alarm looks further back; INSUFFICIENT_DATA when all is missing)";
            case "notBreaching" -> "treated as good (not breaching)";
            case "breaching" -> "treated as bad (breaching)";
            case "ignore" -> "ignored (the alarm keeps its current state)";
            default -> "`" + esc(t) + "`";
        };
    }

    /** A period in seconds as people say it: 10 seconds, 1 minute, 5 minutes, 1 hour, 1 day. */
    static String period(Integer seconds) {
        if (seconds == null) {
            return "its period";
        }
        int s = seconds;
        if (s % 86_400 == 0) {
            return plural(s / 86_400, "day");
        }
        if (s % 3_600 == 0) {
            return plural(s / 3_600, "hour");
        }
        if (s % 60 == 0) {
            return plural(s / 60, "minute");
        }
        return plural(s, "second");
    }

    static String statistic(String statistic, String extended) {
        if (extended != null) {
            return extended;
        }
        return statistic == null ? "the value" : statistic;
    }

    private static void actions(StringBuilder out, AlarmDefinition alarm, ConnectedTopics.Snapshot connected) {
        out.append("*Actions*");
        if (!alarm.actionsEnabled()) {
            out.append(" _(disabled: none of them runs)_");
        }
        out.append(":\n");
        if (alarm.alarmActions().isEmpty()
                && alarm.okActions().isEmpty()
                && alarm.insufficientDataActions().isEmpty()) {
            out.append("• none: this alarm notifies nobody\n");
        }
        List<ActionReach> onAlarm = reach(alarm.alarmActions(), connected);
        actionLines(out, "ALARM", onAlarm);
        actionLines(out, "OK", reach(alarm.okActions(), connected));
        actionLines(out, "INSUFFICIENT_DATA", reach(alarm.insufficientDataActions(), connected));
        if (connected.known() && onAlarm.stream().noneMatch(r -> r.reach() == ActionReach.Reach.CONNECTED)) {
            out.append(":warning: No ALARM action reaches Alertbridge: this alarm does not page through it.\n");
        } else if (!alarm.actionsEnabled()) {
            out.append(":warning: Its actions are disabled: this alarm does not page through Alertbridge.\n");
        }
    }

    private static List<ActionReach> reach(List<String> actions, ConnectedTopics.Snapshot connected) {
        return actions.stream().map(a -> ActionReach.of(a, connected)).toList();
    }

    private static void actionLines(StringBuilder out, String state, List<ActionReach> reaches) {
        reaches.stream().limit(MAX_ACTIONS).forEach(r -> out.append("• on ")
                .append(state)
                .append(": `")
                .append(esc(r.action()))
                .append("` ")
                .append(
                        switch (r.reach()) {
                            case CONNECTED -> ":white_check_mark: ";
                            case NOT_CONNECTED, NOT_A_TOPIC -> ":x: ";
                            case UNKNOWN -> ":grey_question: ";
                        })
                .append(esc(r.why()))
                .append('\n'));
        if (reaches.size() > MAX_ACTIONS) {
            out.append("• _…and ")
                    .append(reaches.size() - MAX_ACTIONS)
                    .append(" more on ")
                    .append(state)
                    .append("_\n");
        }
    }

    private static void incidents(StringBuilder out, List<AlarmIncidents.Match> matches) {
        if (matches.isEmpty()) {
            out.append("*Incidents:* none open or recent in Alertbridge\n");
            return;
        }
        out.append("*Incidents in Alertbridge (").append(matches.size()).append("):*\n");
        for (AlarmIncidents.Match match : matches) {
            Incident i = match.incident();
            out.append("• *")
                    .append(esc(i.incidentId()))
                    .append("* · ")
                    .append(i.severity().name().toLowerCase(Locale.ROOT))
                    .append(" · ")
                    .append(AlertsFormatter.state(i, Instant.EPOCH))
                    .append(" · opened ")
                    .append(AlertsFormatter.date(i.firstSeen()));
            if (i.resolvedAt() != null && i.state() == io.alertbridge.schemas.model.IncidentState.RESOLVED) {
                out.append(" · resolved ").append(AlertsFormatter.date(i.resolvedAt()));
            }
            out.append('\n');
            List<TimelineEntry> timeline = i.timeline();
            timeline.subList(Math.max(0, timeline.size() - MAX_TIMELINE), timeline.size())
                    .forEach(e -> out.append("    ◦ ")
                            .append(AlertsFormatter.date(e.at()))
                            .append(' ')
                            .append(esc(MrkdwnEscaper.truncate(e.text(), 200)))
                            .append(e.actor() == null ? "" : " (" + AlertsFormatter.user(e.actor()) + ")")
                            .append('\n'));
        }
    }

    private static String dimensions(Map<String, String> dimensions) {
        if (dimensions.isEmpty()) {
            return "";
        }
        return " ("
                + dimensions.entrySet().stream()
                        .map(d -> "`" + esc(d.getKey()) + "=" + esc(d.getValue()) + "`")
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private static String stateEmoji(String state) {
        if (state == null) {
            return ":white_circle:";
        }
        return switch (state) {
            case "ALARM" -> ":red_circle:";
            case "OK" -> ":large_green_circle:";
            default -> ":white_circle:";
        };
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String plural(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String esc(String text) {
        return text == null ? "" : MrkdwnEscaper.escape(text);
    }
}
