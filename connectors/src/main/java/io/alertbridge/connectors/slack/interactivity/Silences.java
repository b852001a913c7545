package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Builds the {@link SilenceRule} that {@code /alerts silence} writes to {@code alertbridge.rules}, and validates it
 * as an operator's rule would be: against {@code Rule.schema.json} and the record's invariants, plus two limits
 * of our own: the window may not be longer than {@code maxSilence}, and it may not silence everything (a matcher
 * set that every alert satisfies, such as {@code service=~.*}). Pure and thread-safe.
 */
final class Silences {

    private final Duration max;

    Silences(Duration max) {
        this.max = max;
    }

    /**
     * The silence a person asked for.
     *
     * @param matchers what to silence
     * @param duration for how long, from now
     * @param reason why, or null
     * @param caller who asked
     * @param now the current time
     * @throws IllegalArgumentException with a sentence for the person when it is not acceptable
     */
    SilenceRule build(List<Matcher> matchers, Duration duration, String reason, Caller caller, Instant now) {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("a silence must last more than zero");
        }
        if (duration.compareTo(max) > 0) {
            throw new IllegalArgumentException("a silence may last at most " + SnoozeTimes.human(max));
        }
        if (matchers.stream().allMatch(Silences::matchesEverything)) {
            throw new IllegalArgumentException("that would silence every alert; name at least one label value");
        }
        String id = "silence-" + UUID.randomUUID().toString().substring(0, 8);
        String why = reason == null || reason.isBlank() ? "silenced from Slack by " + caller.displayName() : reason;
        SilenceRule rule;
        try {
            rule = new SilenceRule(id, matchers, now, now.plus(duration), why, caller.userId());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        JsonNode document = Json.mapper().valueToTree((Rule) rule);
        List<String> problems = ContractSchemas.validate("Rule", document);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("it is not a valid silence: " + String.join("; ", problems));
        }
        return rule;
    }

    /** True for a regex matcher that accepts the empty value and arbitrary values alike ({@code .*} and kin). */
    static boolean matchesEverything(Matcher m) {
        return m.op() == Matcher.Op.RE
                && m.matches(java.util.Map.of())
                && m.matches(java.util.Map.of(m.label(), "x"))
                && m.matches(java.util.Map.of(m.label(), "any-value-9"));
    }
}
