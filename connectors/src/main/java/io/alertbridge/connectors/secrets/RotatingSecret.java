package io.alertbridge.connectors.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A secret kept in AWS as a part reads it: fetched once at construction ({@link #fetchNow}, which refuses the start
 * when it cannot be read), then served from memory; {@link #stale()} (the service that checks it refused it, as
 * Slack does a rotated token) makes the next {@link #get()} fetch it again, at most once per
 * {@code minInterval}, so a flood of refusals (forged requests with bad signatures) costs at most one read per
 * interval. A failed re-read keeps the value it had and logs the reference and why, never a value.
 *
 * <p>Thread-safe: fetches are serialised. {@link #toString()} is the reference.
 */
public final class RotatingSecret implements Supplier<String> {

    private static final Logger LOG = LoggerFactory.getLogger(RotatingSecret.class);

    /** How often a refused secret is read again at most, unless told otherwise. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(5);

    /** One read of the secret; throws when it cannot be read. */
    @FunctionalInterface
    public interface Fetch {
        String fetch();
    }

    private final SecretReference reference;
    private final Fetch fetch;
    private final Clock clock;
    private final Duration minInterval;
    private volatile String value;
    private Instant fetchedAt;
    private boolean stale;

    private RotatingSecret(SecretReference reference, Fetch fetch, Clock clock, Duration minInterval) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
    }

    /**
     * Fetches the secret now.
     *
     * @throws RuntimeException whatever {@code fetch} throws (an {@code InvalidConfigException} naming the reference)
     */
    public static RotatingSecret fetchNow(SecretReference reference, Fetch fetch, Clock clock, Duration minInterval) {
        RotatingSecret secret = new RotatingSecret(reference, fetch, clock, minInterval);
        secret.value = Objects.requireNonNull(fetch.fetch(), "fetched value");
        secret.fetchedAt = clock.instant();
        return secret;
    }

    /** The value: the one in memory, or a fresh read when it was refused and the interval has passed. Never log it. */
    @Override
    public synchronized String get() {
        if (stale && !clock.instant().isBefore(fetchedAt.plus(minInterval))) {
            fetchedAt = clock.instant();
            try {
                String fresh = Objects.requireNonNull(fetch.fetch(), "fetched value");
                stale = false;
                if (!fresh.equals(value)) {
                    LOG.info("Read a new value of {} after it was refused", reference);
                }
                value = fresh;
            } catch (RuntimeException e) {
                LOG.warn("Reading {} again failed; keeping the value read before: {}", reference, e.getMessage());
            }
        }
        return value;
    }

    /** The value last read was refused: read it again on a later {@link #get()} (rate-limited). */
    public synchronized void stale() {
        stale = true;
    }

    public SecretReference reference() {
        return reference;
    }

    @Override
    public String toString() {
        return reference.toString();
    }
}
