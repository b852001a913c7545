package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.sink.SinkHealth.State;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sink's pause on its own, over Kafka's in-memory consumer: what it does to the partitions, the offsets and the
 * health while Slack is unavailable, and how it ends.
 */
class SlackPauseTest {

    private static final Duration SHORT = Duration.ofMillis(30);
    private final TopicPartition tp0 = new TopicPartition("alertbridge.notifications", 0);
    private final TopicPartition tp1 = new TopicPartition("alertbridge.notifications", 1);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SinkMetrics metrics = new SinkMetrics(registry);
    private final Assignment assignment = new Assignment();
    private final SinkStatus status = new SinkStatus(assignment, Clock.systemUTC());
    private final StopSignal stop = new StopSignal(consumer::wakeup);
    private OffsetCommits commits;
    private SlackPause pause;

    @BeforeEach
    void setUp() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetters deadLetters = new DeadLetters("alertbridge.notifications", "alertbridge.dlq", producer, metrics);
        commits = new OffsetCommits(
                consumer, SlackRefStore.inMemory(), deadLetters, assignment, Clock.systemUTC(), SinkProbe.NONE);
        pause = new SlackPause(consumer, assignment, commits, status, metrics, Clock.systemUTC(), stop);
    }

    private void subscribeTo(TopicPartition... partitions) {
        consumer.assign(List.of(partitions));
        consumer.updateBeginningOffsets(Map.of(tp0, 0L, tp1, 0L));
        assignment.add(List.of(partitions));
        assignment.subscribed(true);
    }

    @Test
    void shouldPauseEveryPartitionAndCommitWhatWasDoneBeforeWaiting() {
        subscribeTo(tp0, tp1);
        commits.done(tp0, 5);

        pause.pause(SHORT, "chat.postMessage: Slack answered 503", true);

        assertThat(consumer.paused()).containsExactlyInAnyOrder(tp0, tp1);
        assertThat(consumer.committed(Set.of(tp0)).get(tp0).offset()).isEqualTo(5);
        assertThat(status.health().state()).isEqualTo(State.SLACK_UNAVAILABLE);
        assertThat(status.health().degraded()).isTrue();
        assertThat(status.health().detail()).containsEntry("slack", "chat.postMessage: Slack answered 503");
        assertThat(registry.get("alertbridge.slack.paused").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void shouldResumeThePartitionsAndBeReadyWhenSlackAnswersAgain() {
        subscribeTo(tp0, tp1);
        pause.pause(SHORT, "503", true);

        pause.resumed();

        assertThat(consumer.paused()).isEmpty();
        assertThat(status.health().ready()).isTrue();
        assertThat(status.health().detail()).containsEntry("partitions", "0,1").doesNotContainKey("slack");
        assertThat(registry.get("alertbridge.slack.paused").gauge().value()).isEqualTo(0.0);
    }

    @Test
    void shouldStayReadyWhileSlackOnlyPacesTheSink() {
        subscribeTo(tp0);
        status.publish(State.RUNNING, null);

        pause.pause(SHORT, "429", false);

        assertThat(status.health().ready()).isTrue();
        assertThat(consumer.paused()).containsExactly(tp0);
    }

    @Test
    void shouldSayTheTokenIsRejectedWhileSlackRefusesIt() {
        subscribeTo(tp0);

        pause.refused(SHORT, "token_revoked");

        assertThat(status.health().state()).isEqualTo(State.TOKEN_REJECTED);
        assertThat(status.health().degraded()).isTrue();
    }

    @Test
    void shouldPauseAPartitionAssignedWhileWaiting() {
        subscribeTo(tp0);
        pause.pause(SHORT, "503", true);
        consumer.assign(List.of(tp0, tp1));

        pause.pauseIfWaiting(List.of(tp1));

        assertThat(consumer.paused()).contains(tp1);
    }

    @Test
    void shouldLeaveAPartitionAssignedAfterTheWaitRunning() {
        subscribeTo(tp0);
        pause.pause(SHORT, "503", true);
        pause.resumed();
        consumer.assign(List.of(tp0, tp1));

        pause.pauseIfWaiting(List.of(tp1));

        assertThat(consumer.paused()).doesNotContain(tp1);
    }

    @Test
    void shouldAbandonTheBatchOfAPartitionRevokedWhileWaiting() {
        subscribeTo(tp0, tp1);
        assignment.working(tp0);
        assignment.remove(List.of(tp0));

        assertThatThrownBy(() -> pause.pause(Duration.ofSeconds(5), "503", true))
                .isInstanceOf(Assignment.PartitionRevoked.class);
    }

    @Test
    void shouldEndTheWaitWhenTheSinkStops() {
        subscribeTo(tp0);
        stop.stop();

        assertThatThrownBy(() -> pause.pause(Duration.ofMinutes(5), "503", true))
                .isInstanceOf(StopSignal.Stopping.class);
    }

    @Test
    void shouldOnlyWaitBeforeTheSinkHasSubscribed() {
        long started = System.nanoTime();

        pause.refused(SHORT, "invalid_auth");
        pause.resumed();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT);
        assertThat(consumer.paused()).isEmpty();
        assertThat(status.health().state()).isEqualTo(State.STARTING);
    }
}
