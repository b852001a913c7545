package io.alertbridge.processor.app;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.PersistentKafka;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.topology.StreamsItSupport;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The processor started while Kafka is down: its broker (with the topics on it) stopped before the processor starts
 * and started again 10 s later. Meanwhile the processor waits, neither ready nor failed; once the broker is back it
 * becomes ready by itself and an alarm sent then opens its incident. Both ways the stages hand records on.
 */
class KafkaDownAtStartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Duration DOWN = Duration.ofSeconds(10);

    @TempDir
    Path stateDir;

    @TempDir
    Path kafkaDir;

    @ParameterizedTest(name = "streams.hops {0} on {1} partitions")
    @CsvSource({"topics, 2", "in_task, 1"})
    void shouldWaitForKafkaAndProcessWhatArrivesOnceItIsUp(String hops, int partitions) throws Exception {
        try (PersistentKafka kafka = EmbeddedKafka.persistent(kafkaDir, 0)) {
            Topics topics = StreamsItSupport.createTopics(kafka, "kafka-down", partitions);
            kafka.stop();
            ProcessorConfig config = config(kafka, topics, hops);
            try (ProcessorApp app = ProcessorApp.create(config, () -> RuleBook.empty("#alerts"))) {
                app.start();
                await().during(DOWN)
                        .atMost(DOWN.plusSeconds(5))
                        .until(() -> !app.health().ready()
                                && app.state() != KafkaStreams.State.ERROR
                                && app.state() != KafkaStreams.State.NOT_RUNNING);

                kafka.start();
                await().atMost(PATIENCE).until(() -> app.health().ready());
                try (KafkaProducer<String, byte[]> producer = StreamsItSupport.producer(kafka)) {
                    StreamsItSupport.alarm(producer, topics, "CpuHigh", "i-1", true);
                }
                await().atMost(PATIENCE)
                        .until(() -> StreamsItSupport.memberNames(kafka, topics).equals(List.of(Set.of("CpuHigh"))));
                assertThat(app.close(Duration.ofSeconds(30)))
                        .as("closed cleanly")
                        .isTrue();
            }
        }
    }

    private ProcessorConfig config(EmbeddedKafka kafka, Topics topics, String hops) {
        ProcessorConfig base = StreamsItSupport.config(kafka, topics, stateDir);
        return base.toBuilder()
                .streams(base.streams().toBuilder()
                        .hops(StreamsSlice.Hops.valueOf(hops.toUpperCase(Locale.ROOT)))
                        .build())
                .build();
    }
}
