package io.alertbridge.processor.topology;

import io.alertbridge.processor.aws.MalformedMessageException;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.errors.DeadLetterDeserializationHandler;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.samples.AwsSamples;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizeStageTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final TopicSpec<String, AlertEvent> OUT = new TopicSpec<>(
            "normalized", TOPICS.alerts().keySerde(), TOPICS.alerts().valueSerde(), TopicSpec.Cleanup.DELETE);

    @TempDir
    Path stateDir;

    private Driver driver;
    private TestInputTopic<String, RawAwsMessage> raw;
    private TestOutputTopic<String, AlertEvent> normalized;

    @BeforeEach
    void buildTheStageAlone() {
        start(Driver.config(stateDir));
    }

    private void start(ProcessorConfig config) {
        if (driver != null) {
            driver.close();
        }
        driver = Driver.build(config, builder -> {
            TopicSpec<String, RawAwsMessage> in = TOPICS.awsRaw();
            var input = builder.stream(
                    in.name(), Consumed.with(in.keySerde(), in.valueSerde()).withName("in"));
            new NormalizeStage(config.normalize(), TOPICS)
                    .build(builder, input)
                    .events()
                    .to(
                            OUT.name(),
                            Produced.with(OUT.keySerde(), OUT.valueSerde()).withName("out"));
        });
        raw = driver.input(TOPICS.awsRaw());
        normalized = driver.output(OUT);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void pipe(RawAwsMessage message) {
        raw.pipeInput(message.recordKey(), message);
    }

    @Test
    void shouldNormalizeEveryRealSampleKeyedByFingerprintAndDeadLetterTheUnreadable() {
        AwsSamples.ALL.forEach(sample -> pipe(RawMessages.raw(sample)));

        List<TestRecord<String, AlertEvent>> events = normalized.readRecordsToList();
        List<Driver.Letter> letters = driver.deadLetters(TOPICS.deadLetters().name());

        // 31 samples: 4 unreadable, 2 ignored (subscription confirmation, CodeBuild phase change), 25 events.
        assertThat(events).hasSize(25);
        assertThat(events).allSatisfy(record -> assertThat(record.key())
                .isEqualTo(record.value().fingerprint()));
        assertThat(events)
                .extracting(r -> r.value().status())
                .containsOnly(AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.INFO);
        assertThat(letters).hasSize(4);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.reason().stage()).isEqualTo("normalize");
            assertThat(letter.reason().source()).isEqualTo("alertbridge.aws.raw");
            assertThat(letter.reason().partition()).isZero();
            assertThat(letter.reason().offset()).isNotNegative();
            assertThat(letter.reason().errorMessage()).isNotBlank();
        });
        assertThat(letters).extracting(l -> l.reason().errorMessage()).anySatisfy(m -> assertThat(m)
                .isEqualTo("CloudWatch alarm message: 'StateChangeTime' is not a timestamp: 'string'"));
        assertThat(normalized.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepTheOriginalMessageInTheDeadLetterSoItCanBeReplayed() {
        RawAwsMessage broken = RawMessages.raw("eventbridge_codepipeline_pipeline_execution_FAILED.processed.json");

        pipe(broken);

        Driver.Letter letter = driver.deadLetters(TOPICS.deadLetters().name()).get(0);
        assertThat(new String(letter.record().key(), StandardCharsets.UTF_8)).isEqualTo(broken.recordKey());
        assertThat(JsonSerde.of(RawAwsMessage.class).fromBytes(letter.record().value()))
                .isEqualTo(broken);
        assertThat(letter.reason().errorClass()).isEqualTo("com.fasterxml.jackson.core.io.JsonEOFException");
        assertThat(normalized.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterGarbageOfEveryKindAndGoOn() {
        start(Driver.atLeastOnce(Driver.config(stateDir.resolve("alo"))));
        var bytes = driver.bytesInput(TOPICS.awsRaw().name());
        byte[] random = new byte[256];
        new Random(3).nextBytes(random);
        byte[] huge = new byte[1 << 20];
        java.util.Arrays.fill(huge, (byte) '{');

        bytes.pipeInput("random", random);
        bytes.pipeInput("huge", huge);
        bytes.pipeInput("empty", new byte[0]);
        bytes.pipeInput("wrong-types", "{\"queueUrl\": 5, \"body\": [1]}".getBytes(StandardCharsets.UTF_8));
        pipe(RawMessages.rawBody(""));
        pipe(RawMessages.rawBody("{\"AlarmName\": \"cut in the midd"));
        pipe(RawMessages.raw("eventbridge_cloudwatch_alarm_state_change_single_metric.json"));

        List<Driver.Letter> letters = driver.deadLetters(TOPICS.deadLetters().name());
        assertThat(letters)
                .extracting(l -> l.reason().stage())
                .containsExactly(
                        DeadLetterDeserializationHandler.STAGE,
                        DeadLetterDeserializationHandler.STAGE,
                        DeadLetterDeserializationHandler.STAGE,
                        DeadLetterDeserializationHandler.STAGE,
                        NormalizeStage.NAME,
                        NormalizeStage.NAME);
        assertThat(letters.get(0).record().value())
                .as("original bytes, untouched")
                .isEqualTo(random);
        assertThat(letters.get(1).record().value()).hasSize(1 << 20);
        assertThat(letters.get(0).reason().errorMessage()).startsWith("not a valid RawAwsMessage");
        assertThat(letters.get(4).reason().errorMessage()).isEqualTo("empty body");
        assertThat(letters.get(4).reason().errorClass()).isEqualTo(MalformedMessageException.class.getName());
        assertThat(normalized.readValuesToList())
                .as("the stream goes on")
                .extracting(AlertEvent::title)
                .containsExactly("ServerCpuTooHigh");
    }

    @Test
    void shouldDeadLetterJsonScalarBodiesWithTheirKindInsteadOfAlertingOnThem() {
        RawAwsMessage nullBody = RawMessages.rawBody("null");
        RawAwsMessage stringMessage = RawMessages.rawBody(AwsSamples.envelope("\"a string\"", "m-42", null));

        pipe(nullBody);
        pipe(RawMessages.rawBody("42"));
        pipe(stringMessage);
        pipe(RawMessages.rawBody("null and void: plain text"));

        List<Driver.Letter> letters = driver.deadLetters(TOPICS.deadLetters().name());
        assertThat(letters)
                .extracting(l -> l.reason().errorMessage())
                .containsExactly(
                        "body is a JSON null, not an AWS message",
                        "body is a JSON number, not an AWS message",
                        "SNS Message m-42 is a JSON string, not an AWS message");
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.reason().stage()).isEqualTo(NormalizeStage.NAME);
            assertThat(letter.reason().errorClass()).isEqualTo(MalformedMessageException.class.getName());
        });
        assertThat(JsonSerde.of(RawAwsMessage.class)
                        .fromBytes(letters.get(0).record().value()))
                .isEqualTo(nullBody);
        assertThat(new String(letters.get(2).record().key(), StandardCharsets.UTF_8))
                .isEqualTo(stringMessage.recordKey());
        assertThat(normalized.readValuesToList())
                .as("plain text is still an alert")
                .extracting(AlertEvent::title)
                .containsExactly("null and void: plain text");
        assertThat(normalized.isEmpty()).isTrue();
    }

    @Test
    void shouldLetSubscriptionConfirmationsAndTombstonesThroughToNothing() {
        pipe(RawMessages.raw("sns_http_subscription_confirmation_post.txt"));
        raw.pipeInput("tombstone", null);

        assertThat(normalized.isEmpty()).isTrue();
        assertThat(driver.deadLetters(TOPICS.deadLetters().name())).isEmpty();
    }

    @Test
    void shouldAskForACommitAtTheEndOfARebuildWindowAndTreatTheMarkerAsATombstoneLive() {
        assertThat(afterOneRecord(true, windowEnd()).committed()).isTrue();
        assertThat(afterOneRecord(true, windowEnd()).forwarded()).isEmpty();
        assertThat(afterOneRecord(false, windowEnd()).committed()).isFalse();
        assertThat(afterOneRecord(false, windowEnd()).forwarded()).isEmpty();
        assertThat(afterOneRecord(true, new Record<String, RawAwsMessage>("key", null, 5L))
                        .committed())
                .isFalse();
    }

    private static Record<String, RawAwsMessage> windowEnd() {
        return new Record<>(null, null, 5L, new RecordHeaders().add(WindowEnd.HEADER, new byte[0]));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MockProcessorContext<Object, Object> afterOneRecord(
            boolean reprocessing, Record<String, RawAwsMessage> record) {
        Processor processor = new NormalizeStage(
                        ProcessorConfig.defaults().normalize(), TOPICS, Hop.IN_TASK, reprocessing)
                .processor();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        processor.init(context);
        processor.process(record);
        return context;
    }
}
