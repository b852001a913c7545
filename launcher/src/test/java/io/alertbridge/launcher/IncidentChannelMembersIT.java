package io.alertbridge.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.assembly.SlackSinkAssembler;
import io.alertbridge.connectors.slack.interactivity.Interactivity;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.slack.sink.SlackSink;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.InteractionResult;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackChannel;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.launcher.ops.OpsServer;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.topology.StreamsItSupport;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Membership of an incident channel, end to end on real protocols: an alarm opens an incident whose route asks for a
 * channel with three responders → {@code /alerts remove @bob} typed in that channel (signed, over HTTP) takes bob out
 * → the same request again is answered in plain words in the incident's thread → {@code rules apply} of the route
 * without responders removes carol, but keeps alice, who acted last, and says so in the thread.
 */
@ExtendWith(DevkitExtension.class)
class IncidentChannelMembersIT {

    private static final Duration PATIENCE = StreamsItSupport.PATIENCE;

    @Test
    void shouldRemoveAResponderOnRequestAndByARulesChangeAndAnswerARefusalInPlainWords(
            EmbeddedKafka kafka, @TempDir Path stateDir) throws Exception {
        Topics topics = StreamsItSupport.createTopics(kafka, "members");
        RouteRule route = withResponders("alice@example.com", "bob@example.com", "carol@example.com");
        LiveRuleBook rules = new LiveRuleBook(List.of(route), "#alerts");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Properties kafkaProps = new Properties();
        kafkaProps.put("bootstrap.servers", kafka.bootstrapServers());

        try (LocalSlackWorkspace workspace = LocalSlackWorkspace.start();
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
                        .startSink(
                                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                                registry);
                Interactivity interactivity = Interactivity.start(
                        InteractivityConfig.http(workspace.signingSecret(), workspace.botToken()).toBuilder()
                                .apiUrl(workspace.apiUrl())
                                .topicPrefix(topics.prefix())
                                .build(),
                        kafkaProps,
                        registry);
                OpsServer ops = OpsServer.start(0, registry);
                KafkaProducer<String, byte[]> producer = StreamsItSupport.producer(kafka)) {
            ops.mount(interactivity.path(), interactivity.httpHandler().orElseThrow());
            workspace.setInteractivityUrl("http://localhost:" + ops.port() + interactivity.path());
            Awaitility.await().atMost(PATIENCE).until(() -> sink.isReady() && interactivity.isReady());
            String alice = workspace.user("alice").orElseThrow().id();
            String bob = workspace.user("bob").orElseThrow().id();
            String carol = workspace.user("carol").orElseThrow().id();

            StreamsItSupport.alarm(producer, topics, "api-5xx-i-7", "i-7", true);
            SlackChannel channel = Awaitility.await()
                    .atMost(PATIENCE)
                    .until(
                            () -> workspace.channels().stream()
                                    .filter(c -> c.name().startsWith("inc-"))
                                    .filter(c -> c.hasMember(alice) && c.hasMember(bob) && c.hasMember(carol))
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            SlackMessage posted = workspace.messages("#alerts").stream()
                    .filter(m -> !m.isReply())
                    .findFirst()
                    .orElseThrow();
            String incidentId =
                    posted.metadata().path("event_payload").path("incident_id").asText();
            Awaitility.await().atMost(PATIENCE).until(() -> interactivity.viewSize() > 0);

            String asked = answer(workspace, channel.name(), "alice", "/alerts remove <@" + bob + "|bob>");
            assertThat(asked).contains("Removing <@" + bob + "> from the channel of *" + incidentId + "*");
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> !workspace.channel(channel.id()).orElseThrow().hasMember(bob));
            awaitReply(workspace, posted, "removed " + bob + " from the incident channel");

            answer(workspace, "#alerts", "alice", "/alerts kick <@" + bob + "> " + incidentId);
            awaitReply(
                    workspace,
                    posted,
                    "<@" + alice + "> <@" + bob + "> is not in the channel of " + incidentId
                            + ", so there was nobody to remove.");

            StreamsItSupport.sendRule(producer, topics, route.id(), withResponders());
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> !workspace.channel(channel.id()).orElseThrow().hasMember(carol));
            awaitReply(workspace, posted, "Removed <@" + carol + "> from the incident channel");
            awaitReply(workspace, posted, "<@" + alice + "> is no longer a responder of this route but acted last");
            assertThat(workspace.channel(channel.id()).orElseThrow().hasMember(alice))
                    .as("the last actor stays")
                    .isTrue();
            assertThat(workspace.calls("conversations.kick"))
                    .as("bob by hand (once refused), carol by the rules change; never alice")
                    .allSatisfy(call -> assertThat(call.param("user")).isNotEqualTo(alice))
                    .hasSize(3);
        }
    }

    private static RouteRule withResponders(String... responders) {
        return new RouteRule(
                "default",
                1,
                List.of(),
                "#alerts",
                List.of("resource"),
                null,
                Duration.ZERO,
                null,
                null,
                null,
                new RouteRule.IncidentChannelOption(true, "inc-", List.of(responders), Duration.ofHours(1)),
                null,
                null,
                null,
                null);
    }

    private static void awaitReply(LocalSlackWorkspace workspace, SlackMessage parent, String text) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
                        workspace.replies("#alerts", parent.ts()))
                .extracting(SlackMessage::visibleText)
                .anySatisfy(t -> assertThat(t).contains(text)));
    }

    private static String answer(LocalSlackWorkspace workspace, String channel, String user, String commandLine)
            throws Exception {
        InteractionResult result = workspace.runSlashCommand(channel, user, commandLine);
        assertThat(result.delivered()).as(result.toString()).isTrue();
        JsonNode body = Json.mapper().readTree(result.body());
        return body.path("text").asText("");
    }
}
