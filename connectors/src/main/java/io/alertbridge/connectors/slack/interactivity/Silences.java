package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.SilenceScope;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds the {@link SilenceRule} that {@code /alerts silence} writes to {@code alertbridge.rules}, and validates it
 * as an operator's rule would be: against {@code Rule.schema.json} and the record's invariants, plus two limits
 * of our own: the window may not be longer than {@code maxSilence}, and it may not silence everything, judged by
 * {@link SilenceScope} on what it would match whatever its operators: by construction ({@code account!=nobody},
 * {@code service=~.*}, {@code account=~.+}) and against the alerts the incident view knows of (open incidents and
 * those resolved in the last day).
 *
 * <p>The rule id is derived from the request (team, user, matchers, duration, reason and the request's key, see
 * {@link RequestIds}), so the same request creates the same rule wherever it arrives and the compacted rules topic
 * keeps one. Thread-safe (the sample supplier must be).
 */
final class Silences {

    /** How far back resolved incidents count in the sample a silence is judged against. */
    static final Duration SAMPLE_SPAN = Duration.ofDays(1);

    private final Duration max;
    private final Supplier<List<SilenceScope.SampleAlert>> sample;

    /** Judged by construction only (no sample). */
    Silences(Duration max) {
        this(max, List::of);
    }

    /**
     * @param max the longest silence allowed
     * @param sample the alerts to judge a silence against, read at each {@link #build}
     */
    Silences(Duration max, Supplier<List<SilenceScope.SampleAlert>> sample) {
        this.max = max;
        this.sample = sample;
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
        SilenceScope.Verdict scope = SilenceScope.judge(matchers, sample.get());
        if (!scope.allowed()) {
            throw new IllegalArgumentException(scope.reason());
        }
        String id = caller.requestKey() == null
                ? "silence-" + UUID.randomUUID().toString().substring(0, 8)
                : "silence-"
                        + RequestIds.digest(
                                caller.teamId(),
                                caller.userId(),
                                matchers.toString(),
                                duration.toString(),
                                reason,
                                caller.requestKey());
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
}
