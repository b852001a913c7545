package io.alertbridge.connectors.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The SNS topics connected to the bridge: those with an {@code sqs} subscription whose endpoint is one of the
 * bridge's queues (SNS {@code ListSubscriptions}, filtered by the queues' ARNs from SQS
 * {@code GetQueueAttributes(QueueArn)}). An alarm action reaches Alertbridge exactly when it is one of them
 * ({@link ActionReach}). EventBridge rules that carry alarm state changes are not counted: an alarm's own actions
 * are what this answers for.
 *
 * <p>Listing every subscription of an account takes one call per 100 subscriptions, so the answer is cached:
 * for {@code ttl} after a good read, for {@code failureTtl} (shorter) after a failed one, so that a fixed
 * permission shows soon and a denied one is not asked for on every command. Whether a cached read is still used is
 * {@link #fresh}, a pure function. Thread-safe: reads are serialised, so a burst of commands costs one read.
 */
public final class ConnectedTopics {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectedTopics.class);

    /** How long a good read is used, unless told otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    /** How long a failed read is remembered, unless told otherwise. */
    public static final Duration DEFAULT_FAILURE_TTL = Duration.ofSeconds(30);

    /** One read of the connected topics; throws when AWS cannot be asked. */
    @FunctionalInterface
    public interface Read {
        Set<String> read();
    }

    /**
     * One read.
     *
     * @param topics the connected topic ARNs (empty when unknown)
     * @param queues how many bridge queues were looked at
     * @param unknown why the topics could not be read, or null when {@code topics} is the answer
     * @param readAt when it was read
     */
    public record Snapshot(Set<String> topics, int queues, String unknown, Instant readAt) {
        public Snapshot {
            topics = Set.copyOf(topics);
            Objects.requireNonNull(readAt, "readAt");
        }

        /** True when {@link #topics} is the answer. */
        public boolean known() {
            return unknown == null;
        }
    }

    private final Read read;
    private final int queues;
    private final Clock clock;
    private final Duration ttl;
    private final Duration failureTtl;
    private Snapshot last;

    /**
     * @param read the read of AWS
     * @param queues how many bridge queues {@code read} looks at (none: nothing is connected, no call is made)
     */
    public ConnectedTopics(Read read, int queues, Clock clock, Duration ttl, Duration failureTtl) {
        this.read = Objects.requireNonNull(read, "read");
        this.queues = queues;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.failureTtl = Objects.requireNonNull(failureTtl, "failureTtl");
    }

    /** The connected topics: the cached read while {@link #fresh}, else a new one. */
    public synchronized Snapshot get() {
        Instant now = clock.instant();
        if (fresh(last, now, ttl, failureTtl)) {
            return last;
        }
        if (queues == 0) {
            last = new Snapshot(Set.of(), 0, null, now);
            return last;
        }
        try {
            last = new Snapshot(read.read(), queues, null, now);
        } catch (RuntimeException e) {
            String why = AwsTrouble.sentence(e, "SNS");
            LOG.warn("Cannot read the topics connected to the bridge's queues: {}", why);
            last = new Snapshot(Set.of(), queues, why, now);
        }
        return last;
    }

    /** True when {@code last} may still be used at {@code now}: a good read for {@code ttl}, a failed one less. */
    static boolean fresh(Snapshot last, Instant now, Duration ttl, Duration failureTtl) {
        if (last == null) {
            return false;
        }
        Duration keep = last.known() ? ttl : failureTtl;
        return now.isBefore(last.readAt().plus(keep)) && !now.isBefore(last.readAt());
    }
}
