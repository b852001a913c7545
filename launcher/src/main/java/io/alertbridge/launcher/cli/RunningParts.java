package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.aws.AlarmLookup;
import io.alertbridge.connectors.aws.AwsAccess;
import io.alertbridge.connectors.graphs.ChartRenderer;
import io.alertbridge.connectors.graphs.CloudWatchClients;
import io.alertbridge.connectors.graphs.IncidentGraphMaker;
import io.alertbridge.connectors.graphs.MetricFetcher;
import io.alertbridge.connectors.receivers.ReceiverHealth;
import io.alertbridge.connectors.receivers.ReceiverProbe;
import io.alertbridge.connectors.receivers.ReceiverSink;
import io.alertbridge.connectors.receivers.assembly.ReceiversConfig;
import io.alertbridge.connectors.receivers.email.EmailDestination;
import io.alertbridge.connectors.receivers.pagerduty.IncidentKeys;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyDestination;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyWebhooks;
import io.alertbridge.connectors.receivers.webhook.WebhookDestination;
import io.alertbridge.connectors.slack.GraphSettings;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.connectors.slack.assembly.SlackSinkAssembler;
import io.alertbridge.connectors.slack.interactivity.Interactivity;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.slack.sink.SinkHealth;
import io.alertbridge.connectors.slack.sink.SlackSink;
import io.alertbridge.connectors.sqs.BridgeHealth;
import io.alertbridge.connectors.sqs.SqsBridge;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.launcher.ops.HealthCheck;
import io.alertbridge.launcher.ops.HeartbeatPings;
import io.alertbridge.launcher.ops.KafkaBeatPublisher;
import io.alertbridge.launcher.ops.OpsServer;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.app.ProcessorHealth;
import io.alertbridge.processor.config.AlertbridgeConfig;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.schemas.model.RouteRule;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The parts of Alertbridge running in this JVM, behind one {@link OpsServer} ({@code /health} is ready when every
 * started part is, or is only degraded by Slack) and one Prometheus registry. Parts are closed in reverse order of
 * starting, so the processor stops before the broker it talks to.
 *
 * <p>Slack is never a reason for this process to stop or be restarted: the Slack parts start while Slack is down or
 * refusing the token and report themselves {@linkplain HealthCheck.Status#degraded(String) degraded}; only a token
 * that Slack definitely rejects and that never worked refuses the start ({@link TokenWatch.RefusedToStart}, from
 * {@link #checkSlackToken}, which subcommands call before starting anything).
 *
 * <p>Started from the launcher's main thread; {@link #close()} is idempotent and may run in a shutdown hook.
 */
final class RunningParts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningParts.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final OpsServer ops;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Deque<AutoCloseable> binders = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningParts(int httpPort) {
        this(null, httpPort);
    }

    /**
     * @param bind the address {@code /health}, {@code /metrics} and {@code /slack/events} listen on, or null for every
     *     interface
     * @param httpPort their port (0 for a free one)
     */
    RunningParts(java.net.InetAddress bind, int httpPort) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.push(gc);
        this.ops = OpsServer.start(bind, httpPort, registry);
    }

    OpsServer ops() {
        return ops;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Starts the Kafka Streams processor with rules from the configured file, then from the rules topic. */
    ProcessorApp startProcessor(ProcessorConfig config) {
        return startProcessor(config, config.rules().live());
    }

    /**
     * Starts the Kafka Streams processor following the rules topic from {@code rules} on; other parts of this JVM
     * (the Slack sink's routes) may read the same live book.
     */
    ProcessorApp startProcessor(ProcessorConfig config, LiveRuleBook rules) {
        ProcessorApp app = ProcessorApp.create(config, rules);
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(app.streams());
        metrics.bindTo(registry);
        binders.push(metrics);
        ops.register("processor", () -> {
            ProcessorHealth health = app.health();
            return new HealthCheck.Status(health.ready(), health.state() + ": " + health.detail());
        });
        app.start();
        started.push(app);
        LOG.info("Processor started (application id {})", config.streams().applicationId());
        mountHeartbeatPings(config, rules);
        return app;
    }

    /** Serves {@code POST /heartbeat/<name>} for the {@code ping} heartbeats of the rules in force. */
    private void mountHeartbeatPings(ProcessorConfig config, LiveRuleBook rules) {
        KafkaBeatPublisher publisher = new KafkaBeatPublisher(config.kafka().clientProperties(), config.topicCatalog());
        started.push(publisher);
        ops.mount(
                HeartbeatPings.PATH,
                new HeartbeatPings(name -> rules.get().heartbeat(name), publisher, Clock.systemUTC(), registry));
        LOG.info("Heartbeat pings accepted at {}<name>", HeartbeatPings.PATH);
    }

    /**
     * Starts the SQS bridge; its producer reaches the cluster of {@code config}.
     *
     * @param bridgeConfig queues and tuning
     * @param sqs the SQS client (not closed by the bridge; close it with {@link #closeLast} if it is yours)
     * @param config the processor's configuration, for the cluster and its client properties
     */
    SqsBridge startBridge(SqsBridgeConfig bridgeConfig, SqsClient sqs, ProcessorConfig config) {
        Map<String, Object> producer = config.kafka().clientProperties();
        SqsBridge bridge = SqsBridge.start(bridgeConfig, sqs, producer, registry);
        ops.register("bridge", () -> {
            BridgeHealth health = bridge.health();
            return new HealthCheck.Status(
                    health.ready(),
                    (health.kafkaConnected() ? "kafka connected" : "kafka not " + "connected") + ", queues "
                            + health.queueSummary());
        });
        started.push(bridge);
        LOG.info(
                "SQS bridge started on {} queue(s), endpoint {}",
                bridgeConfig.queueUrls().size(),
                bridgeConfig.endpoint() == null ? "from the AWS SDK" : bridgeConfig.endpoint());
        return bridge;
    }

    /**
     * Checks a Slack token once (one {@code auth.test}), before the part that uses it starts, and keeps its watch to
     * close with the parts.
     *
     * @param open opens and checks the watch ({@link SlackSink#watch}, {@link Interactivity#watch})
     * @throws TokenWatch.RefusedToStart when Slack definitely rejects a token that never worked
     */
    TokenWatch checkSlackToken(Supplier<TokenWatch> open) {
        TokenWatch watch = open.get();
        started.addLast(watch);
        return watch;
    }

    /**
     * Starts the Slack sink, checking its token first.
     *
     * @param sinkConfig Slack endpoint, token and behaviour
     * @param config the processor's configuration, for the cluster and its client properties
     * @param routes the live routes by id (mentions, incident channels)
     * @param aws how CloudWatch is reached for the graphs of alarms, or null for none
     */
    SlackSink startSink(
            SlackSinkConfig sinkConfig,
            ProcessorConfig config,
            Function<String, Optional<RouteRule>> routes,
            AwsAccess aws) {
        TokenWatch token = checkSlackToken(() -> SlackSink.watch(sinkConfig, SlackSink.TOKEN_NAME));
        return startSink(sinkConfig, token, config, routes, aws);
    }

    /** How the parts of a process reach AWS: the {@code aws:} region and endpoint, credentials from the SDK. */
    static AwsAccess awsAccess(AlertbridgeConfig all) {
        return new AwsAccess(all.aws().region(), all.aws().endpoint(), null);
    }

    /**
     * Starts the Slack sink with its token already checked ({@link #checkSlackToken}).
     *
     * @param sinkConfig Slack endpoint, token and behaviour
     * @param token the token's watch
     * @param config the processor's configuration, for the cluster and its client properties
     * @param routes the live routes by id (mentions, incident channels)
     * @param aws how CloudWatch is reached for the graphs of alarms, or null for none (anomaly graphs need no AWS)
     */
    SlackSink startSink(
            SlackSinkConfig sinkConfig,
            TokenWatch token,
            ProcessorConfig config,
            Function<String, Optional<RouteRule>> routes,
            AwsAccess aws) {
        Map<String, Object> client = config.kafka().clientProperties();
        SlackSinkAssembler assembler = SlackSinkAssembler.of(sinkConfig).routes(routes);
        GraphSettings graphs = sinkConfig.graphs();
        if (graphs.enabled()) {
            assembler.graphs(
                    new IncidentGraphMaker(graphs, metricFetcher(graphs, aws), new ChartRenderer(), Clock.systemUTC()),
                    graphs.refresh());
        }
        SlackSink sink = assembler.startSink(client, client, registry, token);
        ops.register("slack-sink", () -> {
            SinkHealth health = sink.health();
            String detail = health.state() + " " + health.detail();
            return new HealthCheck.Status(health.ready(), detail, health.degraded());
        });
        started.push(sink);
        LOG.info("Slack sink started against {}", sinkConfig.apiUrl());
        return sink;
    }

    /**
     * Starts every receiver beside Slack, each with its own consumer group and thread, each on {@code /health} as
     * {@code receiver webhook:<name>} (degraded, not unready, while its destination is down or refusing).
     *
     * @param receivers the receivers, with their secrets already read
     * @param config the processor's configuration, for the cluster, its client properties and the topic names
     * @param routes the routes in force by id (which incidents go to which receiver)
     */
    List<ReceiverSink> startReceivers(
            ReceiversConfig receivers, ProcessorConfig config, Function<String, Optional<RouteRule>> routes) {
        Map<String, Object> client = config.kafka().clientProperties();
        List<ReceiverSink> sinks = new ArrayList<>();
        receivers.webhook().forEach((name, hook) -> {
            ReceiverSink sink = ReceiverSink.start(
                    new WebhookDestination(name, hook, Clock.systemUTC()),
                    hook.delivery(name),
                    client,
                    config.topicCatalog(),
                    routes,
                    registry,
                    ReceiverProbe.NONE);
            register(sink);
            sinks.add(sink);
        });
        receivers.email().forEach((name, mail) -> {
            EmailDestination destination = new EmailDestination(name, mail);
            // Pushed before the receiver, so closed after it.
            started.push(destination);
            ReceiverSink sink = ReceiverSink.start(
                    destination,
                    mail.delivery(name),
                    client,
                    config.topicCatalog(),
                    routes,
                    registry,
                    ReceiverProbe.NONE);
            register(sink);
            sinks.add(sink);
        });
        IncidentKeys keys = receivers.pagerduty().values().stream().anyMatch(pd -> pd.webhookSecret() != null)
                ? IncidentKeys.start(client, config.topicCatalog().incidents().name())
                : null;
        if (keys != null) {
            started.push(keys);
        }
        receivers.pagerduty().forEach((name, service) -> {
            ReceiverSink sink = ReceiverSink.start(
                    new PagerDutyDestination(name, service, Clock.systemUTC()),
                    service.delivery(name),
                    client,
                    config.topicCatalog(),
                    routes,
                    registry,
                    ReceiverProbe.NONE);
            register(sink);
            sinks.add(sink);
            if (service.webhookSecret() != null) {
                PagerDutyWebhooks webhooks = new PagerDutyWebhooks(
                        name, service, keys::groupKey, client, config.topicCatalog(), registry, Clock.systemUTC());
                started.push(webhooks);
                ops.mount(PagerDutyWebhooks.path(name), webhooks);
                LOG.info("PagerDuty webhooks for pagerduty:{} accepted at {}", name, PagerDutyWebhooks.path(name));
            }
        });
        return sinks;
    }

    private void register(ReceiverSink sink) {
        ops.register("receiver " + sink.id(), () -> {
            ReceiverHealth health = sink.health();
            return new HealthCheck.Status(health.ready(), health.detail(), health.degraded());
        });
        started.push(sink);
        LOG.info("Receiver {} started", sink.id());
    }

    /** CloudWatch's series for the graphs, budgeted and cached; null when there is no AWS or no budget. */
    private MetricFetcher metricFetcher(GraphSettings graphs, AwsAccess aws) {
        if (aws == null || graphs.metricCallsPerMinute() == 0) {
            return null;
        }
        CloudWatchClients clients = new CloudWatchClients(aws);
        // Pushed before the sink, so closed after it.
        started.push(clients);
        MetricFetcher.Settings settings = new MetricFetcher.Settings(
                graphs.metricCallsPerMinute(), 256, Duration.ofMinutes(5), Duration.ofSeconds(10), 5);
        return new MetricFetcher(clients, settings, Clock.systemUTC(), registry);
    }

    /**
     * Starts Slack interactivity (buttons and {@code /alerts}), checking its bot token first; in HTTP mode its
     * handler is mounted on this process's HTTP server.
     *
     * @param interactivityConfig mode, secrets and behaviour
     * @param config the processor's configuration, for the cluster and its client properties
     */
    Interactivity startInteractivity(InteractivityConfig interactivityConfig, ProcessorConfig config) {
        return startInteractivity(interactivityConfig, config, null);
    }

    /**
     * Starts Slack interactivity as {@link #startInteractivity(InteractivityConfig, ProcessorConfig)} does, with
     * {@code /alerts alarm} reading CloudWatch through {@code alarms} (null: AWS is not configured).
     */
    Interactivity startInteractivity(
            InteractivityConfig interactivityConfig, ProcessorConfig config, AlarmLookup alarms) {
        return startInteractivity(interactivityConfig, config, alarms, null);
    }

    /**
     * As {@link #startInteractivity(InteractivityConfig, ProcessorConfig, AlarmLookup)}, with the live routes by id
     * ({@code /alerts why} names a route's matchers and group wait), or null.
     */
    Interactivity startInteractivity(
            InteractivityConfig interactivityConfig,
            ProcessorConfig config,
            AlarmLookup alarms,
            Function<String, Optional<RouteRule>> routes) {
        TokenWatch token = checkSlackToken(() -> Interactivity.watch(interactivityConfig, Interactivity.TOKEN_NAME));
        return startInteractivity(
                interactivityConfig,
                token,
                new SlackReads(interactivityConfig::signingSecret, interactivityConfig::appToken),
                alarms,
                routes,
                config);
    }

    /**
     * Starts Slack interactivity with its bot token already checked ({@link #checkSlackToken}).
     *
     * @param interactivityConfig mode, secrets and behaviour
     * @param token the bot token's watch
     * @param signingSecret where the signing secret is read from for every request ({@link SlackSecrets})
     * @param appToken where the app token is read from for every Socket Mode connection ({@link SlackSecrets})
     * @param alarms where {@code /alerts alarm} reads CloudWatch ({@link #alarmLookup}), or null; closed with it
     * @param config the processor's configuration, for the cluster and its client properties
     */
    Interactivity startInteractivity(
            InteractivityConfig interactivityConfig,
            TokenWatch token,
            Supplier<String> signingSecret,
            Supplier<String> appToken,
            AlarmLookup alarms,
            ProcessorConfig config) {
        return startInteractivity(
                interactivityConfig, token, new SlackReads(signingSecret, appToken), alarms, null, config);
    }

    /** Where the signing secret and the app token are read from ({@link SlackSecrets}). */
    record SlackReads(Supplier<String> signingSecret, Supplier<String> appToken) {}

    /**
     * Starts Slack interactivity as {@link #startInteractivity(InteractivityConfig, TokenWatch, Supplier, Supplier,
     * AlarmLookup, ProcessorConfig)} does, with the live routes by id ({@code /alerts why}), or null.
     */
    Interactivity startInteractivity(
            InteractivityConfig interactivityConfig,
            TokenWatch token,
            SlackReads reads,
            AlarmLookup alarms,
            Function<String, Optional<RouteRule>> routes,
            ProcessorConfig config) {
        Properties kafka = new Properties();
        kafka.putAll(config.kafka().clientProperties());
        Interactivity interactivity = Interactivity.start(
                interactivityConfig, kafka, registry, token, reads.signingSecret(), reads.appToken(), alarms, routes);
        interactivity.httpHandler().ifPresent(handler -> ops.mount(interactivity.path(), handler));
        interactivity.scheduleDigests(ReportRuleSource.of(config));
        ops.register(
                "interactivity",
                () -> new HealthCheck.Status(
                        interactivity.isReady(), interactivity.detail(), interactivity.isDegraded()));
        started.push(interactivity);
        LOG.info("Slack interactivity started ({})", interactivity.mode());
        return interactivity;
    }

    /**
     * Where {@code /alerts alarm} reads CloudWatch alarms: the AWS connection settings ({@code aws:} region and
     * endpoint, else the SDK's chains) and the bridge's queues, whose SNS subscriptions say which topics reach
     * Alertbridge. Builds no client until the first question, so a process without AWS starts as before.
     */
    static AlarmLookup alarmLookup(AlertbridgeConfig all) {
        return new AlarmLookup(awsAccess(all), all.bridge().queueUrls(), Clock.systemUTC());
    }

    /** Keeps something to close with the parts (the dev environment's servers, for one). */
    void closeLast(AutoCloseable resource) {
        started.addLast(resource);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!started.isEmpty()) {
            closeQuietly(started.pop());
        }
        while (!binders.isEmpty()) {
            closeQuietly(binders.pop());
        }
        ops.close();
        registry.close();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("{} did not close cleanly", resource.getClass().getSimpleName(), e);
        }
    }
}
