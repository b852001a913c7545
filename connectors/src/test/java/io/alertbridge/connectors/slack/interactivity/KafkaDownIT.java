package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.bolt.response.Response;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Clock;
import java.util.Properties;

import static io.alertbridge.connectors.slack.interactivity.SignedRequests.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack gets its acknowledgement within 3 seconds even when Kafka does not answer: the write is tried after the
 * acknowledgement, and its failure is told to the person through the response URL. The process is not ready
 * meanwhile, which {@code /health} reports.
 */
class KafkaDownIT {

    @Test
    void shouldAcknowledgeWithinThreeSecondsAndExplainLaterWhenKafkaIsDown() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", "localhost:" + deadPort);
        kafka.put("max.block.ms", "1500");
        try (LocalSlackWorkspace workspace = LocalSlackWorkspace.start();
                ResponseUrlRecorder responses = new ResponseUrlRecorder();
                Interactivity interactivity = Interactivity.start(
                        InteractivityConfig.http(workspace.signingSecret(), workspace.botToken()).toBuilder()
                                .apiUrl(workspace.apiUrl())
                                .build(),
                        kafka,
                        new SimpleMeterRegistry(),
                        Clock.systemUTC())) {
            SignedRequests requests = new SignedRequests(workspace.signingSecret());
            String url = responses.url();
            String value = "{\"incidentId\":\"INC-K1\",\"groupKey\":\"default|service=api\"}";

            long started = System.nanoTime();
            Response response = interactivity
                    .app()
                    .run(requests.click(
                            SignedRequests.blockActionPayload(ALICE, "alertbridge_acknowledge", value, null, url)));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(millis).isLessThan(3_000);
            JsonNode later = responses.await(url, 1);
            assertThat(later.get("text").asText())
                    .contains("could not record your acknowledgement of *INC-K1*")
                    .contains("Nothing changed");
            assertThat(interactivity.isReady()).isFalse();
            assertThat(interactivity.detail()).contains("incidents view");
        }
    }
}
