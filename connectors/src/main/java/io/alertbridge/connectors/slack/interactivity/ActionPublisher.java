package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes what people do in Slack to Kafka: {@link UserAction}s to {@code alertbridge.actions} keyed by the
 * incident's group key (so they land in the incident's partition, in order), and silences to the compacted
 * {@code alertbridge.rules} keyed by rule id.
 *
 * <p>Idempotent producer, {@code acks=all}: a write that completes is durable and written once. {@code send}
 * never blocks its caller for long: {@code max.block.ms} is bounded, and the caller gets a future that completes
 * when the broker acknowledged (or failed, with the reason).
 *
 * <p>Thread-safe (Kafka's producer is).
 */
final class ActionPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActionPublisher.class);

    private final TopicSpec<String, UserAction> actions;
    private final TopicSpec<String, Rule> rules;
    private final KafkaProducer<String, byte[]> producer;
    private final Timer produceTimer;

    private ActionPublisher(Topics topics, KafkaProducer<String, byte[]> producer, MeterRegistry registry) {
        this.actions = topics.actions();
        this.rules = topics.rules();
        this.producer = producer;
        this.produceTimer = Timer.builder("alertbridge.interactivity.produce")
                .description("time from a person's action to Kafka's acknowledgement of it")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /**
     * A publisher over a new producer.
     *
     * @param topics the topic catalog
     * @param kafka common client properties; producer settings are added here
     * @param maxBlock how long {@code send} may wait for metadata or buffer space before failing the future, unless
     *     the properties set {@code max.block.ms} themselves
     */
    static ActionPublisher create(Topics topics, Properties kafka, Duration maxBlock, MeterRegistry registry) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "alertbridge-interactivity");
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        return new ActionPublisher(topics, producer, registry);
    }

    /** Writes an action, keyed by its group key. The future fails with the broker's or the client's reason. */
    CompletableFuture<RecordMetadata> publish(UserAction action) {
        byte[] value = actions.valueSerde().serializer().serialize(actions.name(), action);
        return send(new ProducerRecord<>(actions.name(), action.groupKey(), value), action.actionId());
    }

    /** Writes a silence to the rules topic, keyed by its id. */
    CompletableFuture<RecordMetadata> publish(SilenceRule silence) {
        byte[] value = rules.valueSerde().serializer().serialize(rules.name(), silence);
        return send(new ProducerRecord<>(rules.name(), silence.id(), value), silence.id());
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record, String what) {
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        long started = System.nanoTime();
        try {
            producer.send(record, (metadata, error) -> {
                produceTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                if (error != null) {
                    LOG.warn(
                            "Could not write {} to {} (key {}): {}",
                            what,
                            record.topic(),
                            LogText.safe(record.key()),
                            LogText.safe(error.toString()));
                    done.completeExceptionally(error);
                } else {
                    LOG.debug(
                            "Wrote {} to {}-{}@{} (key {})",
                            what,
                            metadata.topic(),
                            metadata.partition(),
                            metadata.offset(),
                            LogText.safe(record.key()));
                    done.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            // send() itself throws when metadata or buffer space did not come within max.block.ms.
            LOG.warn(
                    "Could not write {} to {} (key {}): {}",
                    what,
                    record.topic(),
                    LogText.safe(record.key()),
                    LogText.safe(e.toString()));
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
