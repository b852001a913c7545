package io.alertbridge.devkit.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The test switches: answer the next calls with a 5xx, a 429 or an {@code ok: false} error, every answer late, or
 * every call with a revoked token. Rules apply in the order
 * they were set. A rule for all methods leaves {@code auth.test} alone, because the Slack SDK calls it on its own
 * before a token's first call and would otherwise swallow the fault meant for the call under test; a rule for a
 * named method applies to that method only ({@code auth.test} included).
 *
 * <p>Thread-safe (synchronized).
 */
final class FaultInjector {

    /**
     * What to answer instead of the method's result.
     *
     * @param httpStatus the status
     * @param retryAfterSeconds the Retry-After header for a 429
     * @param error Slack's error name for an {@code ok: false} answer with status 200; null for the others
     */
    record Fault(int httpStatus, int retryAfterSeconds, String error) {
        Fault(int httpStatus, int retryAfterSeconds) {
            this(httpStatus, retryAfterSeconds, null);
        }
    }

    private final LongSupplier nanoClock;
    private final List<Rule> rules = new ArrayList<>();
    private Duration delay = Duration.ZERO;
    private boolean tokenRevoked;

    FaultInjector(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** {@code method} null means every method but {@code auth.test}. */
    synchronized void failNext(String method, int count, int httpStatus) {
        rules.add(new Rule(method, count, Long.MAX_VALUE, new Fault(httpStatus, 0)));
    }

    /** {@code method} null means every method but {@code auth.test}. */
    synchronized void failNextWithError(String method, int count, String error) {
        rules.add(new Rule(method, count, Long.MAX_VALUE, new Fault(200, 0, error)));
    }

    synchronized void revokeToken(boolean revoked) {
        this.tokenRevoked = revoked;
    }

    synchronized boolean tokenRevoked() {
        return tokenRevoked;
    }

    synchronized void rateLimitNext(String method, int count, int retryAfterSeconds) {
        rules.add(new Rule(method, count, Long.MAX_VALUE, new Fault(429, retryAfterSeconds)));
    }

    synchronized void rateLimitFor(String method, Duration duration, int retryAfterSeconds) {
        long until = nanoClock.getAsLong() + duration.toNanos();
        rules.add(new Rule(method, Integer.MAX_VALUE, until, new Fault(429, retryAfterSeconds)));
    }

    synchronized void delay(Duration delay) {
        this.delay = delay;
    }

    synchronized Duration delay() {
        return delay;
    }

    synchronized void reset() {
        rules.clear();
        delay = Duration.ZERO;
        tokenRevoked = false;
    }

    /** The fault to answer this call with, if a rule applies; consumes one use of that rule. */
    synchronized Optional<Fault> next(String method) {
        long now = nanoClock.getAsLong();
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.remaining <= 0 || now - rule.untilNanos > 0) {
                it.remove();
                continue;
            }
            boolean applies = rule.method == null ? !method.equals("auth.test") : rule.method.equals(method);
            if (applies) {
                rule.remaining--;
                return Optional.of(rule.fault);
            }
        }
        return Optional.empty();
    }

    private static final class Rule {
        final String method;
        final long untilNanos;
        final Fault fault;
        int remaining;

        Rule(String method, int remaining, long untilNanos, Fault fault) {
            this.method = method;
            this.remaining = remaining;
            this.untilNanos = untilNanos;
            this.fault = fault;
        }
    }
}
