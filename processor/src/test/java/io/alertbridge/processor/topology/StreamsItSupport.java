package io.alertbridge.processor.topology;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.IncidentsSlice;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.ThrottleSlice;
import io.alertbridge.processor.fixtures.CloudWatchAlarms;
import io.alertbridge.processor.replay.HistoryReader;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Running the whole processor ({@link ProcessorApp}, exactly-once) on the shared in-process broker, for ITs. */
public final class StreamsItSupport {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private StreamsItSupport() {}

    /** A fresh topic catalog (two partitions each) under a unique prefix. */
    public static Topics createTopics(EmbeddedKafka kafka, String name) throws Exception {
        return createTopics(kafka, name, 2);
    }

    /** A fresh topic catalog of {@code partitions} partitions each under a unique prefix. */
    public static Topics createTopics(EmbeddedKafka kafka, String name, int partitions) throws Exception {
        Topics topics = Topics.withPrefix(DevkitExtension.unique(name) + ".");
        try (Admin admin = kafka.admin()) {
            TopicCreator.createAll(
                    admin,
                    topics,
                    new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(1), Duration.ofDays(1)));
        }
        return topics;
    }

    /** The processor's configuration for these topics, with fast wall-clock ticks. */
    public static ProcessorConfig config(EmbeddedKafka kafka, Topics topics, Path stateDir) {
        return ProcessorConfig.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topicPrefix(topics.prefix())
                .stateDir(stateDir.toString())
                .applicationId(topics.prefix() + "processor")
                .incidents(new IncidentsSlice(Duration.ofMillis(200), Duration.ofMillis(200), ThrottleSlice.defaults()))
                .build();
    }

    /** Starts the processor following the rules topic and waits until it is ready. */
    public static ProcessorApp start(ProcessorConfig config, LiveRuleBook rules) {
        ProcessorApp app = ProcessorApp.create(config, rules);
        app.start();
        Awaitility.await().atMost(PATIENCE).until(() -> app.health().ready());
        return app;
    }

    /** A route that posts at once (no group wait), grouping by resource. */
    public static RouteRule route(String id, List<Matcher> matchers, String channel) {
        return new RouteRule(
                id,
                1,
                matchers,
                channel,
                List.of("resource"),
                null,
                Duration.ZERO,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** A read-committed reader of the notifications topic, from the beginning. */
    public static KafkaConsumer<String, NotificationCommand> notifications(EmbeddedKafka kafka, Topics topics) {
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

    /** A CloudWatch alarm state change onto the raw topic, as the SQS bridge writes it. */
    public static void alarm(
            KafkaProducer<String, byte[]> producer, Topics topics, String alarmName, String instanceId, boolean firing)
            throws Exception {
        TopicSpec<String, RawAwsMessage> raw = topics.awsRaw();
        RawAwsMessage message = CloudWatchAlarms.stateChange(alarmName, instanceId, firing, Instant.now());
        producer.send(new ProducerRecord<>(
                        raw.name(),
                        message.recordKey(),
                        raw.valueSerde().serializer().serialize(raw.name(), message)))
                .get();
    }

    public static void sendRule(KafkaProducer<String, byte[]> producer, Topics topics, String id, Object rule)
            throws Exception {
        byte[] value = rule instanceof byte[] bytes ? bytes : Json.mapper().writeValueAsBytes(rule);
        producer.send(new ProducerRecord<>(topics.rules().name(), id, value)).get();
    }

    /** Polls into {@code seen} until a command matching {@code wanted} is there, and returns it. */
    public static NotificationCommand await(
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
    public static Predicate<NotificationCommand> postAbout(String resource) {
        return c -> c.type() == NotificationCommand.Type.POST
                && resource.equals(c.incident().groupLabels().get("resource"));
    }

    /** Per incident (latest version of each), the names of its members' alarms (CpuHigh, DiskFull). */
    public static List<Set<String>> memberNames(EmbeddedKafka kafka, Topics topics) {
        Map<String, Incident> latest = new HashMap<>();
        TopicSpec<String, Incident> incidents = topics.incidents();
        try (HistoryReader reader = new HistoryReader(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), List.of(incidents.name()), null, null)) {
            reader.forEach(record -> {
                Incident incident = incidents.valueSerde().deserializer().deserialize(incidents.name(), record.value());
                latest.put(incident.incidentId(), incident);
            });
        }
        List<Set<String>> names = new ArrayList<>();
        for (Incident incident : latest.values()) {
            names.add(incident.members().stream()
                    .map(IncidentMember::title)
                    .map(title -> title.replaceAll(".*?(CpuHigh|DiskFull).*", "$1"))
                    .collect(Collectors.toSet()));
        }
        return names;
    }
}
