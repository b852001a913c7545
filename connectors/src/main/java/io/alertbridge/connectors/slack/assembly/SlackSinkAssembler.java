package io.alertbridge.connectors.slack.assembly;

import com.slack.api.Slack;
import io.alertbridge.connectors.retry.Backoff;
import io.alertbridge.connectors.slack.OneGsonMethodsClient;
import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.connectors.slack.channels.IncidentChannelManager;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.rendering.MessageComposer;
import io.alertbridge.connectors.slack.rendering.RenderedMessage;
import io.alertbridge.connectors.slack.replay.ReplayMarker;
import io.alertbridge.connectors.slack.replay.ReplayPause;
import io.alertbridge.connectors.slack.replay.ReplayPoster;
import io.alertbridge.connectors.slack.replay.ReplayRewrite;
import io.alertbridge.connectors.slack.sink.Assignment;
import io.alertbridge.connectors.slack.sink.Batches;
import io.alertbridge.connectors.slack.sink.ChannelDirectory;
import io.alertbridge.connectors.slack.sink.CommandExecutor;
import io.alertbridge.connectors.slack.sink.DeadLetters;
import io.alertbridge.connectors.slack.sink.GraphMaker;
import io.alertbridge.connectors.slack.sink.Housekeeping;
import io.alertbridge.connectors.slack.sink.IncidentChannels;
import io.alertbridge.connectors.slack.sink.IncidentGraphs;
import io.alertbridge.connectors.slack.sink.MessageReconciler;
import io.alertbridge.connectors.slack.sink.NotificationLoop;
import io.alertbridge.connectors.slack.sink.OffsetCommits;
import io.alertbridge.connectors.slack.sink.RefsTopic;
import io.alertbridge.connectors.slack.sink.SinkClients;
import io.alertbridge.connectors.slack.sink.SinkContext;
import io.alertbridge.connectors.slack.sink.SinkMetrics;
import io.alertbridge.connectors.slack.sink.SinkProbe;
import io.alertbridge.connectors.slack.sink.SinkStatus;
import io.alertbridge.connectors.slack.sink.SlackCalls;
import io.alertbridge.connectors.slack.sink.SlackGraphUploads;
import io.alertbridge.connectors.slack.sink.SlackPause;
import io.alertbridge.connectors.slack.sink.SlackRefStore;
import io.alertbridge.connectors.slack.sink.SlackSink;
import io.alertbridge.connectors.slack.sink.StopSignal;
import io.alertbridge.connectors.slack.sink.Subscription;
import io.alertbridge.schemas.model.RouteRule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Builds the Slack sink's object graph, in one place, for its two uses: the live sink ({@link #startSink}), which
 * consumes the notifications topic and waits out Slack as long as it takes, and a replay's posting
 * ({@link #startReplay}), which carries a replay's commands into one review channel and gives up when Slack stalls.
 * Both carry commands out through the same {@link CommandExecutor}, built by {@link #commands}; they differ only in
 * where refs live, how a Slack pause is waited out, and the mark on replayed messages.
 *
 * <p>Every part gets what it needs in its constructor; nothing is finished after construction. The order below is
 * the order of dependence: clients, the sink's shared state, the pause, the Slack calls, the command side, the loop.
 *
 * <p>Not thread-safe: configure and start from one thread. Each start builds a new graph.
 */
public final class SlackSinkAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSinkAssembler.class);

    private final SlackSinkConfig config;
    private Function<String, Optional<RouteRule>> routes = routeId -> Optional.empty();
    private final Clock clock = Clock.systemUTC();
    private SinkProbe probe = SinkProbe.NONE;
    private GraphMaker graphMaker = GraphMaker.NONE;
    private Duration graphRefresh = Duration.ofMinutes(5);

    private SlackSinkAssembler(SlackSinkConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** An assembler for this configuration: no routes, the system clock, no probe. */
    public static SlackSinkAssembler of(SlackSinkConfig config) {
        return new SlackSinkAssembler(config);
    }

    /** The live routes by id (mentions of a first post, incident channels); none by default. */
    public SlackSinkAssembler routes(Function<String, Optional<RouteRule>> liveRoutes) {
        this.routes = Objects.requireNonNull(liveRoutes, "routes");
        return this;
    }

    /** Crash points (tests); {@link SinkProbe#NONE} by default. */
    public SlackSinkAssembler probe(SinkProbe sinkProbe) {
        this.probe = Objects.requireNonNull(sinkProbe, "probe");
        return this;
    }

    /**
     * Graphs in the incident messages ({@link IncidentGraphs}); none by default.
     *
     * @param maker draws an incident's graph; uploads go through Slack's external upload flow
     * @param refresh the least time between two graphs of one incident
     */
    public SlackSinkAssembler graphs(GraphMaker maker, Duration refresh) {
        this.graphMaker = Objects.requireNonNull(maker, "maker");
        this.graphRefresh = Objects.requireNonNull(refresh, "refresh");
        return this;
    }

    /**
     * Checks the token once ({@link SlackSink#watch}, named {@link SlackSink#TOKEN_NAME}), then starts the sink.
     *
     * @throws TokenWatch.RefusedToStart when Slack definitely rejects the token
     */
    public SlackSink startSink(
            Map<String, Object> consumerProps, Map<String, Object> producerProps, MeterRegistry registry) {
        return startSink(consumerProps, producerProps, registry, SlackSink.watch(config, SlackSink.TOKEN_NAME));
    }

    /**
     * Starts a sink on its own thread.
     *
     * @param consumerProps Kafka consumer properties: at least {@code bootstrap.servers} (see {@link SinkClients#open})
     * @param producerProps Kafka producer properties for the refs and dead-letter topics
     * @param registry where the sink's meters go
     * @param token the token's watch, checked once already ({@link SlackSink#watch}); the sink owns it from now on
     *     and closes it
     */
    public SlackSink startSink(
            Map<String, Object> consumerProps,
            Map<String, Object> producerProps,
            MeterRegistry registry,
            TokenWatch token) {
        LOG.info("Starting the Slack sink: {}", config);
        SinkClients clients = SinkClients.open(config, consumerProps, producerProps, token);
        try {
            SlackSink sink = sink(clients, new SinkMetrics(registry));
            sink.start();
            return sink;
        } catch (RuntimeException e) {
            clients.release(false);
            throw e;
        }
    }

    private SlackSink sink(SinkClients clients, SinkMetrics metrics) {
        String topic = config.topics().notifications().name();
        SlackRefStore refs = new SlackRefStore(config.refsTopic(), clients.producer(), clients.restorer());
        IncidentGraphs graphs = graphMaker == GraphMaker.NONE
                ? IncidentGraphs.off(refs, metrics, clock)
                : new IncidentGraphs(
                        graphMaker,
                        new SlackGraphUploads(clients.methods(), config.maxBackoff()),
                        graphRefresh,
                        refs,
                        metrics,
                        clock);
        SinkContext context = new SinkContext(metrics, clock, probe, graphs);
        StopSignal stop = new StopSignal(clients.consumer()::wakeup);
        Assignment assignment = new Assignment();
        SinkStatus status = new SinkStatus(assignment, clock);
        DeadLetters deadLetters =
                new DeadLetters(topic, config.topics().deadLetters().name(), clients.producer(), metrics);
        OffsetCommits commits = new OffsetCommits(clients.consumer(), refs, deadLetters, assignment, clock, probe);
        SlackPause pause = new SlackPause(clients.consumer(), assignment, commits, status, metrics, clock, stop);
        SlackCalls calls = new SlackCalls(
                clients.methods(), new SlackErrorClassifier(), backoff(), pause, metrics, clients.token());
        ChannelDirectory channels = new ChannelDirectory(calls, clock);
        IncidentChannelManager incidentChannels =
                new IncidentChannelManager(config, calls, refs, channels, routes, context);
        CommandExecutor executor =
                commands(config, calls, refs, channels, incidentChannels, routes, UnaryOperator.identity(), context);
        Subscription subscription = new Subscription(
                clients.consumer(),
                topic,
                new RefsTopic(clients.admin(), config.refsTopic(), topic),
                refs,
                assignment,
                commits,
                pause,
                status);
        NotificationLoop loop = new NotificationLoop(
                clients.consumer(),
                subscription,
                new Batches(clients.consumer(), topic, executor, deadLetters, commits, assignment, metrics),
                commits,
                new Housekeeping(incidentChannels, clients.consumer(), assignment, metrics, clock, graphs, executor),
                calls,
                status,
                stop);
        return new SlackSink(clients, loop, status, assignment, stop);
    }

    /**
     * Checks the token and the review channel, then starts posting a replay's commands there: the sink's command
     * side with refs in memory, no routes, every main message marked as the replay's, and a pause that gives up
     * after the settings' stall limit. The configuration's default channel and consumer group play no part.
     *
     * @throws IllegalArgumentException when Slack refuses the token or the channel is not there (or archived)
     */
    public ReplayPoster startReplay(ReplayPoster.Settings settings) {
        Slack slack = Slack.getInstance(TokenWatch.slackConfig(config.apiUrl(), config.callTimeout()));
        try {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SinkMetrics metrics = new SinkMetrics(registry);
            SlackRefStore refs = SlackRefStore.inMemory();
            // A replay's review messages carry no graphs: they would fetch today's metrics for yesterday's alarms.
            SinkContext context =
                    new SinkContext(metrics, clock, SinkProbe.NONE, IncidentGraphs.off(refs, metrics, clock));
            StopSignal stop = new StopSignal(() -> {});
            SlackCalls calls = new SlackCalls(
                    new OneGsonMethodsClient(slack, config.token()),
                    new SlackErrorClassifier(),
                    backoff(),
                    new ReplayPause(settings.stallLimit(), stop, clock),
                    metrics);
            ChannelDirectory channels = new ChannelDirectory(calls, clock);
            String channelId = ReplayPoster.prepare(calls, channels, settings.channel(), config.apiUrl());
            SlackSinkConfig review =
                    config.toBuilder().defaultChannel(channelId).build();
            Function<String, Optional<RouteRule>> noRoutes = routeId -> Optional.empty();
            IncidentChannelManager incidentChannels =
                    new IncidentChannelManager(review, calls, refs, channels, noRoutes, context);
            ReplayMarker marker = new ReplayMarker(settings.label(), settings.run());
            CommandExecutor executor =
                    commands(review, calls, refs, channels, incidentChannels, noRoutes, marker, context);
            ReplayPoster poster = new ReplayPoster(
                    settings,
                    new ReplayRewrite(settings.run(), channelId),
                    new ReplayPoster.Posting(executor, refs, marker, registry),
                    stop,
                    slack,
                    config.callTimeout());
            poster.start();
            return poster;
        } catch (RuntimeException e) {
            closeQuietly(slack);
            throw e;
        }
    }

    /**
     * The command side, the same for the sink and a replay: messages as the templates and {@code liveRoutes} say,
     * finished by {@code mainMessages}; crash recovery from Slack's history; incident channels.
     */
    private CommandExecutor commands(
            SlackSinkConfig sinkConfig,
            SlackCalls calls,
            SlackRefStore refs,
            ChannelDirectory channels,
            IncidentChannels incidentChannels,
            Function<String, Optional<RouteRule>> liveRoutes,
            UnaryOperator<RenderedMessage> mainMessages,
            SinkContext context) {
        MessageComposer messages =
                new MessageComposer(new IncidentMessageRenderer(clock), sinkConfig, liveRoutes, mainMessages);
        MessageReconciler reconciler =
                new MessageReconciler(calls, channels, sinkConfig.reconcilePages(), context.metrics());
        return new CommandExecutor(sinkConfig, calls, refs, messages, channels, reconciler, incidentChannels, context);
    }

    private Backoff backoff() {
        return new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    private static void closeQuietly(Slack slack) {
        try {
            slack.close();
        } catch (Exception e) {
            LOG.debug("Ignoring a failure while closing the Slack client: {}", e.toString());
        }
    }
}
