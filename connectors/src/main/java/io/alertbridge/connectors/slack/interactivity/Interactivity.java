package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.sun.net.httpserver.HttpHandler;
import io.alertbridge.connectors.aws.AlarmLookup;
import io.alertbridge.connectors.reports.HistoryIndex;
import io.alertbridge.connectors.reports.HistoryView;
import io.alertbridge.connectors.reports.WorkingHours;
import io.alertbridge.connectors.secrets.RotatingSecret;
import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.schemas.model.ReportRule;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.serde.Json;
import io.alertbridge.schemas.text.LogText;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * <p>Ready when the view has caught up with the incidents topic, Slack accepts the bot token and, in Socket Mode, the
 * WebSocket is connected. Slack never stops it: Bolt's own start-up {@code auth.test} (which throws on any failure,
 * a 503 included) is not used; a {@link TokenWatch} checks the token instead, at start and then in the background,
 * and while Slack is down or refuses the token, or Socket Mode cannot connect, interactivity is
 * {@linkplain #isDegraded() degraded}, not stopped (clicks that do arrive are still acknowledged and published). Only
 * a token Slack definitely rejects at start and that never worked refuses the start
 * ({@link TokenWatch.RefusedToStart}). Secrets never reach a log line. Thread-safe; {@link #close()} is idempotent.
 */
public final class Interactivity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Interactivity.class);
    private static final Duration PRODUCE_MAX_BLOCK = Duration.ofSeconds(10);
    private static final Duration AUTH_TEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RECHECK_FIRST = Duration.ofSeconds(1);
    private static final Duration RECHECK_MAX = Duration.ofSeconds(60);
    private static final Duration RECHECK_WHILE_USABLE = Duration.ofMinutes(5);

    /** How messages name the bot token when the caller does not say which of the two applied. */
    public static final String TOKEN_NAME = "SLACK_BOT_TOKEN (or interactivity.botToken)";

    private final InteractivityConfig config;
    private final IncidentView view;
    private final HistoryView history;
    private final ActionPublisher publisher;
    private final Authorizer authorizer;
    private final AfterAck afterAck;
    private final App app;
    private final SlackEventsHttpHandler httpHandler;
    private final SocketModeLink socketLink;
    private final SocketModeState socketState;
    private final AlarmLookup alarms;
    private final TokenWatch token;
    private final Slack slack;
    private final Clock clock;
    private final MeterRegistry registry;
    private ScheduledDigests digests;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Interactivity(Parts parts) {
        this.config = parts.config;
        this.view = parts.view;
        this.history = parts.history;
        this.publisher = parts.publisher;
        this.authorizer = parts.authorizer;
        this.afterAck = parts.afterAck;
        this.app = parts.app;
        this.httpHandler = parts.httpHandler;
        this.socketLink = parts.socketLink;
        this.socketState = parts.socketState;
        this.alarms = parts.alarms;
        this.token = parts.token;
        this.slack = parts.slack;
        this.clock = parts.clock;
        this.registry = parts.registry;
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
     * @throws TokenWatch.RefusedToStart when Slack definitely rejects the bot token
     */
    public static Interactivity start(
            InteractivityConfig config, Properties kafka, MeterRegistry registry, Clock clock) {
        return start(config, kafka, registry, clock, watch(config, TOKEN_NAME), fixed(config));
    }

    /**
     * Starts interactivity with the system clock, the bot token's watch checked, and these sources (tests give an app
     * token that rotates, or an alarm lookup).
     */
    static Interactivity start(
            InteractivityConfig config, Properties kafka, MeterRegistry registry, Clock clock, Sources sources) {
        return start(config, kafka, registry, clock, watch(config, TOKEN_NAME), sources);
    }

    private static Sources fixed(InteractivityConfig config) {
        return new Sources(config::signingSecret, config::appToken, null);
    }

    /**
     * Starts interactivity with the bot token's watch already checked once by the launcher ({@link #watch}); it
     * owns the watch from now on and closes it.
     */
    public static Interactivity start(
            InteractivityConfig config, Properties kafka, MeterRegistry registry, TokenWatch token) {
        return start(config, kafka, registry, Clock.systemUTC(), token, fixed(config));
    }

    /**
     * As {@link #start(InteractivityConfig, Properties, MeterRegistry, TokenWatch)}, with the signing secret read
     * from {@code signingSecret} for every request (a secret kept in AWS, read again when a signature does not match).
     */
    public static Interactivity start(
            InteractivityConfig config,
            Properties kafka,
            MeterRegistry registry,
            TokenWatch token,
            Supplier<String> signingSecret) {
        return start(
                config, kafka, registry, Clock.systemUTC(), token, new Sources(signingSecret, config::appToken, null));
    }

    /**
     * As {@link #start(InteractivityConfig, Properties, MeterRegistry, TokenWatch, Supplier)}, in Socket Mode with the
     * app token read from {@code appToken} for every connection attempt (a secret kept in AWS, read again when Slack
     * refuses it), and {@code /alerts alarm NAME} answered from {@code alarms}.
     *
     * @param appToken the app token's source; ignored in HTTP mode
     * @param alarms where {@code /alerts alarm} reads CloudWatch alarms (closed with interactivity), or null when AWS
     *     is not configured here
     */
    public static Interactivity start(
            InteractivityConfig config,
            Properties kafka,
            MeterRegistry registry,
            TokenWatch token,
            Supplier<String> signingSecret,
            Supplier<String> appToken,
            AlarmLookup alarms) {
        return start(config, kafka, registry, token, signingSecret, appToken, alarms, null);
    }

    /**
     * As {@link #start(InteractivityConfig, Properties, MeterRegistry, TokenWatch, Supplier, Supplier, AlarmLookup)},
     * with the live routes by id, so {@code /alerts why} can name a route's matchers and group wait.
     *
     * @param routes the live routes by id, or null when unknown
     */
    public static Interactivity start(
            InteractivityConfig config,
            Properties kafka,
            MeterRegistry registry,
            TokenWatch token,
            Supplier<String> signingSecret,
            Supplier<String> appToken,
            AlarmLookup alarms,
            Function<String, Optional<RouteRule>> routes) {
        return start(
                config,
                kafka,
                registry,
                Clock.systemUTC(),
                token,
                new Sources(signingSecret, appToken, alarms, routes));
    }

    /**
     * Where the secrets that may change while running, and the alarms, are read from.
     *
     * @param signingSecret read for every request
     * @param appToken read for every Socket Mode connection attempt
     * @param alarms CloudWatch alarms for {@code /alerts alarm}, or null
     * @param routes the live routes by id, for {@code /alerts why}, or null when unknown
     */
    record Sources(
            Supplier<String> signingSecret,
            Supplier<String> appToken,
            AlarmLookup alarms,
            Function<String, Optional<RouteRule>> routes) {

        /** Sources without the live routes. */
        Sources(Supplier<String> signingSecret, Supplier<String> appToken, AlarmLookup alarms) {
            this(signingSecret, appToken, alarms, null);
        }
    }

    /**
     * Checks the bot token once, before anything else starts.
     *
     * @param tokenName where the token came from, for messages
     * @throws TokenWatch.RefusedToStart when Slack definitely rejects it
     */
    public static TokenWatch watch(InteractivityConfig config, String tokenName) {
        return watch(config, tokenName, config::botToken);
    }

    /**
     * Checks the bot token, read from {@code token} (a secret kept in AWS, read again after Slack refuses it), once,
     * before anything else starts.
     *
     * @throws TokenWatch.RefusedToStart when Slack definitely rejects it
     */
    public static TokenWatch watch(InteractivityConfig config, String tokenName, Supplier<String> token) {
        return TokenWatch.startChecked(tokenName, token, config.apiUrl(), AUTH_TEST_TIMEOUT);
    }

    private static Interactivity start(
            InteractivityConfig config,
            Properties kafka,
            MeterRegistry registry,
            Clock clock,
            TokenWatch token,
            Sources sources) {
        LOG.info("Starting Slack interactivity: {}", config);
        Supplier<String> signingSecret = sources.signingSecret();
        Parts parts = new Parts(config);
        parts.token = token;
        parts.alarms = sources.alarms();
        parts.clock = clock;
        parts.registry = registry;
        try {
            Slack slack = slack(config);
            parts.slack = slack;
            InteractivityMetrics metrics = new InteractivityMetrics(registry);
            parts.view = IncidentView.start(config.topics().incidents(), kafka, registry);
            parts.history =
                    HistoryView.start(config.topics().incidentHistory(), kafka, registry, HistoryIndex.Bounds.DEFAULT);
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
            parts.app = app(config, slack, parts.afterAck, token, signingSecret);
            parts.app.blockAction(Pattern.compile(".*"), new ButtonHandler(actions, parts.afterAck, metrics));
            AlarmLookup alarms = sources.alarms();
            AlarmCommand alarmCommand = new AlarmCommand(
                    alarms == null ? null : alarms::find, parts.view.index(), parts.afterAck, clock, config.command());
            parts.app.command(
                    config.command(),
                    new AlertsCommandHandler(
                            config,
                            parts.view.index(),
                            new AlertsCommandHandler.Collaborators(
                                    actions,
                                    parts.authorizer,
                                    parts.publisher,
                                    parts.afterAck,
                                    alarmCommand,
                                    new ReportCommand(
                                            parts.history,
                                            parts.afterAck,
                                            clock,
                                            WorkingHours.ByRoute.everywhere(config.zone()),
                                            config.command(),
                                            new ReportChartImages(() -> slack.methods(token.token())))),
                            clock,
                            metrics,
                            sources.routes()));
            if (config.mode() == InteractivityConfig.Mode.HTTP) {
                parts.httpHandler = new SlackEventsHttpHandler(parts.app, signingSecret, Clock.systemUTC());
                parts.app.start();
            } else {
                parts.socketState = new SocketModeState();
                parts.socketLink = new SocketModeLink(
                        parts.app,
                        sources.appToken(),
                        parts.socketState,
                        Clock.systemUTC(),
                        RotatingSecret.DEFAULT_MIN_INTERVAL);
                parts.socketLink.start();
            }
            token.keepChecking(RECHECK_FIRST, RECHECK_MAX, RECHECK_WHILE_USABLE);
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

    /**
     * The Bolt app, without Bolt's single-team authorization: given the bot token, Bolt calls {@code auth.test} when
     * it starts and throws on any failure (a 503 included, "The token is invalid"), then again per request once its
     * cache expires, answering 401 to Slack's own signed requests while Slack is unsure. The {@link TokenWatch}
     * checks the token instead; requests get the token from it (Bolt logs once that it added no authorization:
     * {@link #botToken} is ours). Signatures are still verified by Bolt's own middleware, given a verifier that
     * reads the signing secret when it checks (Bolt's default one keeps the secret of its start, so a rotated secret
     * would refuse every request); {@link SlackEventsHttpHandler} reads it again on a mismatch before Bolt runs.
     */
    private static App app(
            InteractivityConfig config,
            Slack slack,
            AfterAck afterAck,
            TokenWatch token,
            Supplier<String> signingSecret) {
        boolean signed = config.signingSecret() != null;
        AppConfig appConfig = AppConfig.builder()
                .slack(slack)
                .signingSecret(config.signingSecret())
                .requestVerificationEnabled(!signed)
                .unmatchedRequestHandler(request -> unmatched(request, config, afterAck))
                .build();
        App app = new App(appConfig);
        if (signed) {
            app.use(new RequestVerification(
                    new SlackSignature.Verifier(new SlackSignature.Generator(config.signingSecret()) {
                        // The secret given to the superclass only satisfies its constructor (the no-argument one reads
                        // SLACK_SIGNING_SECRET and throws without it); every signature is made with the current one.
                        @Override
                        public String generate(String timestamp, String body) {
                            return new SlackSignature.Generator(signingSecret.get()).generate(timestamp, body);
                        }
                    })));
        }
        app.use(botToken(token));
        return app;
    }

    /** Gives each request the bot token, as Bolt's single-team authorization would, without calling Slack. */
    private static Middleware botToken(TokenWatch token) {
        return (request, response, chain) -> {
            request.getContext().setBotToken(token.token());
            return chain.next(request);
        };
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

    /**
     * True when the incidents view is current, Slack accepts the bot token and, in Socket Mode, the WebSocket is
     * connected.
     */
    public boolean isReady() {
        return !closed.get() && view.isReady() && slackAnswers();
    }

    /**
     * True when only Slack holds interactivity back (down, refusing the token, Socket Mode not connected): the
     * incidents view is current, so a restart would not help.
     */
    public boolean isDegraded() {
        return !closed.get() && view.isReady() && !slackAnswers();
    }

    private boolean slackAnswers() {
        return token.current().usable() && (socketState == null || socketState.connected());
    }

    /** A short explanation of readiness, for {@code /health}; never a secret. */
    public String detail() {
        StringBuilder out = new StringBuilder(
                config.mode() == InteractivityConfig.Mode.HTTP
                        ? "http " + config.path()
                        : "socket mode " + socketState.describe());
        if (!token.current().usable()) {
            out.append("; ").append(token.current().reason());
        }
        out.append("; incidents view ").append(view.detail());
        out.append("; history view ").append(history.detail());
        if (!authorizer.isReady()) {
            out.append("; allow-list group not read yet");
        }
        return out.toString();
    }

    /** The Bolt app, for tests that drive it with {@code app.run(request)} as Slack's SDK tests do. */
    App app() {
        return app;
    }

    /** True once the incident history for {@code /alerts report} is loaded (reports answer "loading" before). */
    public boolean historyReady() {
        return history.isReady();
    }

    /** How long loading the incident history took after the start, or null while loading. */
    public java.time.Duration historyLoadTime() {
        return history.loadTime();
    }

    /**
     * Starts posting the scheduled report digests of {@code rules} ({@link ScheduledDigests}): looks every 30 seconds
     * once the incident history is live. Once; stopped by {@link #close()}.
     *
     * @param rules the report rules in force, read at every look (keep it cheap: a cached or live set)
     */
    public void scheduleDigests(Supplier<? extends Collection<ReportRule>> rules) {
        scheduleDigests(rules, ScheduledDigests.INTERVAL);
    }

    /** As {@link #scheduleDigests(Supplier)}, looking every {@code interval} (tests look more often). */
    synchronized void scheduleDigests(Supplier<? extends Collection<ReportRule>> rules, Duration interval) {
        if (digests != null || closed.get()) {
            throw new IllegalStateException("report digests are already scheduled, or interactivity is closed");
        }
        digests = new ScheduledDigests(history, slack, token::token, rules, clock, registry).start(interval);
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
        synchronized (this) {
            if (digests != null) {
                digests.close();
            }
        }
        new Parts(config, this).close();
    }

    /** The parts being assembled, so a failed start closes what it opened. */
    private static final class Parts {
        private final InteractivityConfig config;
        private IncidentView view;
        private HistoryView history;
        private ActionPublisher publisher;
        private Authorizer authorizer;
        private AfterAck afterAck;
        private App app;
        private SlackEventsHttpHandler httpHandler;
        private SocketModeLink socketLink;
        private SocketModeState socketState;
        private TokenWatch token;
        private AlarmLookup alarms;
        private Slack slack;
        private Clock clock;
        private MeterRegistry registry;

        Parts(InteractivityConfig config) {
            this.config = config;
        }

        Parts(InteractivityConfig config, Interactivity running) {
            this(config);
            view = running.view;
            history = running.history;
            publisher = running.publisher;
            authorizer = running.authorizer;
            afterAck = running.afterAck;
            app = running.app;
            socketLink = running.socketLink;
            socketState = running.socketState;
            token = running.token;
            alarms = running.alarms;
        }

        void close() {
            if (socketState != null) {
                socketState.stopping();
            }
            if (socketLink != null) {
                socketLink.close();
                if (socketLink.socketMode() != null) {
                    try {
                        socketLink.socketMode().close();
                    } catch (Exception e) {
                        LOG.warn("Closing Socket Mode failed: {}", LogText.safe(e.toString()));
                    }
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
            if (history != null) {
                history.close();
            }
            if (token != null) {
                token.close();
            }
            if (alarms != null) {
                alarms.close();
            }
        }
    }
}
