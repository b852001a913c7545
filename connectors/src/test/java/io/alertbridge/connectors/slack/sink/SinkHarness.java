package io.alertbridge.connectors.slack.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.assembly.SlackSinkAssembler;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.schemas.model.NotificationCommand;
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
import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One test's world: its own topics (unique prefix) on the shared broker, a producer of notifications, and sinks
 * started against a local Slack workspace over real HTTP.
 */
final class SinkHarness implements AutoCloseable {

    private static final JsonSerde<NotificationCommand> COMMANDS = JsonSerde.of(NotificationCommand.class);

    final EmbeddedKafka kafka;
    final LocalSlackWorkspace slack;
    final String prefix;
    final String group;
    final Topics topics;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final List<SlackSink> sinks = new ArrayList<>();

    SinkHarness(EmbeddedKafka kafka, LocalSlackWorkspace slack, int partitions) throws Exception {
        this.kafka = kafka;
        this.slack = slack;
        this.prefix = DevkitExtension.unique("sink") + ".";
        this.group = prefix + "slack-sink";
        this.topics = Topics.withPrefix(prefix);
        this.admin = kafka.admin();
        {
            admin.createTopics(List.of(
                            new NewTopic(topics.notifications().name(), partitions, (short) 1),
                            new NewTopic(topics.deadLetters().name(), 1, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props);
    }

    /** The sink's configuration against this workspace and these topics, with test-sized backoff. */
    SlackSinkConfig config() {
        return SlackSinkConfig.defaults(slack.botToken()).toBuilder()
                .apiUrl(slack.apiUrl())
                .topicPrefix(prefix)
                .groupId(group)
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofSeconds(1))
                .build();
    }

    SlackSink start(SlackSinkConfig config) {
        return start(config, SinkProbe.NONE, id -> Optional.empty());
    }

    SlackSink start(SlackSinkConfig config, SinkProbe probe, Function<String, Optional<RouteRule>> routes) {
        return start(config, assembler -> assembler.routes(routes).probe(probe));
    }

    /** Starts a sink assembled as {@code assemble} says (graphs, routes, a probe) on top of the defaults. */
    SlackSink start(SlackSinkConfig config, UnaryOperator<SlackSinkAssembler> assemble) {
        SlackSink sink =
                assemble.apply(SlackSinkAssembler.of(config)).startSink(consumerProps(), producerProps(), registry);
        sinks.add(sink);
        return sink;
    }

    Map<String, Object> consumerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        return props;
    }

    Map<String, Object> producerProps() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    /** Sends commands keyed by group key, in order, and waits until Kafka has them. */
    void send(NotificationCommand... commands) {
        for (NotificationCommand command : commands) {
            producer.send(new ProducerRecord<>(
                    topics.notifications().name(),
                    command.groupKey().getBytes(StandardCharsets.UTF_8),
                    COMMANDS.toBytes(command)));
        }
        producer.flush();
    }

    /** Sends raw bytes, for unreadable-input tests. */
    void sendRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.notifications().name(), key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    /** True when the sink's group has committed every notification sent so far. */
    boolean allCommitted() throws Exception {
        {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            var partitions = admin.describeTopics(List.of(topics.notifications().name()))
                    .allTopicNames()
                    .get()
                    .get(topics.notifications().name())
                    .partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(
                            p -> new TopicPartition(topics.notifications().name(), p.partition()),
                            p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (var end : ends.entrySet()) {
                long done = Optional.ofNullable(committed.get(end.getKey()))
                        .map(OffsetAndMetadata::offset)
                        .orElse(0L);
                if (done < end.getValue().offset()) {
                    return false;
                }
            }
            return true;
        }
    }

    void awaitAllCommitted(Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(this::allCommitted);
    }

    /** The channel's main messages of one incident (there must be exactly one). */
    List<SlackMessage> incidentMessages(String channel, String incidentId) {
        return slack.messages(channel).stream()
                .filter(m -> IncidentMessageRenderer.INCIDENT_EVENT_TYPE.equals(m.eventType()))
                .filter(m -> incidentId.equals(
                        m.metadata().path("event_payload").path("incident_id").asText()))
                .toList();
    }

    /** The thread replies under a message. */
    List<SlackMessage> replies(SlackMessage parent) {
        return slack.replies(parent.channel(), parent.ts());
    }

    /** The colour of the message's first attachment. */
    static String colour(SlackMessage message) {
        return message.attachments().path(0).path("color").asText();
    }

    static long version(SlackMessage message) {
        return message.metadata().path("event_payload").path("version").asLong();
    }

    static String commandId(SlackMessage reply) {
        JsonNode payload = reply.metadata() == null ? null : reply.metadata().path("event_payload");
        return payload == null ? null : payload.path("command_id").asText();
    }

    /** Everything on the dead-letter topic so far. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters() {
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

    double counter(String name, String... tags) {
        var search = registry.find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        for (SlackSink sink : sinks) {
            sink.close();
        }
        producer.close();
        admin.close();
    }
}
