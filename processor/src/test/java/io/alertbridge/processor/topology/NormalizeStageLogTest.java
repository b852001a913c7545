package io.alertbridge.processor.topology;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the normalizer logs about an alarm whose name was written to forge log lines stays one bounded line. */
class NormalizeStageLogTest {

    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    Path stateDir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(NormalizeStage.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level levelBefore;
    private Driver driver;

    @BeforeEach
    void captureTheNormalizersLog() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        captured.start();
        logger.addAppender(captured);
        ProcessorConfig config = Driver.config(stateDir);
        driver = Driver.of(new AlertbridgeTopology(config, () -> RuleBook.empty("#alerts")).build(), config);
    }

    @AfterEach
    void release() {
        driver.close();
        logger.detachAppender(captured);
        logger.setLevel(levelBefore);
    }

    @Test
    void shouldLogAHostileAlarmNameAsOneBoundedLine() {
        String hostile = "api-5xx\n2024-11-06 18:00:00.000 ERROR [main] io.alertbridge.Audit - Database wiped"
                + "\u001b[2J\u001b[31m\u0000\u202e" + "x".repeat(50_000);
        RawAwsMessage alarm = CloudWatchAlarms.stateChange(hostile, "i-1", true, Instant.parse("2024-11-06T17:59:00Z"));
        TestOutputTopic<String, AlertEvent> alerts = driver.output(TOPICS.alerts());

        driver.input(TOPICS.awsRaw()).pipeInput(alarm.recordKey(), alarm, Driver.START);

        assertThat(alerts.readValuesToList())
                .as("the alarm itself still goes through, name intact")
                .singleElement()
                .satisfies(event -> assertThat(event.title()).isEqualTo(hostile));
        List<String> lines = captured.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("api-5xx"))
                .toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> assertThat(line)
                .doesNotContain("\n")
                .doesNotContain("\r")
                .doesNotContain("\u001b")
                .doesNotContain("\u0000")
                .doesNotContain("\u202e")
                .contains("api-5xx\\n2024-11-06 18:00:00.000 ERROR")
                .hasSizeLessThan(1_000));
        assertThat(lines.get(0)).contains("\u2026(+").contains(" chars)");
        assertThat(alerts.isEmpty()).isTrue();
    }
}
