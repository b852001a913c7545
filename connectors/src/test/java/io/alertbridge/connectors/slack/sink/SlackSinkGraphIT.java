package io.alertbridge.connectors.slack.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.connectors.aws.AwsAccess;
import io.alertbridge.connectors.graphs.ChartRenderer;
import io.alertbridge.connectors.graphs.CloudWatchClients;
import io.alertbridge.connectors.graphs.IncidentGraphMaker;
import io.alertbridge.connectors.graphs.MetricFetcher;
import io.alertbridge.connectors.slack.GraphSettings;
import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.MotoServer;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackFile;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.AlarmMetric;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph in the living message, end to end: the alarm's metric in moto's CloudWatch (the AWS API, through the
 * SDK's own client), the sink on the in-process broker, the upload and the image block in the local Slack workspace
 * over real HTTP.
 */
@ExtendWith(DevkitExtension.class)
class SlackSinkGraphIT {

    private static final String REGION = "us-east-1";
    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private LocalSlackWorkspace slack;
    private SinkHarness harness;
    private MotoServer moto;
    private final List<CloudWatchClients> clients = new ArrayList<>();

    @BeforeEach
    void setUp(EmbeddedKafka kafka, MotoServer moto) throws Exception {
        this.moto = moto;
        slack = LocalSlackWorkspace.start();
        harness = new SinkHarness(kafka, slack, 1);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        slack.close();
        clients.forEach(CloudWatchClients::close);
    }

    @Test
    void shouldShowTheAlarmsMetricInTheMessageAndReplaceItOnceWhenTheAlarmResolves() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        AlarmMetric metric = metric(DevkitExtension.unique("Alertbridge/Graphs"));
        putData(metric, now, 1, 2, 1, 9, 12, 15);
        harness.start(harness.config(), assembler -> assembler.graphs(maker(moto.endpoint()), Duration.ZERO));
        Incident open = incident("INC-G1", 1, IncidentState.OPEN, member(metric, AlertStatus.FIRING, now));

        harness.send(Incidents.post(open));
        String first = awaitImage("INC-G1", null);
        Incident resolved =
                incident("INC-G1", 2, IncidentState.RESOLVED, member(metric, AlertStatus.RESOLVED, now.plusSeconds(1)));
        harness.send(Incidents.update(resolved));
        String second = awaitImage("INC-G1", first);

        SlackFile shown = slack.file(second).orElseThrow();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(shown.bytes()));
        assertThat(png.getWidth()).isEqualTo(ChartRenderer.DEFAULT_WIDTH);
        assertThat(png.getHeight()).isEqualTo(ChartRenderer.DEFAULT_HEIGHT);
        assertThat(shown.mimetype()).isEqualTo("image/png");
        assertThat(shown.altTxt()).contains("5XXError").contains("6 datapoints");
        assertThat(shown.channels())
                .as("shared, as Slack requires for an image block")
                .isNotEmpty();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> slack.file(first).orElseThrow().deleted());
        assertThat(slack.files())
                .as("one upload per render: the post's and the resolution's, never repeated")
                .filteredOn(f -> f.name().startsWith("INC-G1"))
                .hasSize(2);
        SlackMessage message = harness.incidentMessages("#alerts", "INC-G1").get(0);
        assertThat(SinkHarness.version(message)).isEqualTo(2);
    }

    @Test
    void shouldDrawAnAnomalysScoresWithoutAnyAwsAndTheWorstTwoMembersInOneImage() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        IncidentMember cpu = anomaly("cpu-i-1", now, 0.92);
        IncidentMember latency = anomaly("p99-api", now, 0.81);
        IncidentMember quiet = anomaly("disk-i-1", now, 0.2);
        IncidentGraphMaker noAws =
                new IncidentGraphMaker(GraphSettings.defaults(), null, new ChartRenderer(), Clock.systemUTC());
        harness.start(harness.config(), assembler -> assembler.graphs(noAws, Duration.ZERO));

        harness.send(Incidents.post(Incidents.incident(
                        "INC-G4", "#alerts", 1, IncidentState.OPEN, "anomalies on api", List.of(cpu, latency, quiet)))
                .withReason("New incident on route anomalies"));
        String file = awaitImage("INC-G4", null);
        // The edit that shows the graph is the sink's own; it keeps the reason the post carried.
        assertThat(harness.incidentMessages("#alerts", "INC-G4")
                        .get(0)
                        .attachments()
                        .toString())
                .contains("New incident on route anomalies");

        SlackFile shown = slack.file(file).orElseThrow();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(shown.bytes()));
        assertThat(png.getWidth()).isEqualTo(ChartRenderer.DEFAULT_WIDTH);
        assertThat(png.getHeight())
                .as("two graphs, one above the other")
                .isGreaterThan(2 * ChartRenderer.DEFAULT_HEIGHT);
        assertThat(shown.altTxt()).contains("cpu-i-1").contains("p99-api").doesNotContain("disk-i-1");
    }

    @Test
    void shouldPostTheMessageWithoutAGraphWhenCloudWatchCannotBeReached() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        AlarmMetric metric = metric(DevkitExtension.unique("Alertbridge/Graphs"));
        putData(metric, now, 3, 9);
        harness.start(
                harness.config(),
                assembler -> assembler.graphs(maker(URI.create("http://127.0.0.1:1")), Duration.ZERO));

        harness.send(
                Incidents.post(incident("INC-G2", 1, IncidentState.OPEN, member(metric, AlertStatus.FIRING, now))));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> counted("skipped") >= 1);

        SlackMessage message = harness.incidentMessages("#alerts", "INC-G2").get(0);
        assertThat(imageOf(message)).isEmpty();
        assertThat(message.visibleText()).contains("api-5xx");
        assertThat(slack.files()).noneMatch(f -> f.name().startsWith("INC-G2"));
    }

    @Test
    void shouldKeepTheMessageAndCountItWhenSlackRefusesTheUpload() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        AlarmMetric metric = metric(DevkitExtension.unique("Alertbridge/Graphs"));
        putData(metric, now, 3, 9);
        slack.revokeScope("files:write");
        harness.start(harness.config(), assembler -> assembler.graphs(maker(moto.endpoint()), Duration.ZERO));

        harness.send(
                Incidents.post(incident("INC-G3", 1, IncidentState.OPEN, member(metric, AlertStatus.FIRING, now))));
        harness.awaitAllCommitted(Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> counted("upload_failed") >= 1);

        SlackMessage message = harness.incidentMessages("#alerts", "INC-G3").get(0);
        assertThat(imageOf(message)).isEmpty();
        assertThat(message.visibleText()).contains("api-5xx");
    }

    @Test
    void shouldDrawTheGraphAgainWhenSlackWasOutOfReachForTheUpload() throws Exception {
        // The first upload meets a 503 (the SDK retries none of these itself): the graph is drawn again after the
        // sink's longest backoff (1 s here), not given up until the incident's next change.
        slack.failNext("files.getUploadURLExternal", 1, 503);
        {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            IncidentGraphMaker noAws =
                    new IncidentGraphMaker(GraphSettings.defaults(), null, new ChartRenderer(), Clock.systemUTC());
            harness.start(harness.config(), assembler -> assembler.graphs(noAws, Duration.ZERO));

            harness.send(Incidents.post(Incidents.incident(
                    "INC-G5", "#alerts", 1, IncidentState.OPEN, "anomaly", List.of(anomaly("cpu-i-5", now, 0.9)))));

            assertThat(awaitImage("INC-G5", null)).isNotBlank();
            assertThat(counted("upload_deferred")).isEqualTo(1.0);
            assertThat(slack.files())
                    .filteredOn(f -> f.name().startsWith("INC-G5"))
                    .hasSize(1);
        }
    }

    private IncidentGraphMaker maker(URI endpoint) {
        CloudWatchClients cloudWatch = new CloudWatchClients(new AwsAccess(REGION, endpoint, DUMMY));
        clients.add(cloudWatch);
        MetricFetcher fetcher = new MetricFetcher(
                cloudWatch,
                new MetricFetcher.Settings(60, 16, Duration.ofMinutes(5), Duration.ofSeconds(5), 2),
                Clock.systemUTC(),
                harness.registry);
        return new IncidentGraphMaker(GraphSettings.defaults(), fetcher, new ChartRenderer(), Clock.systemUTC());
    }

    private double counted(String outcome) {
        return Optional.ofNullable(harness.registry
                        .find("alertbridge.slack.graphs")
                        .tag("outcome", outcome)
                        .counter())
                .map(c -> c.count())
                .orElse(0.0);
    }

    /** Waits until the incident's message shows an image other than {@code previous}; returns its file id. */
    private String awaitImage(String incidentId, String previous) {
        String[] seen = new String[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    List<SlackMessage> messages = harness.incidentMessages("#alerts", incidentId);
                    if (messages.size() != 1) {
                        return false;
                    }
                    Optional<String> id = imageOf(messages.get(0));
                    id.ifPresent(value -> seen[0] = value);
                    return id.isPresent() && !id.get().equals(previous);
                });
        return seen[0];
    }

    private static Optional<String> imageOf(SlackMessage message) {
        for (JsonNode attachment : message.attachments()) {
            for (JsonNode block : attachment.path("blocks")) {
                if ("image".equals(block.path("type").asText())) {
                    return Optional.of(block.path("slack_file").path("id").asText());
                }
            }
        }
        return Optional.empty();
    }

    private static AlarmMetric metric(String namespace) {
        return AlarmMetric.builder()
                .region(REGION)
                .account(MotoServer.ACCOUNT_ID)
                .alarmName("api-5xx")
                .alarmArn("arn:aws:cloudwatch:" + REGION + ":" + MotoServer.ACCOUNT_ID + ":alarm:api-5xx")
                .namespace(namespace)
                .metricName("5XXError")
                .dimensions(Map.of("Api", "orders"))
                .statistic("Sum")
                .period(60)
                .evaluationPeriods(1)
                .threshold(5.0)
                .comparisonOperator("GreaterThanThreshold")
                .build();
    }

    /** One datum a minute, the last one a minute before {@code now}. */
    private void putData(AlarmMetric metric, Instant now, double... values) {
        CloudWatchClients cloudWatch = new CloudWatchClients(new AwsAccess(REGION, moto.endpoint(), DUMMY));
        clients.add(cloudWatch);
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            data.add(MetricDatum.builder()
                    .metricName(metric.metricName())
                    .dimensions(Dimension.builder().name("Api").value("orders").build())
                    .value(values[i])
                    .timestamp(now.minus(Duration.ofMinutes(values.length - i)))
                    .build());
        }
        cloudWatch.apply(REGION).putMetricData(b -> b.namespace(metric.namespace())
                .metricData(data));
    }

    private static IncidentMember member(AlarmMetric metric, AlertStatus status, Instant changedAt) {
        return new IncidentMember(
                metric.alarmArn(),
                "cloudwatch",
                "api-5xx",
                status,
                Severity.CRITICAL,
                "e-" + status,
                changedAt,
                false,
                Map.of(),
                List.of(),
                metric,
                null);
    }

    /** An anomaly member with 60 scores a minute apart, the last ones at {@code peak}. */
    private static IncidentMember anomaly(String series, Instant now, double peak) {
        List<AnomalySeries.Point> points = new ArrayList<>();
        for (int i = 60; i >= 1; i--) {
            double score = i <= 5 ? peak : 0.05 + (i % 7) / 100.0;
            points.add(AnomalySeries.Point.of(now.minus(Duration.ofMinutes(i)), score, 40.0 + i % 9));
        }
        return new IncidentMember(
                "anomaly:numenta:" + series,
                "anomaly",
                "Anomaly in " + series,
                peak >= 0.5 ? AlertStatus.FIRING : AlertStatus.RESOLVED,
                peak >= 0.9 ? Severity.CRITICAL : Severity.WARNING,
                "a-" + series,
                now.minus(Duration.ofMinutes(5)),
                false,
                Map.of("detector", "numenta"),
                List.of(),
                null,
                new AnomalySeries("numenta", series, "default", 0.5, 0.3, points));
    }

    private static Incident incident(String id, long version, IncidentState state, IncidentMember member) {
        return Incidents.incident(id, "#alerts", version, state, "api-5xx is in ALARM", List.of(member));
    }
}
