package io.alertbridge.processor.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.SilenceScope;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;

import java.util.List;

/**
 * Decides whether a rule document may be applied: it must satisfy {@code Rule.schema.json} and the record's own
 * invariants (thresholds ordered, silence window positive, regexes compile), and a silence must name what it
 * silences: with no live sample of alerts here, one whose matchers match every alert by construction
 * ({@code account!=nobody}, {@code service=~.*}, {@code account=~.+}; see {@link SilenceScope#judge(java.util.List)})
 * is rejected. A rule is applied whole or not at all. Thread-safe.
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
        return new Result(rule, List.of());
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
