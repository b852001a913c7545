package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.Detail;
import io.alertbridge.connectors.slack.sink.FallbackLadder.Attempt;
import io.alertbridge.connectors.slack.sink.FallbackLadder.Rung;
import io.alertbridge.connectors.slack.sink.FallbackLadder.Step;
import io.alertbridge.connectors.slack.sink.FallbackLadder.Write;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FallbackLadderTest {

    private final SlackErrorClassifier classifier = new SlackErrorClassifier();

    @Test
    void shouldRenderSmallerStepByStepThenDeadLetterWhenAPostStaysTooBig() {
        assertThat(rungs(Write.POST, "msg_too_long", false))
                .containsExactly("RENDER_SMALLER COMPACT", "RENDER_SMALLER MINIMAL", "DEAD_LETTER MINIMAL");
    }

    @Test
    void shouldRenderSmallerWhenAnUpdateIsTooBig() {
        assertThat(rungs(Write.UPDATE, "invalid_blocks", false))
                .containsExactly("RENDER_SMALLER COMPACT", "RENDER_SMALLER MINIMAL", "DEAD_LETTER MINIMAL");
    }

    @Test
    void shouldNotRenderAReplySmaller() {
        assertThat(rungs(Write.REPLY, "msg_too_long", false)).containsExactly("DEAD_LETTER FULL");
    }

    @Test
    void shouldJoinOnceThenDeadLetterForEveryWrite() {
        assertThat(rungs(Write.POST, "not_in_channel", false)).containsExactly("JOIN_CHANNEL FULL", "DEAD_LETTER FULL");
        assertThat(rungs(Write.UPDATE, "not_in_channel", false))
                .containsExactly("JOIN_CHANNEL FULL", "DEAD_LETTER FULL");
        assertThat(rungs(Write.REPLY, "not_in_channel", false))
                .containsExactly("JOIN_CHANNEL FULL", "DEAD_LETTER FULL");
    }

    @Test
    void shouldMoveAPostToTheDefaultChannelOnceWhenItsChannelIsGone() {
        assertThat(rungs(Write.POST, "channel_not_found", false))
                .containsExactly("DEFAULT_CHANNEL FULL", "DEAD_LETTER FULL");
        assertThat(rungs(Write.POST, "is_archived", false)).containsExactly("DEFAULT_CHANNEL FULL", "DEAD_LETTER FULL");
    }

    @Test
    void shouldDeadLetterAPostWhoseChannelIsAlreadyTheDefault() {
        assertThat(rungs(Write.POST, "channel_not_found", true)).containsExactly("DEAD_LETTER FULL");
    }

    @Test
    void shouldDeadLetterAReplyWhoseChannelIsGoneRatherThanPostItElsewhere() {
        assertThat(rungs(Write.REPLY, "channel_not_found", false)).containsExactly("DEAD_LETTER FULL");
        assertThat(rungs(Write.REPLY, "thread_not_found", false)).containsExactly("DEAD_LETTER FULL");
    }

    @Test
    void shouldPostANewMessageWhenTheMessageToUpdateIsGone() {
        for (String error : List.of("message_not_found", "cant_update_message", "edit_window_closed", "is_archived")) {
            Step step = FallbackLadder.next(Write.UPDATE, refused(SlackErrorClassifier.UPDATE, error), first(), false);

            assertThat(step.rung()).as(error).isEqualTo(Rung.POST_NEW_MESSAGE);
        }
    }

    @Test
    void shouldDeadLetterWhatHasNoFallback() {
        assertThat(rungs(Write.POST, "invalid_arguments", false)).containsExactly("DEAD_LETTER FULL");
        assertThat(rungs(Write.UPDATE, "invalid_arguments", false)).containsExactly("DEAD_LETTER FULL");
        assertThat(rungs(Write.REPLY, "invalid_arguments", false)).containsExactly("DEAD_LETTER FULL");
    }

    @Test
    void shouldSayWhyItStops() {
        Step step = FallbackLadder.next(
                Write.POST, refused(SlackErrorClassifier.POST, "invalid_arguments"), first(), false);

        assertThat(step.reason()).contains("invalid_arguments");
    }

    @Test
    void shouldKeepWhatWasTriedAcrossRungs() {
        Attempt attempt = first().after(new Step(Rung.RENDER_SMALLER, Detail.COMPACT, "smaller"))
                .after(new Step(Rung.JOIN_CHANNEL, Detail.COMPACT, "join"))
                .after(new Step(Rung.DEFAULT_CHANNEL, Detail.COMPACT, "default"));

        assertThat(attempt).isEqualTo(new Attempt(Detail.COMPACT, true, true));
    }

    /** Climbs the ladder while Slack keeps answering {@code error}, until a rung that ends the command. */
    private List<String> rungs(Write write, String error, boolean targetIsDefault) {
        String method = write == Write.UPDATE ? SlackErrorClassifier.UPDATE : SlackErrorClassifier.POST;
        Decision failure = refused(method, error);
        List<String> rungs = new ArrayList<>();
        Attempt attempt = first();
        for (int i = 0; i < 10; i++) {
            Step step = FallbackLadder.next(write, failure, attempt, targetIsDefault);
            rungs.add(step.rung() + " " + step.detail());
            if (step.rung() == Rung.DEAD_LETTER || step.rung() == Rung.POST_NEW_MESSAGE) {
                return rungs;
            }
            attempt = attempt.after(step);
        }
        throw new AssertionError("the ladder did not end: " + rungs);
    }

    private Decision refused(String method, String error) {
        return classifier.classifyError(method, error);
    }

    private static Attempt first() {
        return Attempt.first();
    }
}
