package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.store.StoreKind;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How each topology re-keys: the processor through its repartition topics unless {@code streams.hops} keeps its
 * records in the task (one sub-topology, one partition), a replay always straight on in its one task. Read from the
 * topologies' descriptions.
 */
class TopologyHopsTest {

    private static final List<String> REPARTITIONS = List.of(
            "normalize-scores-by-series",
            "dedupe-by-fingerprint",
            InhibitStage.REPARTITION,
            CorrelateStage.REPARTITION,
            ThrottleStage.REPARTITION,
            HeartbeatStage.BEATS,
            HeartbeatStage.PINGS,
            HeartbeatStage.ALERTS);

    @TempDir
    Path stateDir;

    @Test
    void shouldReKeyTheProcessorsRecordsThroughItsRepartitionTopics() {
        ProcessorConfig config = Driver.config(stateDir);
        AlertbridgeTopology processor = new AlertbridgeTopology(config, new LiveRuleBook(List.of(), "#alerts"));

        String described = processor.build().describe().toString();

        assertThat(processor.hop()).isEqualTo(Hop.THROUGH_TOPIC);
        for (String name : REPARTITIONS) {
            assertThat(described).as(name).contains(name + "-repartition");
        }
    }

    @Test
    void shouldHandAReplaysReKeyedRecordsStraightOnWithoutAnyRepartitionTopic() {
        ProcessorConfig config = Driver.config(stateDir);
        RuleBook rules = RuleBook.empty("#alerts");
        AlertbridgeTopology replay = AlertbridgeTopology.forReplay(config, () -> rules);

        String described = replay.build().describe().toString();

        assertThat(replay.hop()).isEqualTo(Hop.IN_TASK);
        assertThat(described).doesNotContain("-repartition");
        assertThat(replay.withHop(Hop.THROUGH_TOPIC).build().describe().toString())
                .contains(CorrelateStage.REPARTITION + "-repartition");
    }

    @Test
    void shouldRunTheProcessorAsOneSubTopologyOfDurableStoresWhenItsHopsStayInTheTask() {
        ProcessorConfig base = Driver.config(stateDir);
        ProcessorConfig config = base.toBuilder()
                .streams(base.streams().toBuilder()
                        .hops(StreamsSlice.Hops.IN_TASK)
                        .build())
                .build();
        AlertbridgeTopology processor = new AlertbridgeTopology(config, new LiveRuleBook(List.of(), "#alerts"));

        TopologyDescription described = processor.build().describe();

        assertThat(processor.hop()).isEqualTo(Hop.IN_TASK);
        assertThat(processor.stores()).isEqualTo(StoreKind.DURABLE);
        assertThat(described.toString()).doesNotContain("-repartition");
        assertThat(described.subtopologies())
                .as("every input topic in one sub-topology, so one task per partition holds every stage")
                .hasSize(1);
        assertThat(described.toString())
                .contains(
                        StateStores.LIFECYCLE_INCIDENTS, StateStores.THROTTLE_INCIDENTS, StateStores.DEDUPE_EVENT_IDS);
    }

    @Test
    void shouldRefuseEveryTaskButThePartitionZeroOneWhenHopsStayInTheTask() {
        assertThatThrownBy(() -> Hop.IN_TASK.checkTask(new TaskId(0, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("streams.hops")
                .hasMessageContaining("0_1");
        assertThatCode(() -> Hop.IN_TASK.checkTask(new TaskId(0, 0))).doesNotThrowAnyException();
        assertThatCode(() -> Hop.THROUGH_TOPIC.checkTask(new TaskId(3, 5))).doesNotThrowAnyException();
    }

    @Test
    void shouldTakeTopicsForAutoOnAClusterAndInTaskOnTheDevBrokersSinglePartitionTopics() {
        StreamsSlice defaults = StreamsSlice.defaults();

        assertThat(defaults.hops()).isEqualTo(StreamsSlice.Hops.AUTO);
        assertThat(Hop.of(defaults.hops())).isEqualTo(Hop.THROUGH_TOPIC);
        assertThat(Hop.of(defaults.onSinglePartitionTopics().hops())).isEqualTo(Hop.IN_TASK);
        StreamsSlice topics =
                defaults.toBuilder().hops(StreamsSlice.Hops.TOPICS).build();
        assertThat(topics.onSinglePartitionTopics().hops())
                .as("an explicit choice stays")
                .isEqualTo(StreamsSlice.Hops.TOPICS);
    }
}
