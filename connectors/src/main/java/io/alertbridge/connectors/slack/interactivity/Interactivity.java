package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import com.sun.net.httpserver.HttpHandler;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.text.LogText;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Slack interactivity, running: the buttons of incident messages and the {@code /alerts} command, with Bolt for
 * Java, in HTTP mode or Socket Mode as {@link InteractivityConfig#mode()} says. The launcher's entry point:
 *
 * <pre>{@code
 * Interactivity slack = Interactivity.start(config, kafkaProps, registry);
 * slack.httpHandler().ifPresent(h -> ops.mount(slack.path(), h));   // HTTP mode: POST /slack/events
 * ops.register("slack-interactivity", () -> slack.isReady() ? ready(slack.detail()) : notReady(slack.detail()));
 * ...
 * slack.close();
 * }</pre>
 *
 * <p>What it holds: a local view of {@code alertbridge.incidents} ({@link IncidentView}) that answers
 * {@code /alerts} questions; a producer ({@link ActionPublisher}) for {@code alertbridge.actions} and
 * {@code alertbridge.rules}; the Bolt {@link App} with the handlers; in Socket Mode, the WebSocket client. Every
 * request is acknowledged within Slack's 3 seconds (Bolt's {@code ctx.ack()}), and the Kafka write follows.
 *
 * <p>Ready when the view has caught up with the incidents topic and, in Socket Mode, the WebSocket is connected.
 * Secrets never reach a log line. Thread-safe; {@link #close()} is idempotent.
 */
public final class Interactivity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Interactivity.class);
    private static final Duration PRODUCE_MAX_BLOCK = Duration.ofSeconds(10);

    private final InteractivityConfig config;
    private final IncidentView view;
    private final ActionPublisher publisher;
    private final Authorizer authorizer;
    private final AfterAck afterAck;
    private final App app;
    private final SlackEventsHttpHandler httpHandler;
    private final SocketModeApp socketMode;
    private final SocketModeState socketState;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Interactivity(Parts parts) {
        this.config = parts.config;
        this.view = parts.view;
        this.publisher = parts.publisher;
        this.authorizer = parts.authorizer;
        this.afterAck = parts.afterAck;
        this.app = parts.app;
        this.httpHandler = parts.httpHandler;
        this.socketMode = parts.socketMode;
        this.socketState = parts.socketState;
    }

    /**
     * Starts interactivity with the system clock.
     *
     * @param config the validated configuration
     * @param kafka common Kafka client properties (bootstrap servers, security)
     * @param registry where the meters go
     */
    public static Interactivity start(InteractivityConfig config, Properties kafka, MeterRegistry registry) {
        return start(config, kafka, registry, Clock.systemUTC());
    }

    /**
     * Starts interactivity.
     *
     * @param clock the clock of actions' times and snooze ends (tests pin it)
     * @throws IllegalStateException when Socket Mode cannot open its connection
     */
    public static Interactivity start(
            InteractivityConfig config, Properties kafka, MeterRegistry registry, Clock clock) {
        LOG.info("Starting Slack interactivity: {}", config);
        Parts parts = new Parts(config);
        try {
            Slack slack = slack(config);
            InteractivityMetrics metrics = new InteractivityMetrics(registry);
            parts.view = IncidentView.start(config.topics().incidents(), kafka, registry);
            parts.publisher = ActionPublisher.create(config.topics(), kafka, PRODUCE_MAX_BLOCK, registry);
            parts.authorizer = Authorizer.of(config, slack);
            parts.afterAck = new AfterAck(new ResponseUrlSender(slack), 2, 10_000);
            IncidentActions actions = new IncidentActions(
                    parts.view.index(),
                    parts.publisher,
                    parts.authorizer,
                    new SnoozeTimes(config.zone(), config.morning(), config.maxSnooze()),
                    clock,
                    parts.afterAck);
            parts.app = app(config, slack, parts.afterAck);
            parts.app.blockAction(Pattern.compile(".*"), new ButtonHandler(actions, parts.afterAck, metrics));
            parts.app.command(
                    config.command(),
                    new AlertsCommandHandler(
                            config,
                            parts.view.index(),
                            actions,
                            parts.authorizer,
                            parts.publisher,
                            parts.afterAck,
                            clock,
                            metrics));
            if (config.mode() == InteractivityConfig.Mode.HTTP) {
                parts.httpHandler = new SlackEventsHttpHandler(parts.app, config.signingSecret());
                parts.app.start();
            } else {
                parts.socketState = new SocketModeState();
                parts.socketMode = socketMode(config, parts.app, parts.socketState);
            }
            return new Interactivity(parts);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    private static Slack slack(InteractivityConfig config) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.apiUrl());
        // Our own meters cover what matters; the SDK's per-token statistics would call auth.test for every token.
        slackConfig.getMethodsConfig().setStatsEnabled(false);
        return Slack.getInstance(slackConfig);
    }

    private static App app(InteractivityConfig config, Slack slack, AfterAck afterAck) {
        AppConfig appConfig = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(config.botToken())
                .signingSecret(config.signingSecret())
                // Bolt calls auth.test to learn the bot's identity; without the cache it would on every request.
                .authTestCacheEnabled(true)
                .unmatchedRequestHandler(request -> unmatched(request, config, afterAck))
                .build();
        return new App(appConfig);
    }

    /**
     * A request no handler took: another slash command, a view submission, a click without actions. Answered 200
     * with an ephemeral sentence (what Slack shows for commands); for a click, whose answer body Slack ignores, the
     * sentence goes through the response URL.
     */
    private static Response unmatched(Request<?> request, InteractivityConfig config, AfterAck afterAck) {
        LOG.info("No handler for a {} request", request.getRequestType());
        if (request instanceof BlockActionRequest click && click.getPayload() != null) {
            var payload = click.getPayload();
            Caller caller = new Caller(
                    payload.getUser() == null ? null : payload.getUser().getId(),
                    null,
                    null,
                    null,
                    null,
                    payload.getResponseUrl(),
                    payload.getTriggerId());
            afterAck.tell(
                    caller, Reply.ephemeral(":warning: That click carried no action I know, so nothing " + "changed."));
            return Response.ok();
        }
        return Response.json(200, unhandled(config.command()));
    }

    private static String unhandled(String command) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("response_type", "ephemeral");
        body.put("text", "Alertbridge does not handle that here. Try `" + command + " help`.");
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SocketModeApp socketMode(InteractivityConfig config, App app, SocketModeState state) {
        try {
            // This constructor lets Bolt build the client (with app.slack(), so with our API URL) and register the
            // listener that runs the app; the one taking a ready client registers nothing and would ack nothing.
            SocketModeApp socketMode =
                    new SocketModeApp(config.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
            socketMode.startAsync();
            state.watch(socketMode.getClient());
            LOG.info("Slack Socket Mode connecting");
            return socketMode;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open Slack Socket Mode: " + e.getMessage(), e);
        }
    }

    /** The HTTP handler to mount at {@link #path()} in HTTP mode; empty in Socket Mode. */
    public Optional<HttpHandler> httpHandler() {
        return Optional.ofNullable(httpHandler);
    }

    /** Where Slack's HTTP requests arrive ({@code /slack/events} by default). */
    public String path() {
        return config.path();
    }

    /** The mode in use. */
    public InteractivityConfig.Mode mode() {
        return config.mode();
    }

    /** True when the incidents view is current and, in Socket Mode, the WebSocket is connected. */
    public boolean isReady() {
        return !closed.get() && view.isReady() && (socketState == null || socketState.connected());
    }

    /** A short explanation of readiness, for {@code /health}; never a secret. */
    public String detail() {
        StringBuilder out = new StringBuilder(
                config.mode() == InteractivityConfig.Mode.HTTP
                        ? "http " + config.path()
                        : "socket mode " + (socketState.connected() ? "connected" : "connecting"));
        out.append("; incidents view ").append(view.detail());
        if (!authorizer.isReady()) {
            out.append("; allow-list group not read yet");
        }
        return out.toString();
    }

    /** The Bolt app, for tests that drive it with {@code app.run(request)} as Slack's SDK tests do. */
    App app() {
        return app;
    }

    /** How many incidents the view holds (for the benchmark and the health detail). */
    public int viewSize() {
        return view.index().size();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Stopping Slack interactivity");
        new Parts(config, this).close();
    }

    /** The parts being assembled, so a failed start closes what it opened. */
    private static final class Parts {
        private final InteractivityConfig config;
        private IncidentView view;
        private ActionPublisher publisher;
        private Authorizer authorizer;
        private AfterAck afterAck;
        private App app;
        private SlackEventsHttpHandler httpHandler;
        private SocketModeApp socketMode;
        private SocketModeState socketState;

        Parts(InteractivityConfig config) {
            this.config = config;
        }

        Parts(InteractivityConfig config, Interactivity running) {
            this(config);
            view = running.view;
            publisher = running.publisher;
            authorizer = running.authorizer;
            afterAck = running.afterAck;
            app = running.app;
            socketMode = running.socketMode;
            socketState = running.socketState;
        }

        void close() {
            if (socketState != null) {
                socketState.stopping();
            }
            if (socketMode != null) {
                try {
                    socketMode.close();
                } catch (Exception e) {
                    LOG.warn("Closing Socket Mode failed: {}", LogText.safe(e.toString()));
                }
            }
            if (app != null) {
                app.stop();
            }
            // Follow-ups first (they may still write), then the producer flushes, then the view stops.
            if (afterAck != null) {
                afterAck.close();
            }
            if (authorizer != null) {
                authorizer.close();
            }
            if (publisher != null) {
                publisher.close();
            }
            if (view != null) {
                view.close();
            }
        }
    }
}
