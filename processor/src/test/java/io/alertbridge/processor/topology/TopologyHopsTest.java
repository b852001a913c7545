package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.rules.RuleBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How each topology re-keys: the processor through its repartition topics, a replay straight on in its one task, and
 * never the processor's durable state with in-task hops. Read from the topologies' descriptions.
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
    void shouldRefuseInTaskHopsForDurableState() {
        ProcessorConfig config = Driver.config(stateDir);
        RuleBook rules = RuleBook.empty("#alerts");

        assertThatThrownBy(() -> new AlertbridgeTopology(config, () -> rules).withHop(Hop.IN_TASK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay");
    }
}
