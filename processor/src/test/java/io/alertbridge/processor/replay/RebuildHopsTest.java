package io.alertbridge.processor.replay;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RebuildHopsTest {

    private static final List<TopicPartition> ONE_EACH =
            List.of(new TopicPartition("aws.raw", 0), new TopicPartition("actions", 0));
    private static final List<TopicPartition> THREE_RAW = List.of(
            new TopicPartition("aws.raw", 0),
            new TopicPartition("aws.raw", 1),
            new TopicPartition("aws.raw", 2),
            new TopicPartition("actions", 0));

    @Test
    void shouldHandRecordsOnInTheTaskWhenEveryInputTopicHasOnePartitionAndHopsIsAuto() {
        assertThat(hopsOf(StreamsSlice.Hops.AUTO, ONE_EACH)).isEqualTo(StreamsSlice.Hops.IN_TASK);
    }

    @Test
    void shouldGoThroughTopicsWhenAnyInputTopicHasMorePartitions() {
        assertThat(hopsOf(StreamsSlice.Hops.AUTO, THREE_RAW)).isEqualTo(StreamsSlice.Hops.AUTO);
        assertThat(hopsOf(StreamsSlice.Hops.AUTO, List.of())).isEqualTo(StreamsSlice.Hops.AUTO);
    }

    @Test
    void shouldKeepAnExplicitChoice() {
        assertThat(hopsOf(StreamsSlice.Hops.TOPICS, ONE_EACH)).isEqualTo(StreamsSlice.Hops.TOPICS);
        assertThat(hopsOf(StreamsSlice.Hops.IN_TASK, THREE_RAW)).isEqualTo(StreamsSlice.Hops.IN_TASK);
    }

    private static StreamsSlice.Hops hopsOf(StreamsSlice.Hops configured, List<TopicPartition> inputs) {
        ProcessorConfig config = ProcessorConfig.defaults().toBuilder()
                .streams(StreamsSlice.builder().hops(configured).build())
                .build();
        return Rebuild.hopsFor(config, inputs).streams().hops();
    }
}
