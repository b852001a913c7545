package io.alertbridge.launcher.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.schemas.serde.Json;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class OpsServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswer503UntilEveryPartIsReadyThen200() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicBoolean streamsRunning = new AtomicBoolean(false);
        try (OpsServer ops = OpsServer.start(0, registry)) {
            ops.register(
                    "streams",
                    () -> streamsRunning.get()
                            ? HealthCheck.Status.ready("RUNNING")
                            : HealthCheck.Status.notReady("REBALANCING"));
            ops.register("bridge", () -> HealthCheck.Status.ready("2 queues"));

            HttpResponse<String> before = get(ops, "/health");
            streamsRunning.set(true);
            HttpResponse<String> after = get(ops, "/health");

            assertThat(before.statusCode()).isEqualTo(503);
            JsonNode report = Json.mapper().readTree(before.body());
            assertThat(report.at("/parts/streams/detail").asText()).isEqualTo("REBALANCING");
            assertThat(report.at("/parts/bridge/ready").asBoolean()).isTrue();
            assertThat(after.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldNeverShowAnAwsAccountIdInHealth() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (OpsServer ops = OpsServer.start(0, registry)) {
            ops.register(
                    "bridge",
                    () -> HealthCheck.Status.ready("queues {https://sqs.eu-west-1.amazonaws.com/123456789012/alarms="
                            + "Queue[connected=true], arn:aws:sqs:eu-west-1:210987654321:other}"));

            HttpResponse<String> response = get(ops, "/health");

            assertThat(response.body())
                    .doesNotContain("123456789012")
                    .doesNotContain("210987654321")
                    .contains("alarms")
                    .contains("other");
        }
    }

    @Test
    void shouldStayReadyWith200WhenOnlySlackPartsAreDegradedAndSayWhichInTheBody() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicBoolean processorRunning = new AtomicBoolean(true);
        try (OpsServer ops = OpsServer.start(0, registry)) {
            ops.register(
                    "processor",
                    () -> processorRunning.get()
                            ? HealthCheck.Status.ready("RUNNING")
                            : HealthCheck.Status.notReady("ERROR"));
            ops.register("bridge", () -> HealthCheck.Status.ready("kafka connected"));
            ops.register(
                    "slack-sink",
                    () -> HealthCheck.Status.degraded("slack unreachable: HTTP 503 at auth.test, retrying"));

            HttpResponse<String> degraded = get(ops, "/health");
            processorRunning.set(false);
            HttpResponse<String> broken = get(ops, "/health");

            assertThat(degraded.statusCode()).isEqualTo(200);
            JsonNode report = Json.mapper().readTree(degraded.body());
            assertThat(report.at("/ready").asBoolean()).isTrue();
            assertThat(report.at("/degraded").asBoolean()).isTrue();
            assertThat(report.at("/parts/slack-sink/ready").asBoolean()).isFalse();
            assertThat(report.at("/parts/slack-sink/degraded").asBoolean()).isTrue();
            assertThat(report.at("/parts/slack-sink/detail").asText()).contains("HTTP 503 at auth.test");
            assertThat(report.at("/parts/bridge/degraded").asBoolean()).isFalse();
            assertThat(report.at("/parts/processor/ready").asBoolean()).isTrue();
            assertThat(broken.statusCode())
                    .as("a part that is not ready, not merely degraded")
                    .isEqualTo(503);
        }
    }

    @Test
    void shouldNeverCallAReadyPartDegraded() {
        assertThat(new HealthCheck.Status(true, "fine", true).degraded()).isFalse();
        assertThat(HealthCheck.Status.degraded("slack down").ready()).isFalse();
    }

    @Test
    void shouldNotBeReadyWithNothingRegisteredOrWhenACheckThrows() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (OpsServer ops = OpsServer.start(0, registry)) {
            assertThat(get(ops, "/health").statusCode()).isEqualTo(503);

            ops.register("broken", () -> {
                throw new IllegalStateException("boom");
            });

            HttpResponse<String> response = get(ops, "/health");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("check failed: boom");
        }
    }

    @Test
    void shouldServePrometheusText() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("alertbridge.test.events", "stage", "normalize").increment(3);
        try (OpsServer ops = OpsServer.start(0, registry)) {
            HttpResponse<String> response = get(ops, "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("alertbridge_test_events_total{stage=\"normalize\"} 3.0");
        }
    }

    private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + ops.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
