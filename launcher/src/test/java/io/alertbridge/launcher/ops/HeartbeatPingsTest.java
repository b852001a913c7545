package io.alertbridge.launcher.ops;

import io.alertbridge.schemas.model.HeartbeatBeat;
import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.HeartbeatRule.BeatKind;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /heartbeat/<name>} on the ops server, over real HTTP. The beats it records are collected by a publisher
 * that keeps them in a list: what reaches Kafka is {@link KafkaBeatPublisher}'s job, and this test is about what is
 * recorded at all.
 */
class HeartbeatPingsTest {

    private static final String TOKEN = "s3cret-token-of-the-nightly-backup";
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

    private static final HeartbeatRule BACKUP = new HeartbeatRule(
            "nightly-backup",
            BeatKind.PING,
            null,
            null,
            null,
            null,
            List.of(),
            HeartbeatTokens.sha256(TOKEN),
            Duration.ofDays(1),
            Duration.ofHours(2),
            null,
            null,
            null,
            Map.of());

    private static final HeartbeatRule SCORES = new HeartbeatRule(
            "numenta",
            BeatKind.SCORE,
            null,
            null,
            "numenta",
            null,
            List.of(),
            null,
            Duration.ofMinutes(5),
            null,
            3,
            null,
            null,
            Map.of());

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<HeartbeatBeat> recorded = new CopyOnWriteArrayList<>();
    private PrometheusMeterRegistry registry;
    private OpsServer ops;

    @BeforeEach
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ops = OpsServer.start(java.net.InetAddress.getLoopbackAddress(), 0, registry);
        Map<String, HeartbeatRule> rules = Map.of(BACKUP.id(), BACKUP, SCORES.id(), SCORES);
        ops.mount(
                HeartbeatPings.PATH,
                new HeartbeatPings(
                        name -> Optional.ofNullable(rules.get(name)),
                        recorded::add,
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        registry));
    }

    @AfterEach
    void stop() {
        ops.close();
        registry.close();
    }

    private HttpResponse<String> ping(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswer401AndRecordNothingForAWrongOrMissingToken() throws Exception {
        HttpResponse<String> wrong = ping("/heartbeat/nightly-backup", "Bearer not-the-token", "");
        HttpResponse<String> missing = ping("/heartbeat/nightly-backup", null, "");
        HttpResponse<String> wrongInQuery = ping("/heartbeat/nightly-backup?token=guess", null, "");
        HttpResponse<String> hashInsteadOfToken =
                ping("/heartbeat/nightly-backup", "Bearer " + HeartbeatTokens.sha256(TOKEN), "");

        assertThat(List.of(wrong, missing, wrongInQuery, hashInsteadOfToken))
                .extracting(HttpResponse::statusCode)
                .containsOnly(401);
        assertThat(recorded).isEmpty();
        assertThat(registry.scrape()).contains("outcome=\"unauthorized\"");
    }

    @Test
    void shouldRecordAPingWithTheRightTokenAsABeat() throws Exception {
        HttpResponse<String> bearer = ping("/heartbeat/nightly-backup", "Bearer " + TOKEN, "backup of 412 GB done\n");
        HttpResponse<String> query = ping("/heartbeat/nightly-backup?token=" + TOKEN, null, "");

        assertThat(bearer.statusCode()).isEqualTo(202);
        assertThat(query.statusCode()).isEqualTo(202);
        assertThat(recorded)
                .containsExactly(
                        new HeartbeatBeat("nightly-backup", NOW, "ping", "backup of 412 GB done"),
                        new HeartbeatBeat("nightly-backup", NOW, "ping", null));
    }

    @Test
    void shouldAnswer404ForANameThatIsNoPingHeartbeat() throws Exception {
        assertThat(ping("/heartbeat/nobody", "Bearer " + TOKEN, "").statusCode())
                .isEqualTo(404);
        assertThat(ping("/heartbeat/numenta", "Bearer " + TOKEN, "").statusCode())
                .as("a score heartbeat cannot be pinged")
                .isEqualTo(404);
        assertThat(ping("/heartbeat/", "Bearer " + TOKEN, "").statusCode()).isEqualTo(404);
        assertThat(recorded).isEmpty();
    }

    @Test
    void shouldRefuseABodyOverFourKilobytes() throws Exception {
        HttpResponse<String> large = ping("/heartbeat/nightly-backup", "Bearer " + TOKEN, "x".repeat(4097));
        HttpResponse<String> largest = ping("/heartbeat/nightly-backup", "Bearer " + TOKEN, "x".repeat(4096));

        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(largest.statusCode()).isEqualTo(202);
        assertThat(recorded).hasSize(1);
    }

    @Test
    void shouldAnswer429BeyondTenPingsASecondPerHeartbeat() throws Exception {
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(
                    ping("/heartbeat/nightly-backup", "Bearer " + TOKEN, "").statusCode());
        }

        // The clock stands still, so the bucket never refills.
        assertThat(statuses.subList(0, 10)).containsOnly(202);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
        assertThat(recorded).hasSize(10);
    }

    @Test
    void shouldAnswer503WhenTheBeatCannotBeRecorded() throws Exception {
        ops.mount(
                "/heartbeat-down/",
                new HeartbeatPings(
                        name -> Optional.of(BACKUP),
                        beat -> {
                            throw new java.util.concurrent.TimeoutException("broker unreachable");
                        },
                        Clock.fixed(NOW, ZoneOffset.UTC),
                        registry));

        assertThat(ping("/heartbeat-down/nightly-backup", "Bearer " + TOKEN, "").statusCode())
                .isEqualTo(503);
    }

    @Test
    void shouldRefuseAnythingButPost() throws Exception {
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + "/heartbeat/nightly-backup"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(recorded).isEmpty();
    }
}
