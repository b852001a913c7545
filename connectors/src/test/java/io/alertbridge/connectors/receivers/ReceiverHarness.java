package io.alertbridge.connectors.receivers;

import io.alertbridge.connectors.slack.Incidents;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.schemas.model.DeadLetter;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.serde.JsonSerde;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One receiver test's world: its own topics (unique prefix) on the shared broker, a producer of incidents as the
 * processor writes them (keyed by group key), routes, and receivers started against a stand-in over real HTTP.
 */
public final class ReceiverHarness implements AutoCloseable {

    private static final JsonSerde<Incident> INCIDENTS = JsonSerde.of(Incident.class);

    public final EmbeddedKafka kafka;
    public final Topics topics;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final List<ReceiverSink> sinks = new ArrayList<>();

    public ReceiverHarness(EmbeddedKafka kafka, int partitions) throws Exception {
        this.kafka = kafka;
        this.topics = Topics.withPrefix(DevkitExtension.unique("receivers") + ".");
        this.admin = kafka.admin();
        admin.createTopics(List.of(
                        new NewTopic(topics.incidents().name(), partitions, (short) 1),
                        new NewTopic(topics.deadLetters().name(), 1, (short) 1)))
                .all()
                .get();
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props);
    }

    /** The {@code payments} route (the one {@link Incidents} uses) sending to {@code receivers}. */
    public static Function<String, Optional<RouteRule>> payments(String... receivers) {
        RouteRule route = new RouteRule(
                "payments",
                1,
                null,
                "#pay",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(receivers),
                null,
                null);
        return id -> id.equals("payments") ? Optional.of(route) : Optional.empty();
    }

    /** An incident's open, acknowledged and resolved versions (1, 2, 3). */
    public static List<Incident> lifecycle(String incidentId) {
        Incident open = Incidents.open(incidentId, "#pay");
        Incident acknowledged = Incidents.next(open, IncidentState.ACKNOWLEDGED);
        return List.of(open, acknowledged, Incidents.next(acknowledged, IncidentState.RESOLVED));
    }

    public Map<String, Object> kafkaProps() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    /** Starts a receiver with these extra consumer properties. */
    public <M> ReceiverSink start(
            Destination<M> destination,
            DeliverySettings settings,
            Function<String, Optional<RouteRule>> routes,
            ReceiverProbe probe,
            Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(kafkaProps());
        props.putAll(extra);
        ReceiverSink sink = ReceiverSink.start(destination, settings, props, topics, routes, registry, probe);
        sinks.add(sink);
        return sink;
    }

    public <M> ReceiverSink start(
            Destination<M> destination, DeliverySettings settings, Function<String, Optional<RouteRule>> routes) {
        return start(destination, settings, routes, ReceiverProbe.NONE, Map.of());
    }

    /** Writes incidents keyed by group key, in order, and waits until Kafka has them. */
    public void send(Incident... incidents) {
        for (Incident incident : incidents) {
            producer.send(new ProducerRecord<>(
                    topics.incidents().name(),
                    incident.groupKey().getBytes(StandardCharsets.UTF_8),
                    INCIDENTS.toBytes(incident)));
        }
        producer.flush();
    }

    /** True when {@code group} has committed every incident record written so far. */
    public boolean allCommitted(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        var partitions = admin.describeTopics(List.of(topics.incidents().name()))
                .allTopicNames()
                .get()
                .get(topics.incidents().name())
                .partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(
                        p -> new TopicPartition(topics.incidents().name(), p.partition()), p -> OffsetSpec.latest()));
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            long done = Optional.ofNullable(committed.get(end.getKey()))
                    .map(OffsetAndMetadata::offset)
                    .orElse(0L);
            if (done < end.getValue().offset()) {
                return false;
            }
        }
        return true;
    }

    /** Everything on the dead-letter topic so far. */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition tp = new TopicPartition(topics.deadLetters().name(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    /** The dead-letter header of a record. */
    public static DeadLetter letter(ConsumerRecord<byte[], byte[]> record) {
        return DeadLetter.readFrom(record.headers());
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public double counter(String name, String... tags) {
        var search = registry.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        for (ReceiverSink sink : sinks) {
            sink.close();
        }
        producer.close();
        admin.close();
    }
}
