package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.connectors.slack.sink.CatchUpPlanner.Step;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Carries out one partition's batch of notifications, in order, as {@link CatchUpPlanner} plans it (stale
 * snapshots of a backlog coalesced): each command through {@link CommandExecutor}, unreadable records and commands
 * Slack refused to the dead-letter topic, and every record marked done for {@link OffsetCommits}. A failure to
 * record an effect in Kafka rewinds the partition to that record; a partition revoked meanwhile abandons the rest.
 *
 * <p>Used by the sink's loop thread only.
 */
public final class Batches {

    private static final Logger LOG = LoggerFactory.getLogger(Batches.class);
    private static final JsonSerde<NotificationCommand> COMMANDS = JsonSerde.of(NotificationCommand.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final CommandExecutor executor;
    private final DeadLetters deadLetters;
    private final OffsetCommits commits;
    private final Assignment assignment;
    private final SinkMetrics metrics;

    public Batches(
            Consumer<byte[], byte[]> consumer,
            String topic,
            CommandExecutor executor,
            DeadLetters deadLetters,
            OffsetCommits commits,
            Assignment assignment,
            SinkMetrics metrics) {
        this.consumer = consumer;
        this.topic = topic;
        this.executor = executor;
        this.deadLetters = deadLetters;
        this.commits = commits;
        this.assignment = assignment;
        this.metrics = metrics;
    }

    /** Carries out the records polled from {@code tp}. */
    void process(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
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
        assignment.working(tp);
        try {
            List<Step> steps = CatchUpPlanner.plan(commands);
            int intendedUntil = 0;
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                ConsumerRecord<byte[], byte[]> record = records.get(step.index());
                if (!assignment.owns(tp)) {
                    throw new Assignment.PartitionRevoked(tp);
                }
                if (i >= intendedUntil) {
                    intendedUntil = i + CommandExecutor.INTENTS_AHEAD;
                    intendAhead(tp, records, steps.subList(i, Math.min(intendedUntil, steps.size())), errors);
                }
                RuntimeException unreadable = errors.get(step.index());
                if (unreadable != null) {
                    deadLetters.write(
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
                commits.done(tp, record.offset() + 1);
                commits.commitIfDue(false);
            }
        } catch (Assignment.PartitionRevoked e) {
            LOG.info("Abandoning the rest of a batch of {}: the partition was revoked", tp);
        } finally {
            executor.dropIntentsAhead();
            assignment.working(null);
        }
    }

    /**
     * Records the intents of the coming steps' first posts and replies in one round trip ({@link CommandExecutor#intendAhead}). When
     * that fails, each post records its own intent as it comes (and meets the failure there, if it lasts).
     */
    private void intendAhead(
            TopicPartition tp,
            List<ConsumerRecord<byte[], byte[]>> records,
            List<Step> coming,
            List<RuntimeException> errors) {
        List<CommandExecutor.Coming> carriedOut = new ArrayList<>(coming.size());
        for (Step step : coming) {
            if (step.command() != null && errors.get(step.index()) == null) {
                carriedOut.add(new CommandExecutor.Coming(
                        new CommandExecutor.Position(
                                tp.partition(),
                                records.get(step.index()).offset(),
                                step.command().commandId()),
                        step.command()));
            }
        }
        try {
            executor.intendAhead(carriedOut);
        } catch (RuntimeException e) {
            if (endsTheBatch(e)) {
                throw e;
            }
            // Kafka refused the intents, or resolving a channel failed: the commands meet it themselves, one by one,
            // where a failure dead-letters one command instead of stopping the sink.
            executor.dropIntentsAhead();
            LOG.warn(
                    "Could not record the coming post intents of {} at once; each post records its own: {}",
                    tp,
                    LogText.safe(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Whether a failure ends the batch as it is (a crash probe, Slack refusing the app, a revoked partition, a stop,
     * the consumer woken up), rather than being one command's: those go up to the loop untouched.
     */
    private static boolean endsTheBatch(RuntimeException e) {
        return e instanceof SinkProbe.Crash
                || e instanceof SlackCalls.Halt
                || e instanceof Assignment.PartitionRevoked
                || e instanceof StopSignal.Stopping
                || e instanceof WakeupException;
    }

    /** Carries out one command; false when the partition must be re-read from this record (a Kafka failure). */
    private boolean carryOut(TopicPartition tp, ConsumerRecord<byte[], byte[]> record, NotificationCommand command) {
        CommandOutcome outcome;
        try {
            outcome = executor.execute(tp.partition(), record.offset(), command);
        } catch (KafkaException e) {
            if (endsTheBatch(e)) {
                throw e;
            }
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
            if (endsTheBatch(e)) {
                throw e;
            }
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
            deadLetters.write(record, why.error(), why.reason());
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
}
