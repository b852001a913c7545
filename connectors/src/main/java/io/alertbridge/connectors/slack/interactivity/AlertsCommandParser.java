package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.reports.ReportFilter;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Act;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Alarm;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Help;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Invalid;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.ListIncidents;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Membership;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Parsed;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Show;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Silence;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Why;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.UserAction.ActionType;
import io.alertbridge.schemas.serde.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the text after {@code /alerts} into an {@link AlertsRequest}. Pure and thread-safe; never throws: what
 * it cannot understand becomes {@link Invalid} with a sentence that says what was wrong and what would work.
 *
 * <pre>
 *   help
 *   list [channel=#c | #c | here] [severity=critical,error] [service=api] [--held]
 *   show INC-7F3A
 *   why INC-7F3A
 *   ack INC-7F3A | unack INC-7F3A | resolve INC-7F3A [reason]
 *   snooze INC-7F3A 2h | tomorrow
 *   silence service=api,env=prod 2h [reason]
 *   invite @user [INC-7F3A] [reason] | remove @user [INC-7F3A] [reason] | kick (as remove)
 *   alarm NAME
 *   report [7d | 24h | 30d | last-week | 2026-11-01..2026-11-30] [route:R | service:S | channel:C] [public]
 * </pre>
 *
 * <p>{@code --public} anywhere asks for an answer the whole channel sees; otherwise answers are ephemeral. Words may
 * be quoted ({@code "..."}, also Slack's curly quotes) to keep spaces inside a matcher's value.
 */
final class AlertsCommandParser {

    private static final String PUBLIC_FLAG = "--public";
    private static final Pattern CHANNEL_MENTION = Pattern.compile("<#([A-Z0-9]+)(?:\\|([^>]*))?>");
    private static final Pattern INCIDENT_ID = Pattern.compile("(?i)(INC-)?[A-Z0-9][A-Z0-9-]{1,40}");
    private static final Pattern USER_MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final String[] MATCHER_OPS = {"=~", "!~", "!=", "="};

    /** CloudWatch's own bound on an alarm name. */
    static final int MAX_ALARM_NAME = 255;

    private AlertsCommandParser() {}

    /** Parses the command's text (null or blank means help). */
    static Parsed parse(String text) {
        List<String> words = tokenize(text == null ? "" : text);
        boolean inChannel = words.removeIf(w -> w.equalsIgnoreCase(PUBLIC_FLAG));
        if (!words.isEmpty() && words.get(0).equalsIgnoreCase("report")) {
            // The report's own spelling of --public is the plain word.
            inChannel |= words.removeIf(w -> w.equalsIgnoreCase("public"));
        }
        if (words.isEmpty()) {
            return new Parsed(new Help(), inChannel);
        }
        String verb = words.remove(0).toLowerCase(Locale.ROOT);
        AlertsRequest request =
                switch (verb) {
                    case "help", "?" -> new Help();
                    case "list", "ls" -> list(words);
                    case "show", "info" -> show(words);
                    case "why", "explain" -> why(words);
                    case "ack", "acknowledge" -> act(ActionType.ACKNOWLEDGE, verb, words);
                    case "unack", "unacknowledge" -> act(ActionType.UNACKNOWLEDGE, verb, words);
                    case "resolve" -> act(ActionType.RESOLVE, verb, words);
                    case "snooze" -> snooze(words);
                    case "silence" -> silence(words);
                    case "alarm" -> alarm(words);
                    case "report", "reports" -> report(words);
                    case "invite" -> membership(ActionType.INVITE, verb, words);
                    case "remove", "kick" -> membership(ActionType.REMOVE, verb, words);
                    default ->
                        new Invalid("I don't know `" + verb + "`. Try `list`, `show`, `why`, `ack`, `resolve`, "
                                + "`snooze`, `silence`, `alarm`, `invite`, `remove`, `report` or `help`.");
                };
        return new Parsed(request, inChannel);
    }

    private static AlertsRequest list(List<String> words) {
        Set<String> channels = new HashSet<>();
        Set<Severity> severities = new HashSet<>();
        Set<String> services = new HashSet<>();
        boolean held = false;
        for (String word : words) {
            if (word.equalsIgnoreCase("--held") || word.equalsIgnoreCase("held")) {
                held = true;
                continue;
            }
            java.util.regex.Matcher mention = CHANNEL_MENTION.matcher(word);
            if (mention.matches()) {
                channels.add(mention.group(1).toLowerCase(Locale.ROOT));
                if (mention.group(2) != null && !mention.group(2).isBlank()) {
                    channels.add(ListFilter.normaliseChannel(mention.group(2)));
                }
                continue;
            }
            if (word.startsWith("#") || word.equalsIgnoreCase("here")) {
                channels.add(ListFilter.normaliseChannel(word));
                continue;
            }
            int at = indexOfSeparator(word);
            String key = at < 0 ? "" : word.substring(0, at).toLowerCase(Locale.ROOT);
            String value = at < 0 ? word : word.substring(at + 1);
            switch (key) {
                case "channel", "ch" -> splitList(value).forEach(v -> channels.add(ListFilter.normaliseChannel(v)));
                case "service", "svc" -> splitList(value).forEach(v -> services.add(v.toLowerCase(Locale.ROOT)));
                case "severity", "sev", "" -> {
                    for (String v : splitList(value)) {
                        Severity severity = severity(v);
                        if (severity == null) {
                            return new Invalid(
                                    at < 0
                                            ? "I don't know the filter `" + word + "`. Use `channel=`, `severity=` or "
                                                    + "`service=` (e.g. `list severity=critical service=api`)."
                                            : "`" + v + "` is not a severity; use critical, error, warning or info.");
                        }
                        severities.add(severity);
                    }
                }
                default -> {
                    return new Invalid(
                            "I don't know the filter `" + key + "`. Use `channel=`, `severity=` or " + "`service=`.");
                }
            }
        }
        return new ListIncidents(new ListFilter(channels, severities, services), held);
    }

    private static AlertsRequest show(List<String> words) {
        if (words.size() != 1 || !INCIDENT_ID.matcher(words.get(0)).matches()) {
            return new Invalid("Say which incident to show, e.g. `show INC-7F3A`.");
        }
        return new Show(words.get(0));
    }

    private static AlertsRequest why(List<String> words) {
        if (words.size() != 1 || !INCIDENT_ID.matcher(words.get(0)).matches()) {
            return new Invalid("Say which incident to explain, e.g. `why INC-7F3A`.");
        }
        return new Why(words.get(0));
    }

    private static AlertsRequest act(ActionType type, String verb, List<String> words) {
        if (words.isEmpty() || !INCIDENT_ID.matcher(words.get(0)).matches()) {
            return new Invalid("Say which incident, e.g. `" + verb + " INC-7F3A`.");
        }
        String reason = words.size() > 1 ? String.join(" ", words.subList(1, words.size())) : null;
        return new Act(type, words.get(0), null, reason);
    }

    private static AlertsRequest membership(ActionType type, String verb, List<String> words) {
        String example = "`" + verb + " @person INC-7F3A` (in the incident's own channel, `" + verb + " @person`)";
        if (words.isEmpty()) {
            return new Invalid("Say whom, e.g. " + example + ".");
        }
        String who = words.get(0);
        java.util.regex.Matcher mention = USER_MENTION.matcher(who);
        String userId;
        if (mention.matches()) {
            userId = mention.group(1);
        } else if (USER_ID.matcher(who).matches()) {
            userId = who;
        } else if (who.startsWith("@")) {
            return new Invalid("I got `" + who + "` as plain text, not as a person: pick them from Slack's list when "
                    + "you type `@`, so Slack tells me who they are (the command needs \"Escape channels, users, and "
                    + "links\" on in the app's settings).");
        } else {
            return new Invalid("Say whom as a mention, e.g. " + example + ".");
        }
        String incidentId = null;
        int next = 1;
        if (words.size() > 1
                && INCIDENT_ID.matcher(words.get(1)).matches()
                && words.get(1).toUpperCase(Locale.ROOT).startsWith("INC-")) {
            incidentId = words.get(1);
            next = 2;
        }
        String reason = words.size() > next ? String.join(" ", words.subList(next, words.size())) : null;
        return new Membership(type, userId, incidentId, reason);
    }

    private static AlertsRequest snooze(List<String> words) {
        if (words.size() < 2 || !INCIDENT_ID.matcher(words.get(0)).matches()) {
            return new Invalid("Say which incident and for how long, e.g. `snooze INC-7F3A 2h` or "
                    + "`snooze INC-7F3A tomorrow`.");
        }
        String reason = words.size() > 2 ? String.join(" ", words.subList(2, words.size())) : null;
        return new Act(ActionType.SNOOZE, words.get(0), words.get(1), reason);
    }

    private static AlertsRequest silence(List<String> words) {
        List<String> matcherTexts = new ArrayList<>();
        int i = 0;
        while (i < words.size() && looksLikeMatcher(words.get(i))) {
            matcherTexts.addAll(splitMatchers(words.get(i)));
            i++;
        }
        if (matcherTexts.isEmpty()) {
            return new Invalid("Say what to silence, for how long and why, e.g. "
                    + "`silence service=api,env=prod 2h deploying v2`.");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (String text : matcherTexts) {
            try {
                matchers.add(Matcher.parse(text));
            } catch (RuntimeException e) {
                return new Invalid("`" + text + "` is not a matcher (label=value, label!=value, label=~regex, "
                        + "label!~regex): " + e.getMessage());
            }
        }
        if (i >= words.size()) {
            return new Invalid(
                    "Say for how long to silence, e.g. `silence " + String.join(",", matcherTexts) + " 2h`.");
        }
        Duration duration;
        try {
            duration = Json.parseDuration(words.get(i));
        } catch (RuntimeException e) {
            return new Invalid("`" + words.get(i) + "` is not a duration; use e.g. 30m, 2h or 1d.");
        }
        String reason = i + 1 < words.size() ? String.join(" ", words.subList(i + 1, words.size())) : null;
        return new Silence(matchers, duration, reason);
    }

    /**
     * The rest of the line is the alarm's name (alarm names may hold spaces; quotes keep runs of them). Slack sends
     * {@code &}, {@code <} and {@code >} as HTML entities; they are undone so that the name is CloudWatch's.
     */
    private static AlertsRequest alarm(List<String> words) {
        String name = unescapeSlack(String.join(" ", words)).strip();
        if (name.isEmpty()) {
            return new Invalid("Say which alarm, e.g. `alarm checkout-p99-latency` (its exact CloudWatch name).");
        }
        if (name.length() > MAX_ALARM_NAME) {
            return new Invalid(
                    "That is longer than any CloudWatch alarm name (at most " + MAX_ALARM_NAME + " characters).");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return new Invalid("An alarm name cannot hold control characters.");
        }
        return new Alarm(name);
    }

    /**
     * {@code report [RANGE] [route:R|service:S|channel:C]}: at most one range (any word without a filter prefix) and
     * one filter. The range itself is read later, against the clock and the zone ({@code ReportRange.parse}).
     */
    private static AlertsRequest report(List<String> words) {
        String range = null;
        ReportFilter filter = ReportFilter.ALL;
        String usage = "Use `report [7d|24h|30d|last-week|2026-11-01..2026-11-30] [route:R|service:S|channel:C] "
                + "[public]`.";
        for (String word : words) {
            java.util.regex.Matcher mention = CHANNEL_MENTION.matcher(word);
            int at = indexOfSeparator(word);
            ReportFilter.By by = null;
            String value = null;
            if (mention.matches()) {
                by = ReportFilter.By.CHANNEL;
                value = mention.group(2) != null && !mention.group(2).isBlank() ? mention.group(2) : mention.group(1);
            } else if (word.startsWith("#") && word.length() > 1) {
                by = ReportFilter.By.CHANNEL;
                value = word;
            } else if (at > 0) {
                String key = word.substring(0, at).toLowerCase(Locale.ROOT);
                value = word.substring(at + 1);
                by = switch (key) {
                    case "route" -> ReportFilter.By.ROUTE;
                    case "service", "svc" -> ReportFilter.By.SERVICE;
                    case "channel", "ch" -> ReportFilter.By.CHANNEL;
                    default -> null;
                };
                if (by == null) {
                    return new Invalid("I don't know the filter `" + key + "`. " + usage);
                }
            }
            if (by != null) {
                if (value.isBlank() || filter.by() != ReportFilter.By.ALL) {
                    return new Invalid(
                            "Give at most one filter, with a value, e.g. `report 7d route:checkout`. " + usage);
                }
                filter = ReportFilter.of(by, value);
            } else {
                // Every other word is part of the range: ReportRange explains what it cannot read, whole.
                range = range == null ? word : range + " " + word;
            }
        }
        return new AlertsRequest.Report(range, filter);
    }

    /** Undoes the three entities Slack uses in command text ({@code &amp;} last, so {@code &amp;lt;} stays). */
    static String unescapeSlack(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static boolean looksLikeMatcher(String word) {
        for (String op : MATCHER_OPS) {
            if (word.indexOf(op) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Splits {@code a=1,b=~x{1,3}} at the commas that start another matcher, not those inside a value. */
    private static List<String> splitMatchers(String word) {
        List<String> out = new ArrayList<>();
        for (String piece : word.split(",", -1)) {
            if (!out.isEmpty() && !looksLikeMatcher(piece)) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + piece);
            } else if (!piece.isBlank()) {
                out.add(piece);
            }
        }
        return out;
    }

    private static int indexOfSeparator(String word) {
        int eq = word.indexOf('=');
        int colon = word.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        for (String v : value.split(",")) {
            if (!v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }

    /** A severity by name or unambiguous prefix ({@code crit}, {@code warn}), any case; null when none. */
    static Severity severity(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        if (upper.length() < 3) {
            return null;
        }
        for (Severity s : Severity.values()) {
            if (s.name().startsWith(upper)) {
                return s;
            }
        }
        return null;
    }

    /** Splits on white space, keeping quoted runs ({@code "..."}, {@code “...”}) together without their quotes. */
    static List<String> tokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\u201C' || c == '\u201D') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(current.toString());
        }
        return words;
    }
}
