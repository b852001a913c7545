package io.alertbridge.connectors.slack;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an incident's message looks for one route: its headline, which labels it shows, how many member alerts it
 * lists, whether it carries buttons, and its footer. Configured per route id under {@code slack.templates}; a route
 * without one uses {@link #DEFAULT}.
 *
 * <p>Headline and footer are mrkdwn written by the operator (trusted: they may hold links and emoji) with
 * placeholders that the renderer fills with escaped values, so an alarm's text can never break out of them:
 *
 * <ul>
 *   <li>{@code {emoji}} the state's emoji, {@code {state}}, {@code {severity}}, {@code {incidentId}}
 *   <li>{@code {title}}, {@code {route}}, {@code {alertCount}}, {@code {firing}} (members firing),
 *       {@code {members}} (member count)
 *   <li>{@code {label:NAME}} the value of a group label (empty when absent)
 * </ul>
 *
 * <p>Example, in the YAML configuration file:
 *
 * <pre>{@code
 * slack:
 *   templates:
 *     payments:                       # route id
 *       headline: "{emoji} *{severity}* {title} (<https://wiki.example/runbooks/payments|runbook>)"
 *       labels: [account, region, service, resource, team]
 *       maxMembers: 5
 *       buttons: true
 *       footer: "{incidentId} · owned by #payments-oncall · {alertCount} alerts"
 * }</pre>
 *
 * <p>Immutable; validated on construction (an unknown placeholder or an out-of-range number names itself).
 *
 * @param headline the message's first line (its notification text too)
 * @param labels the group labels shown as fields, in order (at most 10, Slack's limit of fields per section)
 * @param maxMembers how many member alerts are listed before the rest collapse into "and N more" (1..40)
 * @param buttons whether Acknowledge / Resolve / Snooze buttons are shown on unresolved incidents
 * @param footer the context line at the bottom
 */
public record MessageTemplate(
        String headline, List<String> labels, Integer maxMembers, Boolean buttons, String footer) {

    static final String DEFAULT_HEADLINE = "{emoji} *{severity}* · *{state}* · {title}";
    static final List<String> DEFAULT_LABELS = List.of("account", "region", "service", "resource");
    static final String DEFAULT_FOOTER = "{incidentId} · route {route} · {alertCount} alerts";
    static final int MAX_LABELS = 10;
    public static final int MAX_MEMBERS = 40;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)(?::([^{}]+))?}");
    private static final Set<String> NAMES =
            Set.of("emoji", "state", "severity", "incidentId", "title", "route", "alertCount", "firing", "members");

    /** The template of routes that do not configure one (declared after the constants it needs). */
    public static final MessageTemplate DEFAULT = new MessageTemplate(null, null, null, null, null);

    public MessageTemplate {
        headline = headline == null || headline.isBlank() ? DEFAULT_HEADLINE : headline;
        labels = labels == null ? DEFAULT_LABELS : List.copyOf(labels);
        maxMembers = maxMembers == null ? 10 : maxMembers;
        buttons = buttons == null || buttons;
        footer = footer == null ? DEFAULT_FOOTER : footer;
        if (labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException("labels: at most " + MAX_LABELS + " (Slack's fields per section)");
        }
        if (maxMembers < 1 || maxMembers > MAX_MEMBERS) {
            throw new IllegalArgumentException("maxMembers: must be 1.." + MAX_MEMBERS + ", was " + maxMembers);
        }
        checkPlaceholders("headline", headline);
        checkPlaceholders("footer", footer);
    }

    /**
     * Fills the placeholders of {@code pattern}: {@code values} gives already escaped values by name,
     * {@code labels} escaped label values by label name.
     */
    public static String fill(String pattern, Map<String, String> values, Function<String, String> labels) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value =
                    m.group(2) != null && m.group(1).toLowerCase(Locale.ROOT).equals("label")
                            ? labels.apply(m.group(2))
                            : values.getOrDefault(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void checkPlaceholders(String field, String pattern) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            boolean label = m.group(1).equals("label") && m.group(2) != null;
            if (!label && (m.group(2) != null || !NAMES.contains(m.group(1)))) {
                throw new IllegalArgumentException(
                        field + ": unknown placeholder " + m.group() + " (known: " + NAMES + " and {label:NAME})");
            }
        }
    }
}
