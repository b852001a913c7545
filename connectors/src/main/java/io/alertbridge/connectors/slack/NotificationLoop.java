package io.alertbridge.connectors.slack;

import io.alertbridge.connectors.slack.CatchUpPlanner.Step;
import io.alertbridge.connectors.slack.SinkHealth.State;
import io.alertbridge.connectors.slack.SinkProbe.Point;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The sink's one thread: consumes {@code alertbridge.notifications} (read committed, manual commits), carries out
 * each command through {@link CommandExecutor}, writes dead letters, and commits an offset only after the effect of
 * every record before it is recorded in the refs topic (flushed).
 *
 * <p>While Slack is unavailable, {@link SlackCalls} waits here ({@link #pause}): every assigned partition is paused
 * and the loop keeps polling (so the instance stays in its group and takes part in rebalances) until the wait is
 * over; nothing further is consumed, nothing is skipped. Partitions assigned meanwhile are paused too; a partition
 * revoked meanwhile abandons its in-flight batch (its new owner redoes it, safely, from the refs).
 *
 * <p>Runs on one thread; {@link #stop()} may be called from any thread.
 */
final class NotificationLoop implements SlackCalls.Pauser {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationLoop.class);
    private static final JsonSerde<NotificationCommand> COMMANDS = JsonSerde.of(NotificationCommand.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);
    static final String STAGE = "slack-sink";

    /** The batch of a partition this instance no longer owns: abandon it. */
    static final class PartitionRevoked extends RuntimeException {
        PartitionRevoked(TopicPartition tp) {
            super("partition " + tp + " was revoked", null, false, false);
        }
    }

    /** The sink is stopping: leave the loop. */
    static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    private final SlackSinkConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final SlackRefStore refs;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final SinkProbe probe;
    private final BiConsumer<State, Map<String, String>> status;
    private final String topic;
    private final String dlqTopic;

    private CommandExecutor executor;
    private IncidentChannelManager incidentChannels;
    private SlackCalls slack;

    private final Map<TopicPartition, Long> processed = new HashMap<>();
    private final Set<TopicPartition> owned = new HashSet<>();
    private final AtomicReference<Exception> deadLetterFailure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean abandoned;
    private boolean pausedForSlack;
    private State state = State.STARTING;
    private String slackProblem;
    private boolean subscribed;
    private TopicPartition current;
    private Instant lastCommit = Instant.EPOCH;
    private Instant lastSweep = Instant.EPOCH;

    NotificationLoop(
            SlackSinkConfig config,
            Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer,
            Admin admin,
            SlackRefStore refs,
            SinkMetrics metrics,
            Clock clock,
            SinkProbe probe,
            BiConsumer<State, Map<String, String>> status) {
        this.config = config;
        this.consumer = consumer;
        this.producer = producer;
        this.admin = admin;
        this.refs = refs;
        this.metrics = metrics;
        this.clock = clock;
        this.probe = probe;
        this.status = status;
        this.topic = config.topics().notifications().name();
        this.dlqTopic = config.topics().deadLetters().name();
    }

    /** Wires the parts that call back into this loop (they need it as their {@link SlackCalls.Pauser}). */
    void wire(SlackCalls calls, CommandExecutor commands, IncidentChannelManager channels) {
        this.slack = calls;
        this.executor = commands;
        this.incidentChannels = channels;
    }

    /** Asks the loop to stop; it commits what it finished and returns. Any thread. */
    void stop() {
        running = false;
        consumer.wakeup();
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Marks the loop as abandoned (after a crash): closing the consumer then commits nothing, as a killed process
     * would not.
     */
    void abandon() {
        abandoned = true;
        running = false;
    }

    /** Runs until stopped. Throws {@link SinkProbe.Crash} to its caller. */
    void run() {
        try {
            ensureRefsTopic(1);
            verifyToken();
            consumer.subscribe(List.of(topic), new Rebalance());
            subscribed = true;
            publish(State.RUNNING, null);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (TopicPartition tp : records.partitions()) {
                    process(tp, records.records(tp));
                }
                commitIfDue(true);
                housekeeping();
            }
        } catch (WakeupException | Stopping e) {
            LOG.debug("Slack sink loop woken up to stop");
        }
        commitProcessed();
    }

    /** Nothing is consumed before Slack accepts the token: until then the notifications wait in Kafka. */
    private void verifyToken() {
        slack.awaitToken();
        LOG.info("Slack token verified against {}", config.apiUrl());
    }

    private void process(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
        List<NotificationCommand> commands = new ArrayList<>(records.size());
        List<RuntimeException> errors = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                commands.add(record.value() == null ? null : COMMANDS.deserialize(topic, record.value()));
                errors.add(null);
            } catch (SerializationException e) {
                commands.add(null);
                errors.add(e);
            }
        }
        current = tp;
        try {
            for (Step step : CatchUpPlanner.plan(commands)) {
                ConsumerRecord<byte[], byte[]> record = records.get(step.index());
                if (!owned.contains(tp)) {
                    throw new PartitionRevoked(tp);
                }
                RuntimeException unreadable = errors.get(step.index());
                if (unreadable != null) {
                    deadLetter(
                            record,
                            unreadable.getClass().getName(),
                            "unreadable notification: " + unreadable.getMessage());
                } else if (record.value() == null) {
                    LOG.debug("Skipping a tombstone at {}-{}@{}", tp.topic(), tp.partition(), record.offset());
                } else if (step.superseded()) {
                    metrics.command("coalesced");
                } else if (!carryOut(tp, record, step.command())) {
                    return;
                }
                processed.put(tp, record.offset() + 1);
                commitIfDue(false);
            }
        } catch (PartitionRevoked e) {
            LOG.info("Abandoning the rest of a batch of {}: the partition was revoked", tp);
        } finally {
            current = null;
        }
    }

    /** Carries out one command; false when the partition must be re-read from this record (a Kafka failure). */
    private boolean carryOut(TopicPartition tp, ConsumerRecord<byte[], byte[]> record, NotificationCommand command) {
        CommandOutcome outcome;
        try {
            outcome = executor.execute(tp.partition(), record.offset(), command);
        } catch (SinkProbe.Crash | SlackCalls.Halt | PartitionRevoked | Stopping | WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn(
                    "Could not record the Slack effect of {} at {}-{}@{}; re-reading from there: {}",
                    LogText.safe(command.commandId()),
                    tp.topic(),
                    tp.partition(),
                    record.offset(),
                    LogText.safe(e.getMessage()));
            consumer.seek(tp, record.offset());
            return false;
        } catch (RuntimeException e) {
            LOG.error(
                    "Failed to carry out {} at {}-{}@{}",
                    LogText.safe(command.commandId()),
                    tp.topic(),
                    tp.partition(),
                    record.offset(),
                    LogText.failure(e));
            outcome = CommandOutcome.deadLetter(new Decision(
                    SlackErrorClassifier.Action.DEAD_LETTER,
                    null,
                    e.getClass().getName(),
                    String.valueOf(e.getMessage())));
        }
        metrics.command(outcome.tag());
        if (outcome.result() == CommandOutcome.Result.DEAD_LETTER) {
            Decision why = outcome.failure();
            LOG.warn(
                    "Notification {} ({} of {}) at {}-{}@{} not carried out: {}",
                    LogText.safe(command.commandId()),
                    command.type(),
                    LogText.safe(command.incidentId()),
                    tp.topic(),
                    tp.partition(),
                    record.offset(),
                    LogText.safe(why.reason()));
            deadLetter(record, why.error(), why.reason());
        } else {
            LOG.debug(
                    "Notification {} at {}-{}@{}: {}",
                    LogText.safe(command.commandId()),
                    tp.topic(),
                    tp.partition(),
                    record.offset(),
                    LogText.safe(outcome.result()));
        }
        return true;
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String error, String reason) {
        metrics.deadLettered(error);
        DeadLetter letter = new DeadLetter(topic, STAGE, error, reason, record.partition(), record.offset());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        producer.send(
                new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), letter.writeTo(headers)),
                (metadata, e) -> {
                    if (e != null) {
                        deadLetterFailure.compareAndSet(null, e);
                    }
                });
    }

    private void commitIfDue(boolean force) {
        if (force || Duration.between(lastCommit, clock.instant()).compareTo(COMMIT_EVERY) >= 0) {
            commitProcessed();
        }
    }

    /** Flushes the refs (and dead letters), then commits what was carried out. */
    private void commitProcessed() {
        lastCommit = clock.instant();
        if (processed.isEmpty()) {
            return;
        }
        refs.flush();
        Exception lostLetter = deadLetterFailure.getAndSet(null);
        if (lostLetter != null) {
            throw new KafkaException("a dead letter could not be written; offsets are not committed", lostLetter);
        }
        probe.reached(Point.BEFORE_COMMIT);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        processed.forEach((tp, next) -> {
            if (owned.contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        });
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
        processed.clear();
        probe.reached(Point.COMMITTED);
    }

    private void housekeeping() {
        Instant now = clock.instant();
        if (Duration.between(lastSweep, now).compareTo(SWEEP_EVERY) >= 0) {
            lastSweep = now;
            incidentChannels.sweep();
        }
        long lag = 0;
        for (TopicPartition tp : owned) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.lag(lag);
    }

    @Override
    public void pause(Duration wait, String reason, boolean unavailable) {
        if (unavailable) {
            publish(State.SLACK_UNAVAILABLE, reason);
        }
        waitPaused(wait);
    }

    @Override
    public void refused(Duration wait, String reason) {
        publish(State.TOKEN_REJECTED, reason);
        waitPaused(wait);
    }

    /** Waits with every partition paused, still polling so the group keeps this member and its positions. */
    private void waitPaused(Duration wait) {
        if (!pausedForSlack) {
            pausedForSlack = true;
            metrics.paused(true);
            if (subscribed) {
                consumer.pause(consumer.assignment());
                commitProcessed();
            }
        }
        Instant until = clock.instant().plus(wait);
        while (running) {
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            Duration step = left.compareTo(POLL) < 0 ? left : POLL;
            if (subscribed) {
                rewind(consumer.poll(step));
            } else {
                waitUnsubscribed(step);
            }
            if (current != null && !owned.contains(current)) {
                throw new PartitionRevoked(current);
            }
        }
        if (!running) {
            throw new Stopping();
        }
    }

    @Override
    public void resumed() {
        if (pausedForSlack) {
            pausedForSlack = false;
            metrics.paused(false);
            if (subscribed) {
                consumer.resume(consumer.paused());
            }
            publish(subscribed ? State.RUNNING : State.STARTING, null);
        }
    }

    /** Reports the state, with the partitions owned and, when Slack is the problem, why. */
    private void publish(State state, String slackProblem) {
        this.state = state;
        this.slackProblem = slackProblem;
        Map<String, String> detail = new TreeMap<>();
        detail.put(
                "partitions",
                owned.stream()
                        .map(TopicPartition::partition)
                        .sorted()
                        .map(String::valueOf)
                        .collect(Collectors.joining(",")));
        if (slackProblem != null) {
            detail.put("slack", slackProblem);
        }
        status.accept(state, detail);
    }

    /** A poll while paused returns nothing; should a partition assigned in between slip through, re-read it. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            consumer.seek(tp, records.records(tp).get(0).offset());
            consumer.pause(List.of(tp));
        }
    }

    private void waitUnsubscribed(Duration step) {
        synchronized (this) {
            try {
                wait(Math.max(1, step.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopping();
            }
        }
    }

    /** Creates the compacted refs topic, co-partitioned with the notifications, or adds partitions it lacks. */
    private void ensureRefsTopic(int atLeast) {
        String refsTopic = config.refsTopic();
        try {
            int needed = Math.max(atLeast, partitionsOf(topic));
            int have = partitionsOf(refsTopic);
            if (have == 0) {
                NewTopic newTopic = new NewTopic(refsTopic, Optional.of(Math.max(1, needed)), Optional.empty())
                        .configs(Map.of("cleanup.policy", "compact"));
                admin.createTopics(List.of(newTopic)).all().get();
                LOG.info("Created the compacted topic {} with {} partitions", refsTopic, Math.max(1, needed));
            } else if (have < needed) {
                admin.createPartitions(Map.of(refsTopic, NewPartitions.increaseTo(needed)))
                        .all()
                        .get();
                LOG.info("Grew {} from {} to {} partitions to match {}", refsTopic, have, needed, topic);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot prepare " + refsTopic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping();
        }
    }

    private int partitionsOf(String name) throws InterruptedException, ExecutionException {
        try {
            TopicDescription d =
                    admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
            return d.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw e;
        }
    }

    /** Moves refs with their partitions; commits what was done on a partition before giving it up. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (abandoned) {
                return;
            }
            commitProcessed();
            release(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (abandoned) {
                return;
            }
            partitions.forEach(processed::remove);
            release(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            int highest = partitions.stream()
                    .mapToInt(TopicPartition::partition)
                    .max()
                    .orElse(0);
            ensureRefsTopic(highest + 1);
            refs.restore(partitions.stream().map(TopicPartition::partition).toList());
            owned.addAll(partitions);
            if (pausedForSlack) {
                consumer.pause(partitions);
            }
            LOG.info("Slack sink now owns {}", owned);
            publish(state, slackProblem);
        }

        private void release(Collection<TopicPartition> partitions) {
            owned.removeAll(partitions);
            refs.forget(partitions.stream().map(TopicPartition::partition).toList());
            LOG.info("Slack sink released {}", partitions);
            publish(state, slackProblem);
        }
    }
}
