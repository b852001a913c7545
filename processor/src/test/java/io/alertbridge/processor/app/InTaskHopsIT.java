package io.alertbridge.processor.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.errors.BoundedThreadReplacement;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.topology.StreamsItSupport;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code streams.hops: in_task} on a real broker: a processor that ran with repartition topics on one-partition
 * topics is stopped and started again with its stages handing records on in the task, on the same state; the
 * incident it had opened carries on (its next alarm joins it, no second incident), and nothing more goes through the
 * repartition topics. On topics of two partitions the same setting stops the processor instead of splitting keys
 * between tasks, and says why.
 */
@ExtendWith(DevkitExtension.class)
class InTaskHopsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    @Test
    void shouldCarryTheStateOfRepartitionHopsOnWhenSwitchedToInTaskHopsOnOnePartition(EmbeddedKafka kafka)
            throws Exception {
        Topics topics = StreamsItSupport.createTopics(kafka, "intask", 1);

        ProcessorConfig throughTopics = config(kafka, topics, StreamsSlice.Hops.TOPICS);
        try (ProcessorApp app = ProcessorApp.create(throughTopics, () -> rules())) {
            app.start();
            produceAlarm(kafka, topics, "CpuHigh");
            await().atMost(PATIENCE)
                    .until(() -> StreamsItSupport.memberNames(kafka, topics).equals(List.of(Set.of("CpuHigh"))));
            assertThat(app.close(Duration.ofSeconds(30))).isTrue();
        }
        Map<String, Long> repartitionEnds = repartitionEndOffsets(kafka, throughTopics);
        assertThat(repartitionEnds)
                .as("the first run went through its repartition topics")
                .isNotEmpty();
        assertThat(repartitionEnds.values()).anySatisfy(end -> assertThat(end).isPositive());

        ProcessorConfig inTask = config(kafka, topics, StreamsSlice.Hops.IN_TASK);
        try (ProcessorApp app = ProcessorApp.create(inTask, () -> rules())) {
            app.start();
            await().atMost(PATIENCE).until(() -> app.health().ready());
            produceAlarm(kafka, topics, "DiskFull");
            await().atMost(PATIENCE).until(() -> StreamsItSupport.memberNames(kafka, topics)
                    .equals(List.of(Set.of("CpuHigh", "DiskFull"))));
            assertThat(app.close(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(repartitionEndOffsets(kafka, throughTopics))
                .as("no record went through a repartition topic in the second run")
                .isEqualTo(repartitionEnds);
    }

    @Test
    void shouldStopAndNameTheSettingWhenInTaskHopsMeetTopicsOfTwoPartitions(EmbeddedKafka kafka) throws Exception {
        Topics topics = StreamsItSupport.createTopics(kafka, "intask-split", 2);
        ProcessorConfig base = config(kafka, topics, StreamsSlice.Hops.IN_TASK);
        ProcessorConfig config = base.toBuilder()
                .streams(base.streams().toBuilder().maxThreadReplacements(0).build())
                .build();
        Logger log = (Logger) LoggerFactory.getLogger(BoundedThreadReplacement.class);
        ListAppender<ILoggingEvent> failures = new ListAppender<>();
        failures.start();
        log.addAppender(failures);
        try (ProcessorApp app = ProcessorApp.create(config, () -> rules())) {
            app.start();
            await().atMost(PATIENCE).until(() -> app.state() == KafkaStreams.State.ERROR);
            assertThat(app.health().ready()).isFalse();
            assertThat(failures.list)
                    .as("the stream thread's failure names the setting and the second task")
                    .anySatisfy(event -> assertThat(messages(event.getThrowableProxy()))
                            .contains("streams.hops")
                            .contains("task 0_1"));
        } finally {
            log.detachAppender(failures);
        }
    }

    /** The messages of a logged failure and of its causes. */
    private static String messages(IThrowableProxy failure) {
        StringBuilder all = new StringBuilder();
        for (IThrowableProxy at = failure; at != null; at = at.getCause()) {
            all.append(at.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static RuleBook rules() {
        return RuleBook.empty("#alerts");
    }

    private ProcessorConfig config(EmbeddedKafka kafka, Topics topics, StreamsSlice.Hops hops) {
        ProcessorConfig base = StreamsItSupport.config(kafka, topics, stateDir);
        return base.toBuilder()
                .streams(base.streams().toBuilder().hops(hops).build())
                .build();
    }

    private static void produceAlarm(EmbeddedKafka kafka, Topics topics, String alarm) throws Exception {
        try (KafkaProducer<String, byte[]> producer = StreamsItSupport.producer(kafka)) {
            StreamsItSupport.alarm(producer, topics, alarm, "i-1", true);
        }
    }

    /** End offset of every repartition topic of the processor's application id. */
    private static Map<String, Long> repartitionEndOffsets(EmbeddedKafka kafka, ProcessorConfig config)
            throws Exception {
        String prefix = config.streams().applicationId() + "-";
        try (Admin admin = kafka.admin()) {
            List<TopicPartition> partitions = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(prefix) && name.endsWith("-repartition"))
                    .map(name -> new TopicPartition(name, 0))
                    .toList();
            Map<TopicPartition, OffsetSpec> latest =
                    partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(
                            e -> e.getKey().topic(), e -> e.getValue().offset()));
        }
    }
}
