package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DedupeStageTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final TopicSpec<String, AlertEvent> IN = new TopicSpec<>(
            "to-dedupe", TOPICS.alerts().keySerde(), TOPICS.alerts().valueSerde(), TopicSpec.Cleanup.DELETE);
    private static final Instant T0 = Instant.parse("2024-11-06T10:00:00Z");

    @TempDir
    Path stateDir;

    private Driver driver;
    private TestInputTopic<String, AlertEvent> input;
    private TestOutputTopic<String, AlertEvent> output;

    @BeforeEach
    void buildTheStageAlone() {
        ProcessorConfig config = Driver.config(stateDir);
        driver = Driver.build(config, builder -> new DedupeStage(config.dedupe(), TOPICS)
                .build(
                        builder,
                        builder.stream(
                                IN.name(),
                                Consumed.with(IN.keySerde(), IN.valueSerde()).withName("in")))
                .to(
                        TOPICS.alerts().name(),
                        Produced.with(IN.keySerde(), IN.valueSerde()).withName("out")));
        input = driver.input(IN);
        output = driver.output(TOPICS.alerts());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static AlertEvent event(String id, String fingerprint, AlertStatus status, Instant occurredAt) {
        return new AlertEvent(
                id,
                fingerprint,
                "cloudwatch",
                status,
                Severity.ERROR,
                fingerprint,
                null,
                occurredAt,
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null,
                null);
    }

    /** Arrives at {@code arrival} (record time); keyed by something else than the fingerprint, like normalize's. */
    private void arrive(AlertEvent event, Instant arrival) {
        input.pipeInput("sns-" + event.eventId(), event, arrival);
    }

    @Test
    void shouldDropAnEventIdSeenWithinTheRetentionAndForgetItAfter() {
        AlertEvent info = event("e-1", "ec2", AlertStatus.INFO, T0);

        arrive(info, T0);
        arrive(info, T0.plus(Duration.ofMinutes(5)));
        arrive(info, T0.plus(Duration.ofHours(23)));
        arrive(event("e-2", "ec2", AlertStatus.INFO, T0), T0.plus(Duration.ofHours(25)));
        arrive(info, T0.plus(Duration.ofHours(25)));

        assertThat(output.readValuesToList())
                .extracting(AlertEvent::eventId)
                .as("seen again only once the day of retention has passed")
                .containsExactly("e-1", "e-2", "e-1");
    }

    @Test
    void shouldDropARepeatedStatusAndPassTransitionsKeyedByFingerprint() {
        arrive(event("a1", "alarm", AlertStatus.FIRING, T0), T0);
        arrive(event("a2", "alarm", AlertStatus.FIRING, T0.plusSeconds(60)), T0.plusSeconds(61));
        arrive(event("a3", "alarm", AlertStatus.RESOLVED, T0.plusSeconds(120)), T0.plusSeconds(121));
        arrive(event("a4", "alarm", AlertStatus.RESOLVED, T0.plusSeconds(180)), T0.plusSeconds(181));
        arrive(event("a5", "alarm", AlertStatus.FIRING, T0.plusSeconds(240)), T0.plusSeconds(241));

        List<TestRecord<String, AlertEvent>> passed = output.readRecordsToList();
        assertThat(passed).extracting(r -> r.value().eventId()).containsExactly("a1", "a3", "a5");
        assertThat(passed).allSatisfy(r -> assertThat(r.key()).isEqualTo("alarm"));
    }

    @Test
    void shouldNotLetALateOkOlderThanTheAlarmThatFollowedItResolveAnything() {
        arrive(event("alarm-1", "cpu", AlertStatus.FIRING, T0), T0);
        arrive(event("ok-1", "cpu", AlertStatus.RESOLVED, T0.plusSeconds(300)), T0.plusSeconds(301));
        arrive(event("alarm-2", "cpu", AlertStatus.FIRING, T0.plusSeconds(600)), T0.plusSeconds(601));
        // The OK of 09:58 left SNS late and arrives after the ALARM of 10:10.
        arrive(event("ok-late", "cpu", AlertStatus.RESOLVED, T0.minusSeconds(120)), T0.plusSeconds(602));

        assertThat(output.readValuesToList())
                .extracting(AlertEvent::eventId)
                .containsExactly("alarm-1", "ok-1", "alarm-2");
    }

    @Test
    void shouldDropAResolvedThatResolvesNothingButPassInfoAlways() {
        arrive(event("r", "never-fired", AlertStatus.RESOLVED, T0), T0);
        arrive(event("i1", "trail", AlertStatus.INFO, T0), T0);
        arrive(event("i2", "trail", AlertStatus.INFO, T0.minusSeconds(3600)), T0.plusSeconds(1));

        assertThat(output.readValuesToList()).extracting(AlertEvent::eventId).containsExactly("i1", "i2");
    }

    @Test
    void shouldRepartitionByFingerprintThroughANamedTopic() {
        arrive(event("a1", "alarm", AlertStatus.FIRING, T0), T0);

        assertThat(driver.driver().producedTopicNames())
                .contains("alertbridge-processor-dedupe-by-fingerprint-repartition");
        assertThat(output.readValuesToList()).hasSize(1);
    }
}
