package io.alertbridge.processor.topology;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.junit.DevkitExtension;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.IncidentConfig;
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
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.awaitility.Awaitility;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/** Running the incident stages on the shared in-process broker, with exactly-once, for integration tests. */
final class StreamsItSupport {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final IncidentConfig FAST_TICKS =
            new IncidentConfig(Duration.ofMillis(200), Duration.ofMillis(200), ThrottleSettings.defaults());

    private StreamsItSupport() {}

    /** A fresh topic catalog (two partitions each) under a unique prefix. */
    static Topics createTopics(EmbeddedKafka kafka, String name) throws Exception {
        Topics topics = Topics.withPrefix(DevkitExtension.unique(name) + ".");
        try (Admin admin = kafka.admin()) {
            TopicCreator.createAll(
                    admin,
                    topics,
                    new TopicCreator.TopicSettings(2, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
        }
        return topics;
    }

    /** A route that posts at once (no group wait), grouping by resource. */
    static RouteRule route(String id, List<Matcher> matchers, String channel) {
        return new RouteRule(
                id, 1, matchers, channel, List.of("resource"), null, Duration.ZERO, null, null, null, null, null);
    }

    /** The rules global store and the incident stages, fed from the alerts topic. */
    static Topology topology(Topics topics, LiveRuleBook rules) {
        StreamsBuilder builder = new StreamsBuilder();
        new RulesStage(topics).build(builder, rules);
        TopicSpec<String, AlertEvent> alerts = topics.alerts();
        IncidentStages.build(
                builder,
                builder.stream(
                        alerts.name(),
                        Consumed.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-source")),
                topics,
                FAST_TICKS,
                rules);
        return builder.build();
    }

    /** Starts the topology and waits until it runs. */
    static KafkaStreams start(EmbeddedKafka kafka, Topology topology, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        Awaitility.await().atMost(PATIENCE).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** A read-committed reader of the notifications topic, from the beginning. */
    static KafkaConsumer<String, NotificationCommand> notifications(EmbeddedKafka kafka, Topics topics) {
        TopicSpec<String, NotificationCommand> spec = topics.notifications();
        KafkaConsumer<String, NotificationCommand> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        DevkitExtension.unique("reader"),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                spec.keySerde().deserializer(),
                spec.valueSerde().deserializer());
        consumer.subscribe(List.of(spec.name()));
        return consumer;
    }

    static void send(KafkaProducer<String, byte[]> producer, Topics topics, AlertEvent event) throws Exception {
        TopicSpec<String, AlertEvent> topic = topics.alerts();
        producer.send(new ProducerRecord<>(
                        topic.name(),
                        event.fingerprint(),
                        topic.valueSerde().serializer().serialize(topic.name(), event)))
                .get();
    }

    static void sendRule(KafkaProducer<String, byte[]> producer, Topics topics, String id, Object rule)
            throws Exception {
        byte[] value = rule instanceof byte[] bytes ? bytes : Json.mapper().writeValueAsBytes(rule);
        producer.send(new ProducerRecord<>(topics.rules().name(), id, value)).get();
    }

    /** Polls into {@code seen} until a command matching {@code wanted} is there, and returns it. */
    static NotificationCommand await(
            KafkaConsumer<String, NotificationCommand> consumer,
            List<NotificationCommand> seen,
            Predicate<NotificationCommand> wanted) {
        return Awaitility.await()
                .atMost(PATIENCE)
                .until(
                        () -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                            return seen.stream().filter(wanted).findFirst().orElse(null);
                        },
                        c -> c != null);
    }

    /** A POST about the incident of the given resource. */
    static Predicate<NotificationCommand> postAbout(String resource) {
        return c -> c.type() == NotificationCommand.Type.POST
                && resource.equals(c.incident().groupLabels().get("resource"));
    }
}
