package io.alertbridge.connectors.slack;

import com.slack.api.Slack;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import io.alertbridge.connectors.slack.CatchUpPlanner.Step;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.text.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Posts a replay's Slack commands, for real, into one review channel: {@code alertbridge replay --post-to}. The
 * commands go through the sink's own {@link CommandExecutor} (same rendering and escaping, the same retries after
 * 429s and 5xx through {@link SlackCalls}, one message per incident edited in place, replies in its thread,
 * digests), after {@link ReplayRewrite} has moved them into the run's namespace and the review channel, and
 * {@link ReplayMarker} marks every main message as a replay.
 *
 * <p>Isolation: the incident → message references live in an in-memory {@link SlackRefStore}; nothing is read from
 * or written to Kafka, so production's sink state (its refs topic, its consumer group) is never touched. Dead
 * letters are counted in the {@link Summary}, not written to the dead-letter topic. Incident-channel commands become
 * notes in the incident's thread (see {@link ReplayRewrite}); a note whose incident has no message yet waits for it.
 *
 * <p>Pace: {@link #submit} queues (bounded: it blocks when {@value #QUEUE_CAPACITY} commands wait), one poster
 * thread carries out. When the replay runs faster than Slack takes messages, the backlog is planned as the sink
 * plans one ({@link CatchUpPlanner}: only the newest snapshot of an incident is rendered). {@link #finish} waits
 * until everything submitted is carried out, as long as Slack makes progress: when Slack keeps failing (or keeps
 * answering 429) for longer than {@link Settings#stallLimit()}, posting stops and {@link #submit} and
 * {@link #finish} throw {@link PostingFailed} saying why.
 *
 * <p>Threading: {@link #submit} and {@link #finish} from one producing thread; {@link #close()} from any thread.
 */
public final class ReplayPoster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayPoster.class);
    static final int QUEUE_CAPACITY = 10_000;
    private static final int MAX_BATCH = 500;
    private static final int PARTITION = 0;
    private static final Duration OFFER_WAIT = Duration.ofMillis(200);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final Item END = new Item(null);

    /**
     * What to post where.
     *
     * @param channel the review channel: a name with or without {@code #}, or an id
     * @param run the run's id ({@link ReplayRewrite#newRun()})
     * @param label what was replayed, in plain text, for the replay line on every message ("2026-11-14 00:00 UTC ..
     *     2026-11-21 00:00 UTC under rules.yaml")
     * @param stallLimit how long Slack may keep failing (or pacing with 429s) before posting gives up
     */
    public record Settings(String channel, String run, String label, Duration stallLimit) {
        public Settings {
            channel = ReplayRewrite.reviewChannel(channel);
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(label, "label");
            stallLimit = stallLimit == null ? Duration.ofMinutes(2) : stallLimit;
            if (stallLimit.isNegative() || stallLimit.isZero()) {
                throw new IllegalArgumentException("the stall limit must be positive: " + stallLimit);
            }
        }
    }

    /**
     * What was posted.
     *
     * @param channel the review channel as given (normalised)
     * @param channelId its id
     * @param run the run's id; every replayed id is {@code replay-<run>-<id>}
     * @param submitted commands received from the replay
     * @param messages distinct main messages in the channel (one per incident, one per digest)
     * @param posted {@code chat.postMessage} of main messages (a message Slack lost is posted again)
     * @param edited {@code chat.update} of main messages
     * @param replies thread replies (timeline, escalations, incident-channel notes)
     * @param coalesced snapshots skipped because a newer one of the same incident was waiting
     * @param stale snapshots older than the message already showed
     * @param skipped incident-channel notes whose incident never got a message
     * @param failed commands Slack refused (not retried), by error
     */
    public record Summary(
            String channel,
            String channelId,
            String run,
            long submitted,
            long messages,
            long posted,
            long edited,
            long replies,
            long coalesced,
            long stale,
            long skipped,
            Map<String, Long> failed) {

        /** Commands Slack refused, all errors together. */
        public long failures() {
            return failed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Posting stopped: Slack refused the token, kept failing, or made no progress. */
    public static final class PostingFailed extends RuntimeException {
        PostingFailed(String message) {
            super(message);
        }
    }

    /** Slack kept failing longer than the stall limit. */
    private static final class Stalled extends RuntimeException {
        Stalled(String message) {
            super(message, null, false, false);
        }
    }

    /** {@link #close()} was called. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private record Item(NotificationCommand command) {}

    private final Settings settings;
    private final Duration callTimeout;
    private final Slack slack;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = Clock.systemUTC();
    private final Waiter waiter = new Waiter();
    private final SinkMetrics metrics = new SinkMetrics(registry);
    private final SlackCalls calls;
    private final ChannelDirectory channels;
    private final SlackRefStore refs = SlackRefStore.inMemory();
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicLong carriedOut = new AtomicLong();
    private final Thread thread;

    private ReplayRewrite rewrite;
    private ReplayMarker marker;
    private CommandExecutor executor;
    private long submitted;
    private boolean finishing;
    private volatile String failure;

    // Owned by the poster thread; read by finish() after the thread ended.
    private long offset;
    private long coalesced;
    private long stale;
    private long skipped;
    private final Map<String, Long> failed = new TreeMap<>();
    private final Set<String> messageKeys = new HashSet<>();
    private final Map<String, List<NotificationCommand>> notesWaiting = new HashMap<>();

    private ReplayPoster(SlackSinkConfig config, Settings settings) {
        this.settings = settings;
        this.callTimeout = config.callTimeout();
        this.slack = Slack.getInstance(SlackSink.slackConfig(config));
        this.calls = new SlackCalls(
                slack.methods(config.token()),
                new SlackErrorClassifier(),
                new Backoff(config.initialBackoff(), config.maxBackoff()),
                waiter,
                metrics);
        this.channels = new ChannelDirectory(calls, clock);
        this.thread = new Thread(this::postUntilEnd, "slack-replay-poster");
        this.thread.setDaemon(true);
    }

    /**
     * Checks the token and the review channel, then starts the poster thread.
     *
     * @param config the Slack sink's configuration (token, API URL, backoff, templates); its default channel and
     *     consumer group play no part
     * @param settings the review channel and the run
     * @throws IllegalArgumentException when Slack refuses the token or the channel is not there (or archived)
     */
    public static ReplayPoster start(SlackSinkConfig config, Settings settings) {
        ReplayPoster poster = new ReplayPoster(config, settings);
        try {
            poster.prepare(config);
        } catch (RuntimeException e) {
            poster.slackQuietly();
            throw e;
        }
        poster.thread.start();
        return poster;
    }

    private void prepare(SlackSinkConfig config) {
        try {
            SlackCalls.Outcome<?> auth = calls.call(SlackErrorClassifier.AUTH_TEST, m -> m.authTest(r -> r));
            if (!auth.ok()) {
                LOG.warn(
                        "auth.test failed ({}); going on, the calls will tell",
                        LogText.safe(auth.failure().reason()));
            }
            String channelId = resolve(settings.channel());
            SlackSinkConfig replayConfig =
                    config.toBuilder().defaultChannel(channelId).build();
            refs.restore(List.of(PARTITION));
            rewrite = new ReplayRewrite(settings.run(), channelId);
            marker = new ReplayMarker(settings.label(), settings.run());
            Function<String, Optional<RouteRule>> noRoutes = routeId -> Optional.empty();
            MessageReconciler reconciler =
                    new MessageReconciler(calls, channels, replayConfig.reconcilePages(), metrics);
            IncidentChannelManager incidentChannels = new IncidentChannelManager(
                    replayConfig, calls, refs, channels, noRoutes, metrics, clock, SinkProbe.NONE);
            executor = new CommandExecutor(
                    replayConfig,
                    calls,
                    refs,
                    new IncidentMessageRenderer(clock),
                    channels,
                    reconciler,
                    incidentChannels,
                    noRoutes,
                    metrics,
                    clock,
                    SinkProbe.NONE,
                    marker);
            LOG.info(
                    "Posting replay run {} into {} ({}) at {}",
                    settings.run(),
                    settings.channel(),
                    channelId,
                    config.apiUrl());
        } catch (SlackCalls.Halt e) {
            throw new IllegalArgumentException("Slack refused the token at " + config.apiUrl() + ": " + e.getMessage());
        } catch (Stalled e) {
            throw new IllegalArgumentException("Slack at " + config.apiUrl() + " did not answer: " + e.getMessage());
        }
    }

    /** The id of the review channel; fails when the bot cannot see it or it is archived. */
    private String resolve(String channel) {
        if (ChannelDirectory.isId(channel)) {
            SlackCalls.Outcome<ConversationsInfoResponse> info =
                    calls.call("conversations.info", m -> m.conversationsInfo(r -> r.channel(channel)));
            if (!info.ok()) {
                throw new IllegalArgumentException("--post-to " + channel + ": Slack answered "
                        + info.failure().error() + " (is the id right, and the bot in the channel?)");
            }
            if (info.response().getChannel().isArchived()) {
                throw new IllegalArgumentException("--post-to " + channel + ": the channel is archived");
            }
            return channel;
        }
        ChannelDirectory.Channel found = channels.find(channel)
                .orElseThrow(() -> new IllegalArgumentException("--post-to " + channel + ": no such channel is "
                        + "visible to the bot; create it (or invite the bot to it) first"));
        if (found.archived()) {
            throw new IllegalArgumentException("--post-to " + channel + ": the channel is archived");
        }
        return found.id();
    }

    /** The run's id: every replayed incident id is {@code replay-<run>-<id>}. */
    public String run() {
        return settings.run();
    }

    /** Commands submitted but not carried out yet. */
    public long backlog() {
        return submitted - carriedOut.get();
    }

    /**
     * Queues one of the replay's commands (as the replayed topology produced it; the rewrite happens here). Blocks
     * while the queue is full.
     *
     * @throws PostingFailed when posting has stopped
     */
    public void submit(NotificationCommand command) {
        Objects.requireNonNull(command, "command");
        if (finishing) {
            throw new IllegalStateException("finish() was called: no more commands");
        }
        enqueue(new Item(command));
        submitted++;
    }

    /**
     * Waits until everything submitted is carried out and returns what was posted. Waits as long as Slack makes
     * progress; see the class comment for when it gives up.
     *
     * @throws PostingFailed when posting stopped before the end
     */
    public Summary finish() throws InterruptedException {
        if (!finishing) {
            finishing = true;
            enqueue(END);
        }
        long lastSeen = -1;
        Instant lastProgress = clock.instant();
        Duration patience = settings.stallLimit().plus(callTimeout);
        while (!done.await(1, TimeUnit.SECONDS)) {
            long now = carriedOut.get();
            if (now != lastSeen) {
                lastSeen = now;
                lastProgress = clock.instant();
            } else if (Duration.between(lastProgress, clock.instant()).compareTo(patience) > 0) {
                failure = "Slack made no progress for " + patience.toSeconds() + " s";
                close();
                break;
            }
        }
        failIfFailed();
        return summary();
    }

    private void enqueue(Item item) {
        try {
            while (!queue.offer(item, OFFER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                failIfFailed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostingFailed("interrupted while queueing a replayed Slack command");
        }
        failIfFailed();
    }

    private void failIfFailed() {
        String why = failure;
        if (why != null) {
            throw new PostingFailed("posting the replay to " + settings.channel() + " stopped: " + why + "; "
                    + carriedOut.get() + " of " + submitted + " commands carried out");
        }
    }

    private Summary summary() {
        return new Summary(
                settings.channel(),
                rewrite.channel(),
                settings.run(),
                submitted,
                messageKeys.size(),
                count("alertbridge.slack.messages.posted"),
                count("alertbridge.slack.messages.updated"),
                count("alertbridge.slack.replies.posted"),
                coalesced,
                stale,
                skipped,
                Map.copyOf(failed));
    }

    private long count(String name) {
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private void postUntilEnd() {
        try {
            while (true) {
                List<Item> batch = new ArrayList<>();
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean end = batch.remove(END);
                carryOut(batch);
                if (end) {
                    skipWaitingNotes();
                    return;
                }
            }
        } catch (InterruptedException | Stopped e) {
            LOG.debug("Replay poster stopped");
        } catch (SlackCalls.Halt e) {
            failure = "Slack refused the token or the app: " + e.getMessage();
        } catch (Stalled e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("Replay poster failed", LogText.failure(e));
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            done.countDown();
        }
    }

    private void carryOut(List<Item> batch) {
        List<NotificationCommand> rewritten =
                batch.stream().map(i -> rewrite.rewrite(i.command())).toList();
        for (Step step : CatchUpPlanner.plan(rewritten)) {
            NotificationCommand original = batch.get(step.index()).command();
            if (step.superseded()) {
                coalesced++;
                carriedOut.incrementAndGet();
                continue;
            }
            NotificationCommand command = step.command();
            if (ReplayRewrite.isChannelNote(original) && !hasMessage(command.incidentId())) {
                notesWaiting
                        .computeIfAbsent(command.incidentId(), k -> new ArrayList<>())
                        .add(command);
                continue;
            }
            execute(command, original.channel());
            if (command.type() == Type.POST || command.type() == Type.UPDATE) {
                List<NotificationCommand> notes = notesWaiting.remove(command.incidentId());
                if (notes != null && hasMessage(command.incidentId())) {
                    notes.forEach(note -> execute(note, null));
                } else if (notes != null) {
                    notesWaiting.put(command.incidentId(), notes);
                }
            }
        }
    }

    private void execute(NotificationCommand command, String routeChannel) {
        marker.routedTo(routeChannel);
        CommandOutcome outcome;
        try {
            outcome = executor.execute(PARTITION, offset++, command);
        } catch (SlackCalls.Halt | Stalled | Stopped e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Failed to post replayed command {}", LogText.safe(command.commandId()), LogText.failure(e));
            outcome = CommandOutcome.deadLetter(new Decision(
                    SlackErrorClassifier.Action.DEAD_LETTER,
                    null,
                    e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage())));
        }
        switch (outcome.result()) {
            case STALE -> stale++;
            case DEAD_LETTER -> {
                failed.merge(outcome.failure().error(), 1L, Long::sum);
                LOG.warn(
                        "Replayed {} ({} of {}) not posted: {}",
                        LogText.safe(command.commandId()),
                        command.type(),
                        LogText.safe(command.incidentId()),
                        LogText.safe(outcome.failure().reason()));
            }
            default -> LOG.debug("Replayed {}: {}", LogText.safe(command.commandId()), LogText.safe(outcome.result()));
        }
        String key = messageKey(command);
        if (key != null && hasMessage(key)) {
            messageKeys.add(key);
        }
        carriedOut.incrementAndGet();
    }

    private static String messageKey(NotificationCommand command) {
        return switch (command.type()) {
            case POST, UPDATE -> command.incidentId();
            case DIGEST -> command.groupKey();
            default -> null;
        };
    }

    private boolean hasMessage(String key) {
        return key != null && refs.get(PARTITION, key).map(SlackRef::hasMessage).orElse(false);
    }

    private void skipWaitingNotes() {
        notesWaiting.forEach((incident, notes) -> {
            LOG.info(
                    "{} incident-channel note(s) of {} skipped: the incident got no message",
                    notes.size(),
                    LogText.safe(incident));
            skipped += notes.size();
            carriedOut.addAndGet(notes.size());
        });
        notesWaiting.clear();
    }

    /** Stops posting (what is queued is dropped) and releases the Slack client. Idempotent; any thread. */
    @Override
    public void close() {
        stopping.countDown();
        thread.interrupt();
        try {
            if (thread.isAlive() && !done.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The replay poster did not stop within {}", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slackQuietly();
    }

    private void slackQuietly() {
        try {
            slack.close();
        } catch (Exception e) {
            LOG.debug("Ignoring a failure while closing the Slack client: {}", LogText.safe(e.toString()));
        }
    }

    /** Waits out Slack's pauses on the poster thread, and gives up when Slack keeps failing. */
    private final class Waiter implements SlackCalls.Pauser {
        private Instant troubleSince;

        @Override
        public void pause(Duration wait, String reason, boolean unavailable) {
            Instant now = clock.instant();
            if (troubleSince == null) {
                troubleSince = now;
            }
            if (Duration.between(troubleSince, now).plus(wait).compareTo(settings.stallLimit()) > 0) {
                throw new Stalled("Slack kept failing for more than "
                        + settings.stallLimit().toSeconds() + " s (" + reason + ")");
            }
            try {
                if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new Stopped();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }

        @Override
        public void resumed() {
            troubleSince = null;
        }
    }
}
