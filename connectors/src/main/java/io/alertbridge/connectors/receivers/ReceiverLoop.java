package io.alertbridge.connectors.receivers;

import io.alertbridge.connectors.receivers.DeliveryClassifier.Verdict;
import io.alertbridge.connectors.receivers.ReceiverProbe.Point;
import io.alertbridge.connectors.retry.Backoff;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A receiver's one thread: consumes {@code alertbridge.incidents} in its own group (read committed, manual commits)
 * and delivers, per partition in offset order, the changes of the incidents whose route lists the receiver
 * ({@link Routing}). Within one poll's batch of a partition only the newest version of each incident is delivered
 * (a backlog after an outage is caught up with the latest state, not replayed); a version not newer than what was
 * delivered is skipped ({@link DeliveryMemory}).
 *
 * <p>Each message is sent, its answer classified ({@link DeliveryClassifier}); a retry waits {@code Retry-After}
 * or the backoff in {@link ReceiverWait} (partitions paused, consumer polling) until the receiver's give-up time,
 * after which the message goes to the dead-letter topic with the reason, as a refused one does at once. The offset
 * of a delivered change is committed at once, so a crash repeats at most the change in flight (with the same
 * idempotency key or dedup key); the offsets of changes that needed nothing are committed every second.
 *
 * <p>Runs on one thread; {@link #stop()} from any thread.
 */
public final class ReceiverLoop<M> implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverLoop.class);
    private static final JsonSerde<Incident> INCIDENTS = JsonSerde.of(Incident.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);

    /** How one message ended. */
    enum Outcome {
        DELIVERED,
        REFUSED,
        GAVE_UP
    }

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Destination<M> destination;
    private final Function<String, Optional<RouteRule>> routes;
    private final DeliverySettings settings;
    private final Backoff backoff;
    private final ReceiverParts parts;
    private final DeliveryMemory memory = new DeliveryMemory(DeliveryMemory.DEFAULT_CAPACITY);
    private final Map<TopicPartition, Long> done = new HashMap<>();
    private Instant lastCommit = Instant.EPOCH;
    /** Why the last message ended as it did, for its dead-letter record. */
    private String lastReason;

    private volatile boolean abandoned;

    /**
     * @param consumer the receiver's consumer (its group is the receiver's)
     * @param topic the incidents topic
     * @param destination where changes go
     * @param routes the routes in force, by id
     * @param settings timeouts, backoff and give-up time
     * @param parts status, metrics, dead letters, wait, probe and clock
     */
    public ReceiverLoop(
            Consumer<byte[], byte[]> consumer,
            String topic,
            Destination<M> destination,
            Function<String, Optional<RouteRule>> routes,
            DeliverySettings settings,
            ReceiverParts parts) {
        this.consumer = consumer;
        this.topic = topic;
        this.destination = destination;
        this.routes = routes;
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.parts = parts;
    }

    /** Asks the loop to stop; it commits what it delivered and returns. Any thread. */
    void stop() {
        parts.waiter().stop();
        consumer.wakeup();
    }

    /** After a crash: partitions are given up with nothing committed, as a killed process would. */
    void abandon() {
        abandoned = true;
    }

    /** Runs until stopped. Throws {@link ReceiverProbe.Crash} to its caller. */
    void run() {
        consumer.subscribe(List.of(topic), this);
        parts.status().running();
        LOG.info("Receiver {} consuming {} as group {}", destination.id(), topic, settings.groupId());
        try {
            while (!parts.waiter().stopping()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (TopicPartition tp : records.partitions()) {
                    if (parts.waiter().owns(tp)) {
                        process(tp, records.records(tp));
                    }
                }
                commitIfDue();
            }
        } catch (WakeupException | ReceiverWait.Stopping e) {
            LOG.debug("Receiver {} woken up to stop", destination.id());
        }
        commit();
    }

    private void process(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
        List<Incident> incidents = new ArrayList<>(records.size());
        Map<String, Integer> newest = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Incident incident = read(records.get(i));
            incidents.add(incident);
            if (incident != null) {
                Integer best = newest.get(incident.incidentId());
                if (best == null || incident.version() >= incidents.get(best).version()) {
                    newest.put(incident.incidentId(), i);
                }
            }
        }
        parts.waiter().working(tp);
        try {
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<byte[], byte[]> record = records.get(i);
                Incident incident = incidents.get(i);
                if (!parts.waiter().owns(tp)) {
                    return;
                }
                if (incident == null) {
                    unreadable(record);
                } else if (newest.get(incident.incidentId()) != i) {
                    parts.metrics().change("coalesced");
                } else if (carryOut(record, incident)) {
                    done.put(tp, record.offset() + 1);
                    commit();
                    parts.probe().reached(Point.COMMITTED);
                    continue;
                }
                done.put(tp, record.offset() + 1);
                commitIfDue();
            }
        } catch (ReceiverWait.PartitionRevoked e) {
            LOG.info("Receiver {} abandons the rest of a batch of {}: the partition was revoked", destination.id(), tp);
        } finally {
            parts.waiter().working(null);
        }
    }

    /** The record's incident, or null for a tombstone or unreadable bytes. */
    private Incident read(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return INCIDENTS.deserialize(topic, record.value());
        } catch (SerializationException e) {
            return null;
        }
    }

    private void unreadable(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        parts.metrics().change("unreadable");
        LOG.warn(
                "Receiver {}: unreadable incident at {}-{}@{}",
                destination.id(),
                record.topic(),
                record.partition(),
                record.offset());
        parts.deadLetters().write(record, "unreadable", "not an incident", null);
    }

    /** Delivers one incident change; true when something was sent (its offset is then committed at once). */
    private boolean carryOut(ConsumerRecord<byte[], byte[]> record, Incident incident) {
        Delivered previous = memory.get(incident.incidentId());
        if (previous != null && previous.version() >= incident.version()) {
            parts.metrics().change("stale");
            return false;
        }
        if (!Routing.sendsTo(routes, incident, destination.id(), previous)) {
            parts.metrics().change("not_routed");
            return false;
        }
        List<M> messages = destination.plan(incident, previous);
        parts.metrics().change("planned");
        for (M message : messages) {
            Outcome outcome = deliver(message);
            if (outcome != Outcome.DELIVERED) {
                String error = outcome == Outcome.REFUSED ? "refused" : "gave_up";
                parts.deadLetters().write(record, error, lastReason, destination.describe(message));
            }
        }
        memory.put(incident.incidentId(), new Delivered(incident.version(), incident.state()));
        return !messages.isEmpty();
    }

    /** Sends one message until it is delivered, refused, or the give-up time is over. */
    Outcome deliver(M message) {
        Instant first = parts.clock().instant();
        for (int attempt = 0; ; attempt++) {
            DeliveryAnswer answer = parts.waiter().await(destination.send(message));
            Verdict verdict = DeliveryClassifier.classify(answer);
            lastReason = verdict.reason();
            switch (verdict.action()) {
                case DELIVERED -> {
                    settle();
                    parts.metrics().delivery("delivered");
                    parts.status().delivered();
                    LOG.debug(
                            "Receiver {} delivered {}", destination.id(), LogText.safe(destination.describe(message)));
                    parts.probe().reached(Point.DELIVERED);
                    return Outcome.DELIVERED;
                }
                case REFUSED -> {
                    settle();
                    parts.metrics().delivery("refused");
                    parts.status().refused(verdict.reason());
                    LOG.warn(
                            "Receiver {}: {} refused, not retried: {}",
                            destination.id(),
                            LogText.safe(destination.describe(message)),
                            LogText.safe(verdict.reason()));
                    return Outcome.REFUSED;
                }
                case RETRY -> {
                    Duration elapsed = Duration.between(first, parts.clock().instant());
                    Duration left = settings.giveUpAfter().minus(elapsed);
                    if (left.isNegative() || left.isZero()) {
                        settle();
                        parts.metrics().delivery("gave_up");
                        LOG.warn(
                                "Receiver {}: gave up on {} after {}: {}",
                                destination.id(),
                                LogText.safe(destination.describe(message)),
                                elapsed,
                                LogText.safe(verdict.reason()));
                        lastReason = "gave up after " + elapsed + ": " + verdict.reason();
                        return Outcome.GAVE_UP;
                    }
                    Duration wait = waitBefore(attempt, verdict.retryAfter(), left);
                    parts.metrics().retry(answer.status() == 0 ? "no_answer" : String.valueOf(answer.status()));
                    parts.metrics().waiting(true);
                    parts.status().retrying(verdict.reason());
                    LOG.info(
                            "Receiver {}: {} not delivered ({}); retrying in {}",
                            destination.id(),
                            LogText.safe(destination.describe(message)),
                            LogText.safe(verdict.reason()),
                            wait);
                    parts.waiter().sleep(wait);
                }
                default -> throw new IllegalStateException("unknown action " + verdict.action());
            }
        }
    }

    /** The wait before retry {@code attempt}: the destination's {@code Retry-After} if given, else the backoff. */
    Duration waitBefore(int attempt, Duration retryAfter, Duration left) {
        Duration wait = retryAfter != null ? retryAfter : backoff.delay(attempt);
        return wait.compareTo(left) > 0 ? left : wait;
    }

    private void settle() {
        parts.waiter().resume();
        parts.metrics().waiting(false);
    }

    private void commitIfDue() {
        if (Duration.between(lastCommit, parts.clock().instant()).compareTo(COMMIT_EVERY) >= 0) {
            commit();
        }
    }

    private void commit() {
        lastCommit = parts.clock().instant();
        if (done.isEmpty() || abandoned) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        done.forEach((tp, next) -> {
            if (parts.waiter().owns(tp)) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        });
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
        done.clear();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (abandoned) {
            return;
        }
        commit();
        parts.waiter().released(partitions);
        LOG.info("Receiver {} released {}", destination.id(), partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (abandoned) {
            return;
        }
        partitions.forEach(done::remove);
        parts.waiter().released(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            parts.waiter().assigned(partitions);
            LOG.info("Receiver {} now owns {}", destination.id(), parts.waiter().owned());
        }
    }
}
