package io.alertbridge.connectors.slack.sink;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import io.alertbridge.connectors.slack.OneGsonMethodsClient;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Kafka and Slack clients a sink owns, opened together with the sink's own settings and released together.
 *
 * @param consumer reads the notifications (read committed, manual commits, the sink's group)
 * @param restorer reads the refs topic back on assignment (no group)
 * @param producer writes refs and dead letters ({@code acks=all}, idempotent)
 * @param admin creates and grows the refs topic
 * @param slack the Slack SDK's HTTP client
 * @param token the token's watch; the sink's calls use the token it read last
 */
public record SinkClients(
        KafkaConsumer<byte[], byte[]> consumer,
        KafkaConsumer<byte[], byte[]> restorer,
        KafkaProducer<byte[], byte[]> producer,
        Admin admin,
        Slack slack,
        TokenWatch token) {

    private static final Logger LOG = LoggerFactory.getLogger(SinkClients.class);

    /**
     * Opens the clients. On failure, what was opened is closed and the token's watch too.
     *
     * @param consumerProps at least {@code bootstrap.servers}; the sink sets its own deserializers, group (unless
     *     given), read-committed isolation and manual commits
     * @param producerProps at least {@code bootstrap.servers}; the sink sets serializers, {@code acks=all} and
     *     idempotence
     */
    public static SinkClients open(
            SlackSinkConfig config,
            Map<String, Object> consumerProps,
            Map<String, Object> producerProps,
            TokenWatch token) {
        KafkaConsumer<byte[], byte[]> consumer = null;
        KafkaConsumer<byte[], byte[]> restorer = null;
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            consumer = new KafkaConsumer<>(consumerConfig(config, consumerProps));
            restorer = new KafkaConsumer<>(restorerConfig(consumerProps));
            producer = new KafkaProducer<>(producerConfig(producerProps));
            Admin admin = Admin.create(adminConfig(consumerProps));
            Slack slack = Slack.getInstance(TokenWatch.slackConfig(config.apiUrl(), config.callTimeout()));
            return new SinkClients(consumer, restorer, producer, admin, slack, token);
        } catch (RuntimeException e) {
            new SinkClients(consumer, restorer, producer, null, null, token).release(false);
            throw e;
        }
    }

    /** The client for the token the watch read last: a rotated secret is used from its first successful check. */
    public Supplier<MethodsClient> methods() {
        return new ClientForToken(slack, token);
    }

    /**
     * Closes every client. Not graceful (a simulated crash): the producer drops what it has not sent, as a killed
     * process would; the consumer commits nothing but still leaves its group at once, which a killed process would
     * only do after {@code session.timeout.ms} (a difference of time, not of outcome).
     */
    public void release(boolean graceful) {
        Duration wait = graceful ? Duration.ofSeconds(5) : Duration.ZERO;
        if (producer != null) {
            quietly(() -> producer.close(wait));
        }
        if (consumer != null) {
            quietly(() -> consumer.close(CloseOptions.timeout(graceful ? wait : Duration.ofSeconds(1))));
        }
        if (restorer != null) {
            quietly(restorer::close);
        }
        if (admin != null) {
            quietly(admin::close);
        }
        if (slack != null) {
            quietly(slack::close);
        }
        quietly(token::close);
    }

    private static void quietly(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception e) {
            LOG.debug("Ignoring a failure while releasing the Slack sink: {}", LogText.safe(e.toString()));
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    static Map<String, Object> consumerConfig(SlackSinkConfig config, Map<String, Object> given) {
        Map<String, Object> props = new HashMap<>(given);
        props.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "alertbridge-slack-sink");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private static Map<String, Object> restorerConfig(Map<String, Object> given) {
        Map<String, Object> props = new HashMap<>(given);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alertbridge-slack-sink-restore");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    static Map<String, Object> producerConfig(Map<String, Object> given) {
        Map<String, Object> props = new HashMap<>(given);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "alertbridge-slack-sink");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    private static Map<String, Object> adminConfig(Map<String, Object> consumerProps) {
        Map<String, Object> props = new HashMap<>();
        consumerProps.forEach((k, v) -> {
            if (k.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    || k.startsWith("security.")
                    || k.startsWith("sasl.")
                    || k.startsWith("ssl.")) {
                props.put(k, v);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "alertbridge-slack-sink-admin");
        return props;
    }

    /** Caches the SDK's client per token value. */
    private static final class ClientForToken implements Supplier<MethodsClient> {
        private final Slack slack;
        private final TokenWatch token;
        private String forToken;
        private MethodsClient client;

        ClientForToken(Slack slack, TokenWatch token) {
            this.slack = slack;
            this.token = token;
        }

        @Override
        public MethodsClient get() {
            String current = token.token();
            if (client == null || !current.equals(forToken)) {
                client = new OneGsonMethodsClient(slack, current);
                forToken = current;
            }
            return client;
        }
    }
}
