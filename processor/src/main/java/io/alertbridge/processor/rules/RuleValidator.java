package io.alertbridge.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.LinkButton;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.SilenceScope;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a rule document may be applied: it must satisfy {@code Rule.schema.json} and the record's own
 * invariants (thresholds ordered, silence window positive, regexes compile), and a silence must name what it
 * silences: with no live sample of alerts here, one whose matchers match every alert by construction
 * ({@code account!=nobody}, {@code service=~.*}, {@code account=~.+}; see {@link SilenceScope#judge(java.util.List)})
 * is rejected. An inhibition rule whose source and target matchers would make alerts inhibit themselves is rejected
 * ({@link InhibitScope}). A route may only name receivers that the configuration defines
 * ({@link #validate(JsonNode, Set)}). A heartbeat's interval may not be shorter than the punctuation resolution
 * ({@link HeartbeatRule#RESOLUTION}), and every problem of a heartbeat or a report digest names it (a report's zone
 * must be a known IANA zone). A rule is applied whole or not at all. Thread-safe.
 */
public final class RuleValidator {

    private RuleValidator() {}

    /**
     * Validates and reads one rule.
     *
     * @param document the rule as JSON
     * @return the rule, or the reasons it was rejected
     */
    public static Result validate(JsonNode document) {
        List<String> problems = ContractSchemas.validate("Rule", document);
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        Rule rule;
        try {
            rule = Json.mapper().treeToValue(document, Rule.class);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return new Result(null, List.of(namingHeartbeat(document, String.valueOf(root.getMessage()))));
        }
        if (rule instanceof SilenceRule silence) {
            SilenceScope.Verdict verdict = SilenceScope.judge(silence.matchers());
            if (!verdict.allowed()) {
                return new Result(null, List.of("silence " + silence.id() + ": " + verdict.reason()));
            }
        }
        if (rule instanceof HeartbeatRule heartbeat && heartbeat.interval().compareTo(HeartbeatRule.RESOLUTION) < 0) {
            return new Result(
                    null,
                    List.of("heartbeat " + heartbeat.id() + ": interval " + heartbeat.interval()
                            + " is below the punctuation resolution (" + HeartbeatRule.RESOLUTION + ")"));
        }
        if (rule instanceof RouteRule route) {
            List<String> linkProblems = linkProblems(route);
            if (!linkProblems.isEmpty()) {
                return new Result(null, linkProblems);
            }
        }
        if (rule instanceof InhibitRule inhibit) {
            InhibitScope.Verdict verdict = InhibitScope.judge(inhibit);
            if (!verdict.allowed()) {
                return new Result(null, List.of("inhibit " + inhibit.id() + ": " + verdict.reason()));
            }
        }
        return new Result(rule, List.of());
    }

    /**
     * A heartbeat's or report's reading problem (an unknown zone, say), prefixed with the rule's kind and name unless
     * it already says it.
     */
    private static String namingHeartbeat(JsonNode document, String problem) {
        String kind = document.path("kind").asText();
        if (!"heartbeat".equals(kind) && !"report".equals(kind)) {
            return problem;
        }
        String prefix = kind + " " + document.path("id").asText("?") + ": ";
        return problem.startsWith(prefix) ? problem : prefix + problem;
    }

    /**
     * Why a route's link buttons cannot be applied, each naming the route: too many buttons for Slack's actions
     * block, a malformed template ({@link LinkButton#problems()}), or a {@code {{labels.NAME}}} whose NAME is not in
     * the route's {@code groupBy} (an incident carries its group labels only, so that button could never render).
     */
    public static List<String> linkProblems(RouteRule route) {
        List<String> problems = new ArrayList<>();
        if (route.links().size() > RouteRule.MAX_LINKS) {
            problems.add("route " + route.id() + ": " + route.links().size() + " link buttons, at most "
                    + RouteRule.MAX_LINKS + " fit next to Acknowledge, Resolve and Snooze");
        }
        for (LinkButton link : route.links()) {
            for (String problem : link.problems()) {
                problems.add("route " + route.id() + ", link '" + link.text() + "': " + problem);
            }
            for (String label : link.labels()) {
                if (!route.groupBy().contains(label)) {
                    problems.add("route " + route.id() + ", link '" + link.text() + "': label '" + label
                            + "' is not in groupBy " + route.groupBy()
                            + " (an incident carries its group labels only)");
                }
            }
        }
        return problems;
    }

    /**
     * Validates and reads one rule as {@link #validate(JsonNode)} does, and rejects a route that names a receiver the
     * configuration does not define.
     *
     * @param document the rule as JSON
     * @param definedReceivers the receivers the configuration defines ({@code webhook:tickets}, ...); {@code slack}
     *     is always defined
     * @return the rule, or the reasons it was rejected
     */
    public static Result validate(JsonNode document, Set<String> definedReceivers) {
        Result result = validate(document);
        if (!result.isValid() || !(result.rule() instanceof RouteRule route)) {
            return result;
        }
        List<String> unknown = undefinedReceivers(route, definedReceivers);
        if (unknown.isEmpty()) {
            return result;
        }
        return new Result(
                null,
                List.of("route " + route.id() + " names receiver(s) " + unknown
                        + " that the configuration does not define (defined: "
                        + new TreeSet<>(definedReceivers) + ", and slack)"));
    }

    /** The receivers of {@code route} that are neither {@code slack} nor among {@code definedReceivers}. */
    public static List<String> undefinedReceivers(RouteRule route, Set<String> definedReceivers) {
        return route.receivers().stream()
                .filter(name -> !RouteRule.SLACK.equals(name) && !definedReceivers.contains(name))
                .toList();
    }

    /**
     * The outcome of validating one rule.
     *
     * @param rule the rule when valid, else null
     * @param problems why it was rejected; empty when valid
     */
    public record Result(Rule rule, List<String> problems) {
        public boolean isValid() {
            return rule != null;
        }

        /** The problems as one line, for logs and CLI output. */
        public String reason() {
            return String.join("; ", problems);
        }
    }
}
