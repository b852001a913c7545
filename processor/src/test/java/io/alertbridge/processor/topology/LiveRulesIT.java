package io.alertbridge.processor.topology;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.junit.DevkitExtension;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.IncidentConfig;
import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.processor.incident.ThrottleSettings;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.alertbridge.schemas.model.AlertStatus.FIRING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real broker with exactly-once: a rule written to the rules topic while the topology runs routes the next
 * alerts, and a bad rule written after it changes nothing. No restart in between.
 */
@ExtendWith(DevkitExtension.class)
class LiveRulesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void shouldRouteTheNextAlertsByARuleWrittenWhileTheTopologyRuns(EmbeddedKafka kafka, @TempDir Path stateDir)
            throws Exception {
        Topics topics = Topics.withPrefix(DevkitExtension.unique("live-rules") + ".");
        try (Admin admin = kafka.admin()) {
            TopicCreator.createAll(
                    admin,
                    topics,
                    new TopicCreator.TopicSettings(2, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
        }
        RouteRule quickDefault = route("default", List.of(), "#alerts");
        LiveRuleBook rules = new LiveRuleBook(List.of(quickDefault), "#alerts");
        IncidentConfig config =
                new IncidentConfig(Duration.ofMillis(200), Duration.ofMillis(200), ThrottleSettings.defaults());

        try (KafkaStreams streams = new KafkaStreams(topology(topics, rules, config), properties(kafka, stateDir));
                KafkaProducer<String, byte[]> producer = producer(kafka);
                KafkaConsumer<String, NotificationCommand> consumer = consumer(kafka, topics)) {
            streams.start();
            Awaitility.await().atMost(PATIENCE).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            List<NotificationCommand> seen = new ArrayList<>();

            send(producer, topics.alerts(), paymentsAlarm("i-1"));
            assertThat(awaitPost(consumer, seen, "i-1").channel()).isEqualTo("#alerts");

            RouteRule payments = route("payments", List.of(Matcher.parse("team=pay")), "#payments");
            producer.send(new ProducerRecord<>(
                            topics.rules().name(), "payments", Json.mapper().writeValueAsBytes(payments)))
                    .get();
            Awaitility.await()
                    .atMost(PATIENCE)
                    .until(() -> rules.get().route("payments").isPresent());
            send(producer, topics.alerts(), paymentsAlarm("i-2"));
            assertThat(awaitPost(consumer, seen, "i-2").channel()).isEqualTo("#payments");

            producer.send(new ProducerRecord<>(
                            topics.rules().name(),
                            "payments",
                            "{\"kind\":\"route\",\"id\":\"payments\",\"channel\":\"\"}"
                                    .getBytes(StandardCharsets.UTF_8)))
                    .get();
            Awaitility.await().atMost(PATIENCE).until(() -> !rules.rejections().isEmpty());
            send(producer, topics.alerts(), paymentsAlarm("i-3"));
            assertThat(awaitPost(consumer, seen, "i-3").channel())
                    .as("the bad rule was rejected whole; the previous version stays in force")
                    .isEqualTo("#payments");
            assertThat(seen).extracting(NotificationCommand::type).containsOnly(NotificationCommand.Type.POST);
        }
    }

    private static RouteRule route(String id, List<Matcher> matchers, String channel) {
        return new RouteRule(
                id, 1, matchers, channel, List.of("resource"), null, Duration.ZERO, null, null, null, null, null);
    }

    private static AlertEvent paymentsAlarm(String resource) {
        return Fixtures.withLabels(Fixtures.alarm("latency", resource, FIRING, Instant.now()), Map.of("team", "pay"));
    }

    private static org.apache.kafka.streams.Topology topology(
            Topics topics, LiveRuleBook rules, IncidentConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        new RulesStage(topics).build(builder, rules);
        TopicSpec<String, AlertEvent> alerts = topics.alerts();
        IncidentStages.build(
                builder,
                builder.stream(
                        alerts.name(),
                        Consumed.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-source")),
                topics,
                config,
                rules);
        return builder.build();
    }

    private static Properties properties(EmbeddedKafka kafka, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, DevkitExtension.unique("live-rules-app"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static KafkaConsumer<String, NotificationCommand> consumer(EmbeddedKafka kafka, Topics topics) {
        TopicSpec<String, NotificationCommand> spec = topics.notifications();
        KafkaConsumer<String, NotificationCommand> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        DevkitExtension.unique("live-rules-reader"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                spec.keySerde().deserializer(),
                spec.valueSerde().deserializer());
        consumer.subscribe(List.of(spec.name()));
        return consumer;
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, TopicSpec<String, AlertEvent> topic, AlertEvent event)
            throws Exception {
        producer.send(new ProducerRecord<>(
                        topic.name(),
                        event.fingerprint(),
                        topic.valueSerde().serializer().serialize(topic.name(), event)))
                .get();
    }

    private static NotificationCommand awaitPost(
            KafkaConsumer<String, NotificationCommand> consumer, List<NotificationCommand> seen, String resource) {
        return Awaitility.await()
                .atMost(PATIENCE)
                .until(
                        () -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                            return seen.stream()
                                    .filter(c -> c.type() == NotificationCommand.Type.POST
                                            && resource.equals(
                                                    c.incident().groupLabels().get("resource")))
                                    .findFirst()
                                    .orElse(null);
                        },
                        c -> c != null);
    }
}
