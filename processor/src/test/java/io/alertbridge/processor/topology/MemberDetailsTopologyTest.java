package io.alertbridge.processor.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.util.json.GsonFactory;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.View;
import io.alertbridge.connectors.slack.rendering.RenderedMessage;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.fixtures.Driver;
import io.alertbridge.processor.fixtures.RawMessages;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.samples.AwsSamples;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alarm's description (its runbook) and an anomaly's detector and peak score go from the real samples through
 * the whole topology onto the incident's members, and into the Slack message the sink renders from it.
 */
class MemberDetailsTopologyTest {

    private static final Topics TOPICS = Topics.defaults();
    private static final String SAMPLE = "cloudwatch_alarm_sns_ALARM_to_OK.sns_Message_decoded.json";

    @TempDir
    Path stateDir;

    private Driver driver;
    private TestInputTopic<String, RawAwsMessage> raw;
    private TestInputTopic<String, AnomalyScore> scores;
    private TestOutputTopic<String, Incident> incidents;
    private final IncidentMessageRenderer renderer =
            new IncidentMessageRenderer(Clock.fixed(Instant.parse("2024-11-06T18:00:00Z"), ZoneOffset.UTC));

    @BeforeEach
    void buildTheWholeTopology() {
        ProcessorConfig config = Driver.config(stateDir);
        driver = Driver.of(new AlertbridgeTopology(config, () -> RuleBook.empty("#alerts")).build(), config);
        raw = driver.input(TOPICS.awsRaw());
        scores = driver.input(TOPICS.anomalyScores());
        incidents = driver.output(TOPICS.incidents());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldShowTheRealAlarmDescriptionInTheSlackMessage() throws IOException {
        raw.pipeInput(firing(AwsSamples.text(SAMPLE), null, "sns-1"));

        String blocks = renderedBlocks(lastIncident());

        assertThat(blocks)
                .contains("> App is reporting \"A JPA error occurred(Unable to build EntityManagerFactory)\"")
                .contains("DBMigrationRequired");
        assertThat(incidents.isEmpty()).isTrue();
    }

    @Test
    void shouldShowAHostileRunbookEscapedWithItsLineBreaks() throws IOException {
        String runbook = "Runbook: https://wiki.example/runbooks/db?step=1&owner=db <!channel>\n"
                + "1. Check \u202egnp.exe the migration job\n2. <https://evil.example|Click here>";
        raw.pipeInput(firing(AwsSamples.text(SAMPLE), runbook, "sns-2"));

        String blocks = renderedBlocks(lastIncident());

        assertThat(blocks)
                .contains("> Runbook: https://wiki.example/runbooks/db?step=1&amp;owner=db &lt;!channel&gt;\n"
                        + "> 1. Check \uFFFDgnp.exe the migration job\n"
                        + "> 2. &lt;https://evil.example|Click here&gt;")
                .doesNotContain("<!channel>")
                .doesNotContain("<https://evil.example")
                .doesNotContain("\u202e");
        assertThat(incidents.isEmpty()).isTrue();
    }

    @Test
    void shouldShowAnAnomalysDetectorPeakScoreAndSeries() {
        Instant t0 = Instant.parse("2024-11-06T16:00:00Z");
        double[] episode = {0.1, 0.93, 0.2};
        for (int i = 0; i < episode.length; i++) {
            AnomalyScore score = new AnomalyScore(
                    "numenta",
                    "cpu-i-0abcd1234ef567890",
                    "i-0abcd1234ef567890",
                    "CPUUtilization",
                    t0.plusSeconds(300L * i),
                    episode[i],
                    90.0,
                    Map.of());
            scores.pipeInput(score.series(), score, score.timestamp());
        }

        Incident incident = lastIncident();
        String blocks = renderedBlocks(incident);

        assertThat(incident.members().get(0).annotations())
                .containsEntry("detector", "numenta")
                .containsEntry("series", "cpu-i-0abcd1234ef567890");
        assertThat(blocks)
                .contains("detector *numenta*")
                .contains("peak score *0.93*")
                .contains("series `cpu-i-0abcd1234ef567890`");
        assertThat(incidents.isEmpty()).isTrue();
    }

    /** The sample's alarm entering ALARM (its description replaced when one is given), in an SNS envelope. */
    private static RawAwsMessage firing(String message, String description, String messageId) throws IOException {
        ObjectNode alarm = (ObjectNode) Json.mapper().readTree(message);
        alarm.put("NewStateValue", "ALARM").put("OldStateValue", "OK");
        if (description != null) {
            alarm.put("AlarmDescription", description);
        }
        return RawMessages.rawBody(AwsSamples.envelope(alarm.toString(), messageId, null));
    }

    private Incident lastIncident() {
        List<Incident> all = incidents.readValuesToList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private String renderedBlocks(Incident incident) {
        RenderedMessage message = renderer.render(incident, View.standard());
        StringBuilder texts = new StringBuilder();
        var gson = GsonFactory.createSnakeCase();
        var json = gson.toJsonTree(message.attachments()).getAsJsonArray();
        json.forEach(attachment -> attachment
                .getAsJsonObject()
                .getAsJsonArray("blocks")
                .forEach(block -> {
                    var text = block.getAsJsonObject().getAsJsonObject("text");
                    if (text != null) {
                        texts.append(text.get("text").getAsString()).append('\n');
                    }
                }));
        return texts.toString();
    }
}
