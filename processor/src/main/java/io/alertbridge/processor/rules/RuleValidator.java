package io.alertbridge.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.SilenceScope;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a rule document may be applied: it must satisfy {@code Rule.schema.json} and the record's own
 * invariants (thresholds ordered, silence window positive, regexes compile), and a silence must name what it
 * silences: with no live sample of alerts here, one whose matchers match every alert by construction
 * ({@code account!=nobody}, {@code service=~.*}, {@code account=~.+}; see {@link SilenceScope#judge(java.util.List)})
 * is rejected. An inhibition rule whose source and target matchers would make alerts inhibit themselves is rejected
 * ({@link InhibitScope}). A route may only name receivers that the configuration defines ({@link #validate(JsonNode, Set)}).
 * A rule is applied whole or not at all. Thread-safe.
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
            return new Result(null, List.of(String.valueOf(root.getMessage())));
        }
        if (rule instanceof SilenceRule silence) {
            SilenceScope.Verdict verdict = SilenceScope.judge(silence.matchers());
            if (!verdict.allowed()) {
                return new Result(null, List.of("silence " + silence.id() + ": " + verdict.reason()));
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
