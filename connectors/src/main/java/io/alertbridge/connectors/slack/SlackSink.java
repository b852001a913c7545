package io.alertbridge.connectors.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import io.alertbridge.connectors.retry.Backoff;
import io.alertbridge.connectors.slack.SinkHealth.State;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.text.LogText;
import io.micrometer.core.instrument.MeterRegistry;
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

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Slack sink: consumes {@code alertbridge.notifications} and carries out every command in Slack — one message
 * per incident, posted once and edited in place, its timeline in the thread, incident channels — never twice and
 * never lost, whatever Slack or the process does. The launcher's entry point is {@link #start}; the sink runs on
 * its own thread until {@link #close()}.
 *
 * <p>How (see {@link CommandExecutor}, {@link SlackRefStore}, {@link NotificationLoop}): incident → (channel, ts)
 * lives in the compacted {@code <prefix>slack.refs} topic, co-partitioned with the notifications and restored on
 * assignment; the intent to create a message is recorded there before Slack is called and settled from Slack's
 * history (message metadata) after a crash; consumer offsets are committed only after the effects are recorded.
 * A Slack outage or rate limit pauses consumption; the backlog is then caught up in order, stale snapshots
 * coalesced ({@link CatchUpPlanner}).
 *
 * <p>Slack never stops the sink: a token Slack refuses (revoked, deactivated) pauses it like an outage, with the
 * token checked again with backoff by its {@link TokenWatch}, and {@link #health()} says
 * {@link SinkHealth#degraded() degraded} and why. Only a token that Slack definitely rejects at start and that never
 * worked refuses the start ({@link TokenWatch.RefusedToStart}), naming where it came from.
 *
 * <p>Thread-safe: {@link #health()} and {@link #close()} may be called from any thread.
 */
public final class SlackSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSink.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** How messages name the sink's token when the caller does not say which of the two applied. */
    public static final String TOKEN_NAME = "SLACK_BOT_TOKEN (or slack.token)";

    private final Thread thread;
    private final NotificationLoop loop;
    private final AtomicReference<SinkHealth> health;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaConsumer<byte[], byte[]> restorer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final Slack slack;
    private final TokenWatch token;
    private final Clock clock;

    private SlackSink(Parts parts, Clock clock) {
        this.consumer = parts.consumer;
        this.restorer = parts.restorer;
        this.producer = parts.producer;
        this.admin = parts.admin;
        this.slack = parts.slack;
        this.token = parts.token;
        this.loop = parts.loop;
        this.health = parts.health;
        this.clock = clock;
        this.thread = new Thread(this::run, "slack-sink");
        this.thread.setDaemon(true);
    }

    /**
     * Starts a sink with no route lookup (no mentions from routes; incident channels archived after the
     * configuration's {@code archiveAfter}).
     *
     * @param config the sink's configuration
     * @param consumerProps Kafka consumer properties: at least {@code bootstrap.servers}; the sink sets its own
     *     deserializers, group (unless given), read-committed isolation and manual commits
     * @param producerProps Kafka producer properties for the refs and dead-letter topics: at least
     *     {@code bootstrap.servers}; the sink sets serializers, {@code acks=all} and idempotence
     * @param registry where the sink's meters go
     */
    public static SlackSink start(
            SlackSinkConfig config,
            Map<String, Object> consumerProps,
            Map<String, Object> producerProps,
            MeterRegistry registry) {
        return start(config, consumerProps, producerProps, registry, routeId -> Optional.empty());
    }

    /** As {@link #start(SlackSinkConfig, Map, Map, MeterRegistry)}, with the live routes (mentions, channels). */
    public static SlackSink start(
            SlackSinkConfig config,
            Map<String, Object> consumerProps,
            Map<String, Object> producerProps,
            MeterRegistry registry,
            Function<String, Optional<RouteRule>> routes) {
        return start(config, consumerProps, producerProps, registry, routes, Clock.systemUTC(), SinkProbe.NONE);
    }

    /**
     * As {@link #start(SlackSinkConfig, Map, Map, MeterRegistry, Function)}, with the token's watch already checked
     * once by the launcher ({@link TokenWatch#startChecked}); the sink owns it from now on and closes it.
     */
    public static SlackSink start(
            SlackSinkConfig config,
            Map<String, Object> consumerProps,
            Map<String, Object> producerProps,
            MeterRegistry registry,
            Function<String, Optional<RouteRule>> routes,
            TokenWatch token) {
        return start(config, consumerProps, producerProps, registry, routes, Clock.systemUTC(), SinkProbe.NONE, token);
    }

    static SlackSink start(
            SlackSinkConfig config,
            Map<String, Object> consumerProps,
            Map<String, Object> producerProps,
            MeterRegistry registry,
            Function<String, Optional<RouteRule>> routes,
            Clock clock,
            SinkProbe probe) {
        return start(config, consumerProps, producerProps, registry, routes, clock, probe, watch(config));
    }

    private static SlackSink start(
            SlackSinkConfig config,
            Map<String, Object> consumerProps,
            Map<String, Object> producerProps,
            MeterRegistry registry,
            Function<String, Optional<RouteRule>> routes,
            Clock clock,
            SinkProbe probe,
            TokenWatch token) {
        LOG.info("Starting the Slack sink: {}", config);
        Parts parts;
        try {
            parts = assemble(config, consumerProps, producerProps, registry, routes, clock, probe, token);
        } catch (RuntimeException e) {
            token.close();
            throw e;
        }
        SlackSink sink = new SlackSink(parts, clock);
        sink.thread.start();
        return sink;
    }

    /**
     * Checks the sink's token once, before anything else starts.
     *
     * @throws TokenWatch.RefusedToStart when Slack definitely rejects it
     */
    public static TokenWatch watch(SlackSinkConfig config, String tokenName) {
        return TokenWatch.startChecked(tokenName, config::token, config.apiUrl(), config.callTimeout());
    }

    private static TokenWatch watch(SlackSinkConfig config) {
        return watch(config, TOKEN_NAME);
    }

    /** Ready when consuming with Slack answering; otherwise what is wrong. Any thread. */
    public SinkHealth health() {
        return health.get();
    }

    /** Shorthand for {@code health().ready()}. */
    public boolean isReady() {
        return health.get().ready();
    }

    /**
     * Stops consuming, commits what was carried out, and releases Kafka and Slack clients. Waits up to 30 s for a
     * Slack call in flight. Idempotent.
     */
    @Override
    public void close() {
        loop.stop();
        try {
            if (!finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The Slack sink did not stop within {}", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the sink's thread has ended (after a close, a halt or a simulated crash). */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        boolean graceful = true;
        try {
            loop.run();
            setHealth(State.CLOSED, Map.of());
        } catch (SinkProbe.Crash e) {
            graceful = false;
            loop.abandon();
            LOG.warn(
                    "Slack sink crashed on purpose ({}): abandoning without flush or commit",
                    LogText.safe(e.getMessage()));
            setHealth(State.FAILED, Map.of("crash", String.valueOf(e.getMessage())));
        } catch (SlackCalls.Halt e) {
            LOG.error("Slack sink stopped: {}", LogText.safe(e.getMessage()));
            setHealth(State.FAILED, Map.of("slack", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Slack sink stopped by an unexpected failure; offsets not committed", LogText.failure(e));
            setHealth(State.FAILED, Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            release(graceful);
            finished.countDown();
        }
    }

    /**
     * Closes the clients. Abandoned (a simulated crash): the producer drops what it has not sent, as a killed
     * process would; the consumer commits nothing but still leaves its group at once, which a killed process would
     * only do after {@code session.timeout.ms} (a difference of time, not of outcome).
     */
    private void release(boolean graceful) {
        Duration wait = graceful ? Duration.ofSeconds(5) : Duration.ZERO;
        quietly(() -> producer.close(wait));
        quietly(() -> consumer.close(CloseOptions.timeout(graceful ? wait : Duration.ofSeconds(1))));
        quietly(restorer::close);
        quietly(admin::close);
        quietly(slack::close);
        quietly(token::close);
        LOG.info("Slack sink {}", graceful ? "closed" : "abandoned");
    }

    private void setHealth(State state, Map<String, String> detail) {
        health.set(new SinkHealth(state == State.RUNNING, state, clock.instant(), detail));
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

    /** Everything a sink is made of. */
    private record Parts(
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaConsumer<byte[], byte[]> restorer,
            KafkaProducer<byte[], byte[]> producer,
            Admin admin,
            Slack slack,
            TokenWatch token,
            NotificationLoop loop,
            AtomicReference<SinkHealth> health) {}

    private static Parts assemble(
            SlackSinkConfig config,
            Map<String, Object> consumerProps,
            Map<String, Object> producerProps,
            MeterRegistry registry,
            Function<String, Optional<RouteRule>> routes,
            Clock clock,
            SinkProbe probe,
            TokenWatch token) {
        AtomicReference<SinkHealth> health =
                new AtomicReference<>(new SinkHealth(false, State.STARTING, clock.instant(), Map.of()));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(config, consumerProps));
        KafkaConsumer<byte[], byte[]> restorer = new KafkaConsumer<>(restorerConfig(consumerProps));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(producerProps));
        Admin admin = Admin.create(adminConfig(consumerProps));
        Slack slack = Slack.getInstance(slackConfig(config));

        SinkMetrics metrics = new SinkMetrics(registry);
        SlackRefStore refs = new SlackRefStore(config.refsTopic(), producer, restorer);
        NotificationLoop loop = new NotificationLoop(
                config,
                consumer,
                producer,
                admin,
                refs,
                metrics,
                clock,
                probe,
                (state, detail) -> health.set(new SinkHealth(state == State.RUNNING, state, clock.instant(), detail)));
        SlackCalls calls = new SlackCalls(
                new ClientForToken(slack, token),
                new SlackErrorClassifier(),
                new Backoff(config.initialBackoff(), config.maxBackoff()),
                loop,
                metrics,
                token);
        ChannelDirectory channels = new ChannelDirectory(calls, clock);
        MessageReconciler reconciler = new MessageReconciler(calls, channels, config.reconcilePages(), metrics);
        IncidentChannelManager incidentChannels =
                new IncidentChannelManager(config, calls, refs, channels, routes, metrics, clock, probe);
        CommandExecutor executor = new CommandExecutor(
                config,
                calls,
                refs,
                new IncidentMessageRenderer(clock),
                channels,
                reconciler,
                incidentChannels,
                routes,
                metrics,
                clock,
                probe);
        loop.wire(calls, executor, incidentChannels);
        return new Parts(consumer, restorer, producer, admin, slack, token, loop, health);
    }

    /** The client for the token the watch read last: a rotated secret is used from its first successful check. */
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
                client = slack.methods(current);
                forToken = current;
            }
            return client;
        }
    }

    static SlackConfig slackConfig(SlackSinkConfig config) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.apiUrl());
        // The SDK's statistics call auth.test behind our back and keep per-team metrics we do not read.
        slackConfig.setStatsEnabled(false);
        int timeout = (int) config.callTimeout().toMillis();
        slackConfig.setHttpClientCallTimeoutMillis(timeout);
        slackConfig.setHttpClientReadTimeoutMillis(timeout);
        slackConfig.setHttpClientWriteTimeoutMillis(timeout);
        return slackConfig;
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
}
