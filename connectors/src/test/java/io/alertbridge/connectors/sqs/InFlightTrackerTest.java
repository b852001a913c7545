package io.alertbridge.connectors.sqs;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightTrackerTest {

    @Test
    void shouldPauseReceivingWhenTheBoundIsReachedAndResumeWhenAMessageFinishes() throws Exception {
        InFlightTracker tracker = new InFlightTracker(10);
        assertThat(tracker.reserve(10, 0)).isEqualTo(10);
        List<InFlightMessage> messages = List.of(message("a"), message("b"), message("c"));
        messages.forEach(tracker::track);
        tracker.unreserve(7);

        assertThat(tracker.size()).isEqualTo(3);
        assertThat(tracker.reserve(10, 0)).as("near the bound, a smaller batch").isEqualTo(7);
        assertThat(tracker.reserve(10, 0)).as("at the bound, nothing").isZero();
        assertThat(tracker.finish(messages.get(0))).isTrue();
        assertThat(tracker.reserve(10, 0)).isEqualTo(1);
        assertThat(tracker.snapshot()).containsExactlyInAnyOrder(messages.get(1), messages.get(2));
    }

    @Test
    void shouldFinishAMessageOnlyOnce() throws Exception {
        InFlightTracker tracker = new InFlightTracker(10);
        assertThat(tracker.reserve(1, 0)).isEqualTo(1);
        InFlightMessage message = message("a");
        tracker.track(message);

        assertThat(tracker.finish(message)).isTrue();
        assertThat(tracker.finish(message)).isFalse();
        assertThat(message.state()).isEqualTo(InFlightMessage.State.DONE);
        assertThat(tracker.reserve(20, 0))
                .as("the slot came back once, not twice")
                .isEqualTo(10);
    }

    @Test
    void shouldFindOnlyUnfinishedMessagesNearTheirVisibilityDeadline() {
        long now = 1_000_000_000_000L;
        long margin = Duration.ofSeconds(10).toNanos();
        InFlightMessage soon = message("soon", now + Duration.ofSeconds(5).toNanos());
        InFlightMessage late = message("late", now + Duration.ofSeconds(25).toNanos());
        InFlightMessage past = message("past", now - 1);
        InFlightMessage done = message("done", now);
        done.finish();

        assertThat(VisibilityExtender.due(List.of(soon, late, past, done), now, margin))
                .containsExactlyInAnyOrder(soon, past);
    }

    @Test
    void shouldLookOftenEnoughToSeeAMessageTwiceWithinItsMargin() {
        SqsBridgeConfig config = SqsBridgeConfig.of(List.of("https://sqs.eu-west-1.amazonaws.com/1/q"));

        assertThat(VisibilityExtender.period(config)).isEqualTo(Duration.ofSeconds(1));
        assertThat(VisibilityExtender.period(config.toBuilder()
                        .visibilityTimeout(Duration.ofSeconds(2))
                        .extensionMargin(Duration.ofMillis(600))
                        .build()))
                .isEqualTo(Duration.ofMillis(200));
    }

    private static InFlightMessage message(String id) {
        return message(id, 0);
    }

    private static InFlightMessage message(String id, long visibleAt) {
        return new InFlightMessage(
                "https://sqs.eu-west-1.amazonaws.com/1/q",
                Message.builder().messageId(id).receiptHandle("rh-" + id).build(),
                visibleAt);
    }
}
