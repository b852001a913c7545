package io.alertbridge.launcher.cli;

import io.alertbridge.processor.config.StreamsSlice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code topics create} says about {@code streams.hops} for the partitions it was asked for. */
class TopicsCommandTest {

    @Test
    void shouldSuggestInTaskHopsForOnePartitionUnlessAlreadyChosen() {
        assertThat(TopicsCommand.Create.hopsAdvice(1, StreamsSlice.Hops.AUTO))
                .hasValueSatisfying(advice -> assertThat(advice).contains("streams.hops: in_task"));
        assertThat(TopicsCommand.Create.hopsAdvice(1, StreamsSlice.Hops.TOPICS)).isPresent();
        assertThat(TopicsCommand.Create.hopsAdvice(1, StreamsSlice.Hops.IN_TASK))
                .isEmpty();
    }

    @Test
    void shouldWarnThatInTaskHopsStopTheProcessorOnMorePartitions() {
        assertThat(TopicsCommand.Create.hopsAdvice(6, StreamsSlice.Hops.IN_TASK))
                .hasValueSatisfying(
                        advice -> assertThat(advice).contains("will stop").contains("--partitions 1"));
        assertThat(TopicsCommand.Create.hopsAdvice(6, StreamsSlice.Hops.AUTO)).isEmpty();
        assertThat(TopicsCommand.Create.hopsAdvice(6, StreamsSlice.Hops.TOPICS)).isEmpty();
    }
}
