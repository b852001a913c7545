package io.alertbridge.devkit.slack;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Slack workspace: a stand-in for Slack's Web API over real HTTP on localhost, with Slack's answers, error
 * names and limits, plus a web page where people see the messages and click their buttons.
 *
 * <p>Point the Slack SDK at it with {@code SlackConfig.setMethodsEndpointUrlPrefix(workspace.apiUrl())} and the
 * {@link #botToken()}:
 *
 * <pre>{@code
 * try (LocalSlackWorkspace workspace = LocalSlackWorkspace.start()) {
 *     SlackConfig config = new SlackConfig();
 *     config.setMethodsEndpointUrlPrefix(workspace.apiUrl());
 *     MethodsClient slack = Slack.getInstance(config).methods(workspace.botToken());
 *     slack.chatPostMessage(r -> r.channel("#alerts").text("INC-1 firing"));
 *     workspace.messages("alerts");           // what was posted
 *     workspace.force429(1, 2);               // the next call answers 429, Retry-After: 2
 * }
 * }</pre>
 *
 * <p>Methods served: {@code auth.test}, {@code chat.postMessage}, {@code chat.update},
 * {@code chat.delete}, {@code chat.getPermalink}, {@code conversations.create/invite/kick/archive/info/list/
 * history/replies/join}, {@code users.lookupByEmail}, {@code users.info}, and Slack's file upload flow
 * ({@code files.getUploadURLExternal}, a POST of the bytes to the answered URL, {@code files.completeUploadExternal};
 * {@code files.info}, {@code files.delete}; {@code files.upload} answers {@code method_deprecated}) with image blocks
 * that show an uploaded file through {@code slack_file}. Rules enforced as Slack does: rate-limit
 * tiers per method and about one post per second per channel (bursts of {@value RateLimiter#POST_BURST_PER_CHANNEL}
 * tolerated), answered with 429 and {@code Retry-After}; Block Kit limits ({@code invalid_blocks});
 * {@code msg_too_long}, {@code no_text}, {@code channel_not_found}, {@code not_in_channel}, {@code is_archived},
 * {@code users_not_found}, {@code message_not_found}, {@code name_taken}; channel names only where Slack takes
 * them ({@code chat.postMessage}), ids elsewhere. Message metadata is kept and returned with
 * {@code include_all_metadata}.
 *
 * <p>The page ({@link #pageUrl()}) shows channels and messages live; a click on a button, a choice in a select
 * menu, or {@code /alerts ...} typed in its message box, is sent to the {@link #setInteractivityUrl interactivity
 * URL} as Slack sends it (signed with the {@link #signingSecret()}, with a working {@code response_url}). Tests do the same without a browser
 * through {@link #clickButton}, {@link #selectOption} and {@link #runSlashCommand}.
 *
 * <p>For tests: a recorder ({@link #calls()}), state queries ({@link #messages}, {@link #replies},
 * {@link #channel}), and fault switches ({@link #failNext}, {@link #force429}, {@link #delay},
 * {@link #resetFaults()}).
 *
 * <p>Thread-safe. {@link #close()} is idempotent.
 */
public final class LocalSlackWorkspace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSlackWorkspace.class);

    private final Config config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final WorkspaceState state;
    private final RateLimiter limiter;
    private final FaultInjector faults;
    private final CallRecorder recorder;
    private final Interactions interactions;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String interactivityUrl;
    private volatile String botToken;
    private volatile String signingSecret;
    private final Set<String> retiredTokens = ConcurrentHashMap.newKeySet();
    private volatile String slashCommandUrl;
    private final Set<String> revokedScopes = ConcurrentHashMap.newKeySet();

    /** The OAuth scopes the app's bot token holds unless {@link #revokeScope revoked}. */
    public static final List<String> SCOPES = List.of(
            "channels:history",
            "channels:join",
            "channels:manage",
            "channels:read",
            "chat:write",
            "commands",
            "files:read",
            "files:write",
            "groups:history",
            "groups:read",
            "groups:write",
            "users:read",
            "users:read.email");

    /**
     * How a workspace starts. {@link #defaults()} gives a dev workspace; the {@code with...} methods change one
     * thing.
     *
     * @param port the port to listen on (localhost only), 0 for a free one
     * @param teamName the workspace's name
     * @param botName the app's bot user handle
     * @param botToken the bot token that calls must carry
     * @param signingSecret the secret that signs requests sent to the app
     * @param interactivityUrl where button clicks are POSTed (the app's Request URL), or {@code null} until set
     * @param slashCommandUrl where {@code /alerts} is POSTed, or {@code null} for the interactivity URL
     * @param channels the channels that exist at start
     * @param users the people in the workspace
     * @param rateLimits whether Slack's rate limits are enforced
     */
    public record Config(
            int port,
            String teamName,
            String botName,
            String botToken,
            String signingSecret,
            String interactivityUrl,
            String slashCommandUrl,
            List<ChannelSpec> channels,
            List<UserSpec> users,
            boolean rateLimits) {

        /** The bot token of {@link #defaults()}. */
        public static final String DEFAULT_BOT_TOKEN = "xoxb-local-workspace-dev-token";

        /** The signing secret of {@link #defaults()}. */
        public static final String DEFAULT_SIGNING_SECRET = "local-workspace-signing-secret";

        public Config {
            Objects.requireNonNull(teamName, "teamName");
            Objects.requireNonNull(botName, "botName");
            Objects.requireNonNull(botToken, "botToken");
            Objects.requireNonNull(signingSecret, "signingSecret");
            channels = List.copyOf(channels);
            users = List.copyOf(users);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /**
         * A dev workspace on a free port: channels {@code #general}, {@code #alerts}, {@code #payments-alerts},
         * {@code #ops-private} (private) with the bot in them, {@code #random} without it; people {@code alice},
         * {@code bob} and {@code carol} ({@code @example.com}) in every channel; rate limits on.
         */
        public static Config defaults() {
            return new Config(
                    0,
                    "Alertbridge Local",
                    "alertbridge",
                    DEFAULT_BOT_TOKEN,
                    DEFAULT_SIGNING_SECRET,
                    null,
                    null,
                    List.of(
                            ChannelSpec.publicChannel("general"),
                            ChannelSpec.publicChannel("alerts"),
                            ChannelSpec.publicChannel("payments-alerts"),
                            ChannelSpec.privateChannel("ops-private"),
                            ChannelSpec.publicChannel("random").withoutBot()),
                    List.of(
                            new UserSpec("alice", "Alice Ops", "alice@example.com"),
                            new UserSpec("bob", "Bob Payments", "bob@example.com"),
                            new UserSpec("carol", "Carol SRE", "carol@example.com")),
                    true);
        }

        public Config withPort(int port) {
            return new Config(
                    port,
                    teamName,
                    botName,
                    botToken,
                    signingSecret,
                    interactivityUrl,
                    slashCommandUrl,
                    channels,
                    users,
                    rateLimits);
        }

        public Config withBotToken(String botToken) {
            return new Config(
                    port,
                    teamName,
                    botName,
                    botToken,
                    signingSecret,
                    interactivityUrl,
                    slashCommandUrl,
                    channels,
                    users,
                    rateLimits);
        }

        public Config withSigningSecret(String signingSecret) {
            return new Config(
                    port,
                    teamName,
                    botName,
                    botToken,
                    signingSecret,
                    interactivityUrl,
                    slashCommandUrl,
                    channels,
                    users,
                    rateLimits);
        }

        public Config withInteractivityUrl(String interactivityUrl) {
            return new Config(
                    port,
                    teamName,
                    botName,
                    botToken,
                    signingSecret,
                    interactivityUrl,
                    slashCommandUrl,
                    channels,
                    users,
                    rateLimits);
        }

        public Config withSlashCommandUrl(String slashCommandUrl) {
            return new Config(
                    port,
                    teamName,
                    botName,
                    botToken,
                    signingSecret,
                    interactivityUrl,
                    slashCommandUrl,
                    channels,
                    users,
                    rateLimits);
        }

        public Config withChannels(List<ChannelSpec> channels) {
            return new Config(
                    port,
                    teamName,
                    botName,
                    botToken,
                    signingSecret,
                    interactivityUrl,
                    slashCommandUrl,
                    channels,
                    users,
                    rateLimits);
        }

        public Config withUsers(List<UserSpec> users) {
            return new Config(
                    port,
                    teamName,
                    botName,
                    botToken,
                    signingSecret,
                    interactivityUrl,
                    slashCommandUrl,
                    channels,
                    users,
                    rateLimits);
        }

        public Config withRateLimits(boolean rateLimits) {
            return new Config(
                    port,
                    teamName,
                    botName,
                    botToken,
                    signingSecret,
                    interactivityUrl,
                    slashCommandUrl,
                    channels,
                    users,
                    rateLimits);
        }
    }

    private LocalSlackWorkspace(Config config) throws IOException {
        this.config = config;
        this.interactivityUrl = config.interactivityUrl();
        this.slashCommandUrl = config.slashCommandUrl();
        Clock clock = Clock.systemUTC();
        this.state = new WorkspaceState(config.teamName(), config.botName(), clock);
        this.botToken = config.botToken();
        this.signingSecret = config.signingSecret();
        this.limiter = new RateLimiter(config.rateLimits(), System::nanoTime);
        this.faults = new FaultInjector(System::nanoTime);
        this.recorder = new CallRecorder(clock);
        seed(config);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 64);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        SlackShapes shapes = new SlackShapes(state);
        Map<String, ApiMethod.Spec> methods = new HashMap<>();
        new UserMethods(state, shapes, this::pageUrl).register(methods);
        new ChatMethods(state, shapes, limiter, this::pageUrl).register(methods);
        new ConversationMethods(state, shapes).register(methods);
        new FileMethods(state, shapes, this::baseUrl).register(methods);
        server.createContext(
                "/api/",
                new WebApiHandler(
                        state,
                        methods,
                        this::botToken,
                        retiredTokens::contains,
                        revokedScopes::contains,
                        limiter,
                        faults,
                        recorder));
        FileTransfers transfers = new FileTransfers(state, this::botToken);
        server.createContext("/" + FileTransfers.UPLOAD_PATH, transfers);
        server.createContext("/" + FileTransfers.PRIVATE_PATH, transfers);
        ResponseUrls responseUrls = new ResponseUrls(state, this::baseUrl, System::nanoTime);
        this.interactions = new Interactions(state, shapes, responseUrls, this::signingSecret);
        server.createContext(ResponseUrls.PATH, responseUrls);
        server.createContext("/", new PageHandler(this, state, shapes));
        server.start();
    }

    /**
     * Starts a workspace.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static LocalSlackWorkspace start(Config config) {
        long started = System.nanoTime();
        try {
            LocalSlackWorkspace workspace = new LocalSlackWorkspace(config);
            LOG.info(
                    "Local Slack workspace '{}' ready in {} ms: Web API {} , page {}",
                    config.teamName(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis(),
                    workspace.apiUrl(),
                    workspace.pageUrl());
            return workspace;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local Slack workspace on port " + config.port(), e);
        }
    }

    /** Starts a workspace with {@link Config#defaults()}. */
    public static LocalSlackWorkspace start() {
        return start(Config.defaults());
    }

    private void seed(Config config) {
        for (UserSpec user : config.users()) {
            state.addUser(user);
        }
        for (ChannelSpec spec : config.channels()) {
            StoredChannel channel = state.addChannel(spec.name(), spec.isPrivate(), state.bot.id());
            if (spec.botIsMember()) {
                channel.members.add(state.bot.id());
            }
            if (spec.members().isEmpty()) {
                state.users().stream().filter(u -> !u.isBot()).forEach(u -> channel.members.add(u.id()));
            } else {
                for (String name : spec.members()) {
                    SlackUser user = state.userByName(name)
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "channel #" + spec.name() + " names an unknown user: " + name));
                    channel.members.add(user.id());
                }
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "local-slack-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---- addresses and identity ----

    /** The server's base URL, {@code http://localhost:PORT/}. */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    /** The Web API's base URL, ending in {@code /api/}: for {@code SlackConfig.setMethodsEndpointUrlPrefix}. */
    public String apiUrl() {
        return baseUrl() + "api/";
    }

    /** The web page where people see the workspace. */
    public String pageUrl() {
        return baseUrl();
    }

    /** The port listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The bot token calls must carry now ({@link #rotateBotToken} changes it). */
    public String botToken() {
        return botToken;
    }

    /**
     * Rotates the bot token, as reinstalling the app or rotating its token does: from now on calls must carry
     * {@code newToken}, and every call carrying an earlier token, {@code auth.test} included, answers
     * {@code "ok": false, "error": "token_revoked"}.
     */
    public void rotateBotToken(String newToken) {
        if (newToken == null || newToken.isBlank()) {
            throw new IllegalArgumentException("a bot token is required");
        }
        retiredTokens.add(botToken);
        retiredTokens.remove(newToken);
        botToken = newToken;
    }

    /** The secret requests to the app are signed with now ({@link #rotateSigningSecret} changes it). */
    public String signingSecret() {
        return signingSecret;
    }

    /** Rotates the signing secret, as regenerating it in the app's settings does: later requests are signed with it. */
    public void rotateSigningSecret(String newSecret) {
        if (newSecret == null || newSecret.isBlank()) {
            throw new IllegalArgumentException("a signing secret is required");
        }
        signingSecret = newSecret;
    }

    public String teamId() {
        return state.teamId;
    }

    /** The bot user's id ({@code U...}): the author of the app's messages. */
    public String botUserId() {
        return state.bot.id();
    }

    /** The app's id ({@code A...}). */
    public String appId() {
        return state.appId;
    }

    /** Where button clicks are POSTed, or {@code null}. */
    public String interactivityUrl() {
        return interactivityUrl;
    }

    /** Sets where button clicks (and, unless set apart, slash commands) are POSTed; {@code null} to stop. */
    public void setInteractivityUrl(String url) {
        this.interactivityUrl = url;
    }

    /** Where {@code /alerts} is POSTed: the slash command URL if set, else the interactivity URL. */
    public String slashCommandUrl() {
        return slashCommandUrl != null ? slashCommandUrl : interactivityUrl;
    }

    /** Sets where slash commands are POSTed; {@code null} to use the interactivity URL. */
    public void setSlashCommandUrl(String url) {
        this.slashCommandUrl = url;
    }

    // ---- state, for tests ----

    /** A channel by id, {@code #name} or name. */
    public Optional<SlackChannel> channel(String idOrName) {
        synchronized (state) {
            return state.channelByIdOrName(idOrName).map(StoredChannel::snapshot);
        }
    }

    /** Every channel, archived and private ones included, in creation order. */
    public List<SlackChannel> channels() {
        synchronized (state) {
            return state.channels().stream().map(StoredChannel::snapshot).toList();
        }
    }

    /** A file by id, as uploaded (deleted files included, marked so). */
    public Optional<SlackFile> file(String id) {
        synchronized (state) {
            return state.fileById(id).map(StoredFile::snapshot);
        }
    }

    /** Every file started with {@code files.getUploadURLExternal}, in order. */
    public List<SlackFile> files() {
        synchronized (state) {
            return state.files().stream().map(StoredFile::snapshot).toList();
        }
    }

    /**
     * Takes a scope away from the bot token (until {@link #grantScope}): methods that need it answer
     * {@code missing_scope} with {@code needed} and {@code provided}, as Slack does for an app installed without it.
     * Modelled for the {@code files.*} methods.
     */
    public void revokeScope(String scope) {
        revokedScopes.add(scope);
    }

    /**
     * Sets the workspace preference that lets only admins remove people from channels: while on,
     * {@code conversations.kick} answers {@code restricted_action}, as Slack does for a bot under that preference.
     */
    public void restrictKicks(boolean restricted) {
        state.kicksRestricted = restricted;
    }

    /** Gives a revoked scope back. */
    public void grantScope(String scope) {
        revokedScopes.remove(scope);
    }

    /** A user by id, handle or e-mail. */
    public Optional<SlackUser> user(String idNameOrEmail) {
        return state.findUser(idNameOrEmail);
    }

    /** Every user, the bot included. */
    public List<SlackUser> users() {
        return state.users();
    }

    /**
     * The channel's messages (not thread replies, unless broadcast), oldest first.
     *
     * @throws IllegalArgumentException when there is no such channel
     */
    public List<SlackMessage> messages(String channelIdOrName) {
        synchronized (state) {
            return require(channelIdOrName).messages.values().stream()
                    .map(StoredMessage::snapshot)
                    .toList();
        }
    }

    /**
     * The replies in the thread of the message {@code ts} (the parent not included), oldest first.
     *
     * @throws IllegalArgumentException when there is no such channel or message
     */
    public List<SlackMessage> replies(String channelIdOrName, String ts) {
        synchronized (state) {
            StoredMessage parent = require(channelIdOrName).byTs.get(ts);
            if (parent == null) {
                throw new IllegalArgumentException("no message " + ts + " in " + channelIdOrName);
            }
            return parent.replies.stream().map(StoredMessage::snapshot).toList();
        }
    }

    /** One message (or reply) by channel and ts. */
    public Optional<SlackMessage> message(String channelIdOrName, String ts) {
        synchronized (state) {
            return Optional.ofNullable(require(channelIdOrName).byTs.get(ts)).map(StoredMessage::snapshot);
        }
    }

    /**
     * Posts a plain message as a person (what someone typing in the page does), outside the Web API: no rate
     * limit, not recorded. Returns its ts.
     *
     * @param channelIdOrName the channel
     * @param user the author's id, handle or e-mail
     * @param text the text
     * @throws IllegalArgumentException when there is no such channel or user
     */
    public String postAsUser(String channelIdOrName, String user, String text) {
        SlackUser author = state.findUser(user).orElseThrow(() -> new IllegalArgumentException("no user " + user));
        synchronized (state) {
            StoredChannel channel = require(channelIdOrName);
            StoredMessage message = new StoredMessage(channel.id, state.nextTs(), author.id(), null, null);
            message.text = text;
            channel.messages.put(message.ts, message);
            channel.byTs.put(message.ts, message);
            state.changed();
            return message.ts;
        }
    }

    private StoredChannel require(String channelIdOrName) {
        return state.channelByIdOrName(channelIdOrName)
                .orElseThrow(() -> new IllegalArgumentException("no channel " + channelIdOrName));
    }

    /** The ephemeral messages {@code user} (id, handle or e-mail) sees in the channel, oldest first. */
    public List<SlackMessage> ephemeralMessages(String channelIdOrName, String user) {
        synchronized (state) {
            String userId = state.findUser(user).map(SlackUser::id).orElse("");
            return state.ephemerals(require(channelIdOrName).id, userId).stream()
                    .map(StoredMessage::snapshot)
                    .toList();
        }
    }

    // ---- people acting, as on the page ----

    /**
     * Clicks a button as a person would on the page: POSTs a signed {@code block_actions} payload to the
     * interactivity URL and waits (at most 3 seconds) for the app's answer. Works for buttons in messages and in
     * the ephemeral messages the person sees.
     *
     * @param channelIdOrName the channel
     * @param ts the message's ts
     * @param actionId the button's {@code action_id}
     * @param user who clicks: id, handle or e-mail
     */
    public InteractionResult clickButton(String channelIdOrName, String ts, String actionId, String user) {
        return clickButton(channelIdOrName, ts, actionId, null, user);
    }

    /** As {@link #clickButton(String, String, String, String)}, for the button in block {@code blockId}. */
    public InteractionResult clickButton(
            String channelIdOrName, String ts, String actionId, String blockId, String user) {
        return interactions.act(interactivityUrl, channelIdOrName, ts, actionId, blockId, user, null);
    }

    /**
     * Chooses an option of a select menu ({@code static_select}) as a person would on the page: POSTs the signed
     * {@code block_actions} payload Slack sends, whose action carries the {@code selected_option} (text and value)
     * and whose {@code state.values} hold the choice, and waits (at most 3 seconds) for the app's answer. Fails with
     * {@code option_not_found} when the menu has no such option.
     *
     * @param channelIdOrName the channel
     * @param ts the message's ts
     * @param actionId the menu's {@code action_id}
     * @param option the option's value, or its label as shown ("4 h")
     * @param user who chooses: id, handle or e-mail
     */
    public InteractionResult selectOption(
            String channelIdOrName, String ts, String actionId, String option, String user) {
        return act(channelIdOrName, ts, actionId, null, user, option);
    }

    /** What the page sends: a click on a button, or a choice in a menu ({@code option} not null), in a block. */
    InteractionResult act(
            String channelIdOrName, String ts, String actionId, String blockId, String user, String option) {
        return interactions.act(interactivityUrl, channelIdOrName, ts, actionId, blockId, user, option);
    }

    /**
     * Runs a slash command as a person would in the page's message box ({@code /alerts ack INC-1}): POSTs Slack's
     * signed form to the slash command URL and shows the app's synchronous answer (ephemeral unless
     * {@code "response_type": "in_channel"}).
     *
     * @param channelIdOrName where it is typed
     * @param user who types it: id, handle or e-mail
     * @param commandLine the command and its text
     */
    public InteractionResult runSlashCommand(String channelIdOrName, String user, String commandLine) {
        return interactions.slashCommand(slashCommandUrl(), channelIdOrName, user, commandLine);
    }

    // ---- recorder ----

    /** Every Web API call so far, in order, with its arguments and answer. */
    public List<ApiCall> calls() {
        return recorder.calls();
    }

    /** The calls of one method, in order. */
    public List<ApiCall> calls(String method) {
        return recorder.calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Forgets the calls recorded so far. */
    public void clearCalls() {
        recorder.clear();
    }

    // ---- fault switches ----

    /**
     * Answers the next {@code count} calls with {@code httpStatus} (a 5xx) and {@code "error": "fatal_error"}.
     * {@code auth.test} is left alone (the SDK calls it by itself); use {@link #failNext(String, int, int)} for it.
     */
    public void failNext(int count, int httpStatus) {
        faults.failNext(null, count, httpStatus);
    }

    /** Answers the next {@code count} calls of {@code method} with {@code httpStatus}. */
    public void failNext(String method, int count, int httpStatus) {
        faults.failNext(method, count, httpStatus);
    }

    /**
     * Answers the next {@code count} calls of {@code method} (null: every method but {@code auth.test}) with HTTP 200
     * and {@code "ok": false, "error": error}, as Slack answers {@code invalid_auth} or {@code account_inactive}.
     */
    public void failNextWithError(String method, int count, String error) {
        faults.failNextWithError(method, count, error);
    }

    /**
     * Revokes the bot token (true) until restored (false) or reset: every call carrying it, {@code auth.test}
     * included, answers {@code "ok": false, "error": "token_revoked"}, as Slack does once the app is uninstalled
     * or its token revoked.
     */
    public void revokeToken(boolean revoked) {
        faults.revokeToken(revoked);
    }

    /** Answers the next {@code count} calls (but {@code auth.test}) with 429 and {@code Retry-After}. */
    public void force429(int count, int retryAfterSeconds) {
        faults.rateLimitNext(null, count, retryAfterSeconds);
    }

    /** Answers the next {@code count} calls of {@code method} with 429 and {@code Retry-After}. */
    public void force429(String method, int count, int retryAfterSeconds) {
        faults.rateLimitNext(method, count, retryAfterSeconds);
    }

    /** Answers every call (but {@code auth.test}) with 429 and {@code Retry-After} for {@code duration}. */
    public void force429(Duration duration, int retryAfterSeconds) {
        faults.rateLimitFor(null, duration, retryAfterSeconds);
    }

    /**
     * Sends every answer {@code delay} late, until reset. The call's work is done on time: a client that gives
     * up waiting has still posted (as when Slack is slow).
     */
    public void delay(Duration delay) {
        faults.delay(delay);
    }

    /** Clears every fault switch (failures, forced 429s, {@code ok: false} errors, delay, revocation). */
    public void resetFaults() {
        faults.reset();
    }

    /** Refills every rate-limit budget, as if a minute had passed. */
    public void resetRateLimits() {
        limiter.reset();
    }

    /** Turns Slack's rate limits on or off (budgets refilled either way). */
    public void setRateLimits(boolean enabled) {
        limiter.setEnabled(enabled);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
            LOG.info("Local Slack workspace '{}' stopped", config.teamName());
        }
    }
}
