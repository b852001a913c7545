package io.alertbridge.launcher;

import io.alertbridge.connectors.receivers.ReceiverProbe;
import io.alertbridge.connectors.receivers.ReceiverSink;
import io.alertbridge.connectors.receivers.pagerduty.IncidentKeys;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyConfig;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyDestination;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyWebhooks;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.assembly.SlackSinkAssembler;
import io.alertbridge.connectors.slack.interactivity.Interactivity;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.slack.sink.SlackSink;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.receivers.LocalPagerDuty;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.launcher.ops.OpsServer;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.topology.StreamsItSupport;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-way acknowledgement, end to end on real protocols: an alarm opens an incident whose route lists Slack and
 * PagerDuty → the Slack message is posted and PagerDuty's stand-in gets one trigger → someone acknowledges in
 * PagerDuty (a signed v3 webhook to this process's HTTP server) → the Slack message says so, and nothing is sent
 * back to PagerDuty → a second incident acknowledged with Slack's button reaches PagerDuty as an acknowledge.
 */
@ExtendWith(DevkitExtension.class)
class PagerDutyRoundTripIT {

    private static final Duration PATIENCE = StreamsItSupport.PATIENCE;
    private static final String KEY = "R0UTINGKEY0000000000000000000002";
    private static final String SECRET = "pd_roundtrip_secret";

    @Test
    void shouldShowAPagerDutyAcknowledgementInSlackAndSendASlackOneToPagerDuty(
            EmbeddedKafka kafka, @TempDir Path stateDir) throws Exception {
        Topics topics = StreamsItSupport.createTopics(kafka, "pdroundtrip");
        LiveRuleBook rules = new LiveRuleBook(
                List.of(StreamsItSupport.route("default", List.of(), "#alerts")
                        .withReceivers(List.of("slack", "pagerduty:oncall"))),
                "#alerts");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Properties kafkaProps = new Properties();
        kafkaProps.put("bootstrap.servers", kafka.bootstrapServers());
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());

        try (LocalSlackWorkspace workspace = LocalSlackWorkspace.start();
                LocalPagerDuty pagerDuty = LocalPagerDuty.start(java.util.Set.of(KEY));
                ProcessorApp processor =
                        StreamsItSupport.start(StreamsItSupport.config(kafka, topics, stateDir), rules);
                SlackSink sink = SlackSinkAssembler.of(SlackSinkConfig.defaults(workspace.botToken()).toBuilder()
                                .apiUrl(workspace.apiUrl())
                                .topicPrefix(topics.prefix())
                                .groupId(topics.prefix() + "slack-sink")
                                .initialBackoff(Duration.ofMillis(50))
                                .maxBackoff(Duration.ofSeconds(1))
                                .build())
                        .routes(routeId -> rules.get().route(routeId))
                        .startSink(client, client, registry);
                Interactivity interactivity = Interactivity.start(
                        InteractivityConfig.http(workspace.signingSecret(), workspace.botToken()).toBuilder()
                                .apiUrl(workspace.apiUrl())
                                .topicPrefix(topics.prefix())
                                .build(),
                        kafkaProps,
                        registry);
                OpsServer ops = OpsServer.start(0, registry);
                KafkaProducer<String, byte[]> producer = StreamsItSupport.producer(kafka)) {
            PagerDutyConfig config = PagerDutyConfig.of(KEY, pagerDuty.url(), SECRET)
                    .withRetries(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMinutes(5), null);
            try (ReceiverSink receiver = ReceiverSink.start(
                            new PagerDutyDestination("oncall", config, Clock.systemUTC()),
                            config.delivery("oncall"),
                            client,
                            topics,
                            id -> rules.get().route(id),
                            registry,
                            ReceiverProbe.NONE);
                    IncidentKeys keys =
                            IncidentKeys.start(client, topics.incidents().name());
                    PagerDutyWebhooks webhooks = new PagerDutyWebhooks(
                            "oncall", config, keys::groupKey, client, topics, registry, Clock.systemUTC())) {
                ops.mount(interactivity.path(), interactivity.httpHandler().orElseThrow());
                ops.mount(PagerDutyWebhooks.path("oncall"), webhooks);
                workspace.setInteractivityUrl("http://localhost:" + ops.port() + interactivity.path());
                URI webhookUrl = URI.create("http://localhost:" + ops.port() + PagerDutyWebhooks.path("oncall"));
                Awaitility.await().atMost(PATIENCE).until(() -> sink.isReady() && interactivity.isReady());

                // PagerDuty → Alertbridge → Slack.
                StreamsItSupport.alarm(producer, topics, "api-5xx-i-51", "i-51", true);
                SlackMessage first = awaitMessage(workspace, m -> true);
                String firstId = first.metadata()
                        .path("event_payload")
                        .path("incident_id")
                        .asText();
                Awaitility.await().atMost(PATIENCE).until(() -> "triggered".equals(pagerDuty.status(firstId)));
                Awaitility.await().atMost(PATIENCE).until(() -> keys.groupKey(firstId)
                        .isPresent());
                int status = pagerDuty.sendWebhook(
                        webhookUrl, SECRET, "incident.acknowledged", firstId, "Jane Doe", Instant.now());
                assertThat(status).isEqualTo(202);
                SlackMessage acknowledged = awaitMessage(
                        workspace,
                        m -> m.ts().equals(first.ts()) && m.visibleText().contains("Acknowledged by"));
                assertThat(acknowledged.visibleText()).contains("Jane Doe");

                // Slack → Alertbridge → PagerDuty.
                StreamsItSupport.alarm(producer, topics, "db-cpu-i-52", "i-52", true);
                SlackMessage second = awaitMessage(workspace, m -> !m.ts().equals(first.ts()));
                String secondId = second.metadata()
                        .path("event_payload")
                        .path("incident_id")
                        .asText();
                Awaitility.await().atMost(PATIENCE).until(() -> "triggered".equals(pagerDuty.status(secondId)));
                Awaitility.await().atMost(PATIENCE).until(() -> interactivity.viewSize() > 1);
                workspace.clickButton("#alerts", second.ts(), "alertbridge_acknowledge", "alice");
                Awaitility.await().atMost(PATIENCE).until(() -> "acknowledged".equals(pagerDuty.status(secondId)));

                assertThat(pagerDuty.events())
                        .filteredOn(e -> e.dedupKey().equals(firstId))
                        .extracting(LocalPagerDuty.Event::action)
                        .as("PagerDuty's own acknowledgement is not sent back")
                        .containsExactly("trigger");
                assertThat(pagerDuty.events())
                        .filteredOn(e -> e.dedupKey().equals(secondId))
                        .extracting(LocalPagerDuty.Event::action)
                        .containsExactly("trigger", "acknowledge");
                assertThat(pagerDuty.opened(firstId)).isEqualTo(1);
            }
        }
    }

    private static SlackMessage awaitMessage(LocalSlackWorkspace workspace, Predicate<SlackMessage> wanted) {
        return Awaitility.await()
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> workspace.messages("#alerts").stream()
                                .filter(m -> !m.isReply())
                                .filter(wanted)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
