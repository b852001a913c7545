package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.InteractionResult;
import io.alertbridge.devkit.slack.SlackFile;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.IncidentTransition.Kind;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /alerts report} end to end: a scripted incident history on the history topic (as the processor's outbox
 * writes it), interactivity following it, the command typed in the local workspace (signed, over HTTP, to the
 * slash command URL), acknowledged at once, and the report arriving through the workspace's {@code response_url} as
 * an ephemeral Block Kit message only the person who asked sees. Bad input is one ephemeral sentence.
 */
@ExtendWith(DevkitExtension.class)
class ReportCommandIT {

    private static final Duration ACK = Duration.ofSeconds(3);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    private static Harness harness;
    private static HttpEndpoint endpoint;

    @BeforeAll
    static void start(EmbeddedKafka kafka) throws Exception {
        harness = new Harness(kafka, 1);
        TopicSpec<String, IncidentTransition> history = harness.topics.incidentHistory();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(history.name(), 3, (short) 1)))
                    .all()
                    .get();
        }
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(harness.kafkaProps(), new StringSerializer(), new ByteArraySerializer())) {
            for (IncidentTransition t : scriptedHistory()) {
                producer.send(new ProducerRecord<>(
                        history.name(),
                        t.groupKey(),
                        history.valueSerde().serializer().serialize(history.name(), t)));
            }
            producer.flush();
        }
        Interactivity interactivity = harness.start(harness.config(), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(10)).until(interactivity::historyReady);
        endpoint = new HttpEndpoint(
                interactivity.path(), interactivity.httpHandler().orElseThrow());
        harness.workspace.setSlashCommandUrl(endpoint.uri().toString());
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        harness.close();
    }

    /**
     * Two days ago, route checkout: INC-R1 acknowledged after 4 minutes, resolved by hand after 30; INC-R2 resolved by
     * itself after 10 minutes, never acknowledged. Its alarm "checkout p99" also flaps: 6 changes within the hour.
     * Ten days ago (the previous period), route checkout: INC-R0, resolved by itself. Route payments: INC-P1.
     */
    private static List<IncidentTransition> scriptedHistory() {
        List<IncidentTransition> out = new ArrayList<>();
        Instant t1 = NOW.minus(Duration.ofDays(2));
        add(out, "INC-R1", "checkout", t1, Kind.OPENED, t1, null, "checkout p99");
        add(out, "INC-R1", "checkout", t1, Kind.ACKNOWLEDGED, t1.plusSeconds(240), "U0ALICE", null);
        add(out, "INC-R1", "checkout", t1, Kind.RESOLVED, t1.plusSeconds(1800), "U0ALICE", null);
        Instant t2 = t1.plusSeconds(3600);
        add(out, "INC-R2", "checkout", t2, Kind.OPENED, t2, null, "checkout p99");
        for (int i = 1; i <= 2; i++) {
            add(out, "INC-R2", "checkout", t2, Kind.ALERT_RESOLVED, t2.plusSeconds(60L * i), null, "checkout p99");
            add(out, "INC-R2", "checkout", t2, Kind.ALERT_FIRING, t2.plusSeconds(60L * i + 30), null, "checkout p99");
        }
        add(out, "INC-R2", "checkout", t2, Kind.ALERT_RESOLVED, t2.plusSeconds(600), null, "checkout p99");
        add(out, "INC-R2", "checkout", t2, Kind.RESOLVED, t2.plusSeconds(600), null, null);
        Instant t0 = NOW.minus(Duration.ofDays(10));
        add(out, "INC-R0", "checkout", t0, Kind.OPENED, t0, null, "checkout errors");
        add(out, "INC-R0", "checkout", t0, Kind.RESOLVED, t0.plusSeconds(300), null, null);
        Instant p = NOW.minus(Duration.ofDays(1));
        add(out, "INC-P1", "payments", p, Kind.OPENED, p, null, "payments 5xx");
        return out;
    }

    private static void add(
            List<IncidentTransition> out,
            String id,
            String route,
            Instant openedAt,
            Kind kind,
            Instant at,
            String actor,
            String alarm) {
        out.add(new IncidentTransition(
                id,
                route + "|" + id,
                route,
                "#" + route + "-alerts",
                Severity.ERROR,
                route,
                kind,
                at,
                openedAt,
                actor,
                alarm == null ? null : "cw:" + alarm.replace(' ', '-'),
                alarm));
    }

    private static String acknowledgement(String commandLine) throws Exception {
        long started = System.nanoTime();
        InteractionResult result = harness.workspace.runSlashCommand("alerts", "alice", commandLine);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ACK);
        assertThat(result.httpStatus()).isEqualTo(200);
        return Json.mapper().readTree(result.body()).path("text").asText("");
    }

    private static SlackMessage awaitEphemeral(String containing) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> harness.workspace.ephemeralMessages("alerts", "alice").stream()
                                .filter(m -> m.visibleText().contains(containing))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void shouldAcknowledgeAtOnceAndSendTheReportToTheResponseUrlAsBlocksOnlyTheAskerSees() throws Exception {
        String first = acknowledgement("/alerts report 7d route:checkout");

        assertThat(first).contains("Building the incident report");
        SlackMessage report = awaitEphemeral("Incident report · 7 days");
        String text = report.visibleText();
        assertThat(report.blocks().toString()).contains("\"type\":\"header\"").contains("\"fields\"");
        assertThat(text)
                .contains("route checkout")
                .contains("*Incidents opened*\n2\n▲ 1 from 1")
                .contains("*MTTA* median · p90\n4m · 4m")
                .contains("*MTTR* median · p90\n10m · 30m")
                .contains("*Unacknowledged*\n50% (1)")
                .contains("*Auto-resolved*\n50% of 2 resolved")
                .contains("1. checkout p99 — 4 · 2")
                .contains("*Flapping* (state changes in one hour)\n1. checkout p99 — ")
                .contains("Incidents per day")
                .doesNotContain("payments");
        assertThat(harness.workspace.messages("alerts"))
                .as("ephemeral: nothing posted in the channel")
                .noneMatch(m -> m.visibleText().contains("Incident report"));
    }

    @Test
    void shouldExplainWhatIsAcceptedForAnUnreadableRangeAndAnUnknownRoute() throws Exception {
        String range = acknowledgement("/alerts report last tuesday-ish");
        String route = acknowledgement("/alerts report 7d route:nowhere");

        assertThat(range)
                .contains("I can't read `last")
                .contains("`2026-11-01..2026-11-30`")
                .contains("History is available from");
        assertThat(route).contains("I know no route `nowhere`").contains("Known: checkout, payments");
    }

    @Test
    void shouldSayThereWereNoIncidentsAndWhereHistoryStartsRatherThanAnEmptyReport() throws Exception {
        String first = acknowledgement("/alerts report 24h service:checkout");

        assertThat(first).contains("Building");
        SlackMessage answer = awaitEphemeral("No incidents for service checkout");
        assertThat(answer.visibleText()).contains("history available from");
    }

    private static SlackMessage awaitInChannel(String channel, String containing) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> harness.workspace.messages(channel).stream()
                                .filter(m -> m.visibleText().contains(containing))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<JsonNode> block(SlackMessage message, String type) {
        for (JsonNode block : message.blocks()) {
            if (type.equals(block.path("type").asText())) {
                return Optional.of(block);
            }
        }
        return Optional.empty();
    }

    @Test
    void shouldShowASharedReportsChartAsAnImageOfAFileUploadedToTheWorkspace() throws Exception {
        long started = System.nanoTime();
        InteractionResult ack =
                harness.workspace.runSlashCommand("general", "alice", "/alerts report 7d route:checkout public");
        assertThat(ack.httpStatus()).isEqualTo(200);

        SlackMessage report = awaitInChannel("general", "Incident report · 7 days");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the image costs the answer less than its bound")
                .isLessThan(ReportChartImages.DEFAULT_BOUND);
        JsonNode image = block(report, "image").orElseThrow();
        String fileId = image.path("slack_file").path("id").asText();
        assertThat(image.path("alt_text").asText())
                .startsWith("Incidents per day, ")
                .contains(": ");
        SlackFile file = harness.workspace.file(fileId).orElseThrow();
        assertThat(file.completed()).isTrue();
        assertThat(file.mimetype()).isEqualTo("image/png");
        assertThat(file.bytes()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(report.blocks().toString())
                .as("the image replaces the text chart")
                .doesNotContain("```");
    }

    @Test
    void shouldKeepTheTextChartWhenTheChartCannotBeShared() throws Exception {
        // The bot is not in #random: Slack refuses to share the file there (not_in_channel).
        InteractionResult ack =
                harness.workspace.runSlashCommand("random", "alice", "/alerts report 7d route:checkout public");
        assertThat(ack.httpStatus()).isEqualTo(200);

        SlackMessage report = awaitInChannel("random", "Incident report · 7 days");
        assertThat(block(report, "image")).isEmpty();
        assertThat(report.blocks().toString()).contains("*Incidents per day*").contains("```");
    }

    @Test
    void shouldKeepTheTextChartInAnEphemeralReport() throws Exception {
        acknowledgement("/alerts report 14d route:checkout");

        SlackMessage report = awaitEphemeral("Incident report · 14 days");
        assertThat(block(report, "image")).isEmpty();
        assertThat(report.blocks().toString()).contains("*Incidents per day*").contains("```");
    }
}
