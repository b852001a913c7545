package io.alertbridge.connectors.slack.sink;

import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Action;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer;
import io.alertbridge.connectors.slack.rendering.IncidentMessageRenderer.Detail;
import io.alertbridge.connectors.slack.rendering.MessageComposer;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.connectors.slack.rendering.RenderedMessage;
import io.alertbridge.connectors.slack.sink.FallbackLadder.Attempt;
import io.alertbridge.connectors.slack.sink.FallbackLadder.Step;
import io.alertbridge.connectors.slack.sink.FallbackLadder.Write;
import io.alertbridge.connectors.slack.sink.SinkProbe.Point;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Carries out one {@link NotificationCommand} in Slack, exactly once in effect.
 *
 * <p>The incident's main message: posted once, then edited in place with {@code chat.update} for every later
 * snapshot (an older snapshot than the one shown is skipped). Before a post, the intent is recorded durably in
 * {@link SlackRefStore}; a ref found with an intent after a crash is settled by looking for the message's metadata
 * in the channel's history before anything is posted again. An update for an incident the store does not know
 * looks in the channel too. Replies follow the same intent protocol, settled from the thread's replies. A
 * notification at or below the ref's last applied offset is a redelivery and is skipped.
 *
 * <p>Slack failures that a retry cannot fix take the rung {@link FallbackLadder} decides (smaller rendering, joining
 * the channel, the default channel, a new message), else the command goes to the dead-letter topic (the caller
 * writes it). Channel commands are delegated to {@link IncidentChannels}.
 *
 * <p>Used by the sink's loop thread only.
 */
public final class CommandExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
    /** How many incidents' last reasons are remembered (the most recently used ones). */
    private static final int REMEMBERED_REASONS = 10_000;
    /** Clock skew and queueing between recording an intent and Slack stamping the message. */
    static final Duration RECONCILE_MARGIN = Duration.ofMinutes(5);
    /** How far back a reply looks for a parent message the store does not know. */
    static final Duration PARENT_LOOKBACK = Duration.ofDays(1);

    /**
     * At most this many first posts have their intents recorded ahead, in one round trip to Kafka
     * ({@link #intendAhead}). The bound is what a crash can cost: after one, every intent found is settled by
     * searching the channel's history (conversations.history, about 50 calls a minute on Slack's tier 3) before
     * anything is posted again.
     */
    static final int INTENTS_AHEAD = 16;

    /** Which notification is being carried out: partition, offset and command id. */
    public record Position(int partition, long offset, String commandId) {}

    private final SlackSinkConfig config;
    private final SlackCalls slack;
    private final SlackRefStore refs;
    private final MessageComposer messages;
    private final ChannelDirectory channels;
    private final MessageReconciler reconciler;
    private final IncidentChannels incidentChannels;
    private final SinkContext context;
    /** Intents recorded ahead ({@link #intendAhead}) and not yet taken by their posts, by command id. */
    private final Map<String, SlackRef.Pending> intentsAhead = new HashMap<>();
    /**
     * The reason of the last command each recent incident's main message showed, so an edit the sink makes on its own
     * (a graph that became ready, the incident channel's link) keeps the reason line. Used by the sink's one thread.
     */
    private final Map<String, String> lastReasons = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_REASONS;
        }
    };

    /**
     * @param config the default channel
     * @param slack the Slack calls, retried and paused as the caller arranged
     * @param refs incident to message, with intents
     * @param messages how messages look
     * @param channels channel names to ids, joining
     * @param reconciler finds messages and replies in Slack after a crash
     * @param incidentChannels carries out channel commands
     * @param context meters, clock and probe
     */
    public CommandExecutor(
            SlackSinkConfig config,
            SlackCalls slack,
            SlackRefStore refs,
            MessageComposer messages,
            ChannelDirectory channels,
            MessageReconciler reconciler,
            IncidentChannels incidentChannels,
            SinkContext context) {
        this.config = config;
        this.slack = slack;
        this.refs = refs;
        this.messages = messages;
        this.channels = channels;
        this.reconciler = reconciler;
        this.incidentChannels = incidentChannels;
        this.context = context;
    }

    /**
     * A command of the batch still to be carried out, with where it was read.
     *
     * @param at partition, offset and command id
     * @param command the command
     */
    public record Coming(Position at, NotificationCommand command) {}

    /**
     * Records, in one round trip to Kafka, the intents of the coming commands that create a message on a known
     * footing, so that each of those posts need not wait for a round trip of its own (the durable intent was half
     * of the sink's time per post; see {@code bench/README.md}, "Intents ahead"). Two kinds qualify, each only when
     * no earlier command among {@code coming} is about the same ref (then nothing before it changes what it will
     * record): a POST of an incident never shown before whose ref (if any) has neither a message nor an intent (its
     * first post), and a thread reply or escalation whose ref has a message, no intent, and has not applied that
     * record yet. Each intent is exactly the one the command would record; the command takes it ({@link #intend})
     * when its ref still holds it, else records its own. An intent recorded ahead and never carried out is settled
     * like a crash's (by searching the channel or the thread) the next time its ref is used.
     *
     * @param coming the next commands of the batch, in order
     * @throws org.apache.kafka.common.KafkaException when the intents could not be recorded (none is then taken)
     */
    public void intendAhead(List<Coming> coming) {
        intentsAhead.clear();
        Set<String> seen = new HashSet<>();
        List<SlackRef> intents = new ArrayList<>();
        for (Coming next : coming) {
            NotificationCommand command = next.command();
            if (intents.size() == INTENTS_AHEAD) {
                break;
            }
            String key = command.incidentId() != null ? command.incidentId() : command.groupKey();
            if (!seen.add(key)) {
                continue;
            }
            SlackRef intent = intentFor(next.at(), key, command);
            if (intent != null) {
                intents.add(intent);
                LOG.debug(
                        "Recording the {} intent of {} ahead", intent.pending().kind(), LogText.safe(key));
            }
        }
        if (intents.size() < 2) {
            return; // one intent costs its post the same round trip either way
        }
        refs.putAllDurably(coming.get(0).at().partition(), intents);
        for (SlackRef intent : intents) {
            intentsAhead.put(intent.pending().commandId(), intent.pending());
            probe().reached(Point.INTENT_RECORDED);
        }
    }

    /** The ref with the intent the command would record, when it can be known now; else null. */
    private SlackRef intentFor(Position at, String key, NotificationCommand command) {
        Optional<SlackRef> known = refs.get(at.partition(), key);
        switch (command.type()) {
            case POST -> {
                Incident incident = command.incident();
                boolean firstPost = incident != null
                        && incident.slackMessage() == null
                        && !wasShownBefore(incident)
                        && known.map(ref -> !ref.hasMessage() && ref.pending() == null)
                                .orElse(true);
                if (!firstPost) {
                    return null;
                }
                SlackRef start = known.orElseGet(() -> SlackRef.fresh(key, key, command.groupKey()))
                        .withoutMessage(now());
                return start.withPending(
                        new SlackRef.Pending(
                                SlackRef.Kind.MESSAGE, at.commandId(), channels.idOf(command.channel()), null, now()),
                        now());
            }
            case THREAD_REPLY, ESCALATION -> {
                if (known.isEmpty()) {
                    return null;
                }
                SlackRef ref = known.get();
                if (!ref.hasMessage() || ref.pending() != null || ref.alreadyApplied(at.partition(), at.offset())) {
                    return null;
                }
                return ref.withPending(
                        new SlackRef.Pending(SlackRef.Kind.REPLY, at.commandId(), ref.channelId(), null, now()), now());
            }
            default -> {
                return null;
            }
        }
    }

    /** Forgets the intents recorded ahead that no post took (end of a batch, a failure in it). */
    public void dropIntentsAhead() {
        intentsAhead.clear();
    }

    /** The intent recorded ahead for this command, if its ref still holds it. */
    private Optional<SlackRef.Pending> recordedAhead(Position at, SlackRef ref) {
        SlackRef.Pending ahead = intentsAhead.get(at.commandId());
        return ahead != null && ahead.equals(ref.pending()) ? Optional.of(ahead) : Optional.empty();
    }

    /** Carries out the command read at this partition and offset. */
    public CommandOutcome execute(int partition, long offset, NotificationCommand command) {
        Position at = new Position(partition, offset, command.commandId());
        return switch (command.type()) {
            case POST, UPDATE -> incidentMessage(at, command);
            case THREAD_REPLY, ESCALATION -> reply(at, command);
            case DIGEST -> digest(at, command);
            case CHANNEL_CREATE -> {
                CommandOutcome outcome = incidentChannels.handle(at, command);
                if (outcome.result() != CommandOutcome.Result.DEAD_LETTER) {
                    showIncidentChannel(partition, command.incident());
                }
                yield outcome;
            }
            case CHANNEL_INVITE, CHANNEL_KICK, CHANNEL_ARCHIVE -> incidentChannels.handle(at, command);
        };
    }

    private CommandOutcome incidentMessage(Position at, NotificationCommand command) {
        Incident incident = command.incident();
        String key = incident.incidentId();
        // Snapshots are recognised as already shown by their version, not by offset: the planner may carry a newer
        // snapshot out in an older record's place.
        SlackRef ref = refs.get(at.partition(), key)
                .orElseGet(() -> SlackRef.fresh(key, incident.incidentId(), command.groupKey()));
        if (recordedAhead(at, ref).isEmpty()) {
            ref = settlePendingMessage(at.partition(), ref, IncidentMessageRenderer.INCIDENT_EVENT_TYPE, "incident_id");
        }
        if (!ref.hasMessage() && incident.slackMessage() != null) {
            ref = ref.withMessage(
                    incident.slackMessage().channelId(), incident.slackMessage().ts(), now());
        }
        if (!ref.hasMessage() && (command.type() == NotificationCommand.Type.UPDATE || wasShownBefore(incident))) {
            // An update for a message this instance has no ref for (lost refs, a partition change), or the first
            // post of an incident that had resolved and reopened (the processor forgets a closed incident; its ref
            // may be gone too): look before posting a second message.
            ref = lookUp(
                    ref,
                    command.channel(),
                    IncidentMessageRenderer.INCIDENT_EVENT_TYPE,
                    "incident_id",
                    incident.firstSeen().minus(RECONCILE_MARGIN));
        }
        if (ref.hasMessage() && incident.version() <= ref.renderedVersion()) {
            refs.put(at.partition(), ref.withApplied(at.partition(), at.offset(), now()));
            return CommandOutcome.STALE;
        }
        CommandOutcome outcome = ref.hasMessage()
                ? update(
                        at,
                        ref,
                        MessageComposer.because(
                                remembered(command),
                                messages.incident(
                                        incident, List.of(), ref.incidentChannelId(), IncidentGraphs.view(ref))),
                        r -> rendered(r, incident),
                        () -> postIncident(at, command, incident))
                : postIncident(at, command, incident);
        if (outcome.result() == CommandOutcome.Result.DONE) {
            context.graphs().shown(at.partition(), incident);
        }
        return outcome;
    }

    /**
     * Shows a finished graph: records it in the incident's ref and edits the main message from the last snapshot
     * shown (when this sink still holds it; else the graph shows with the next change). Deletes the file it replaces
     * once the message no longer shows it.
     */
    public void showGraph(IncidentGraphs.Ready done) {
        Optional<SlackRef> known = refs.get(done.partition(), done.incidentId());
        if (known.isEmpty() || !known.get().hasMessage()) {
            if (done.made().fileId() != null) {
                context.graphs().deleteLater(done.made().fileId());
            }
            return;
        }
        SlackRef.Graph before = known.get().graphOrNone();
        SlackRef ref = known.get().withGraph(IncidentGraphs.settle(before, done, now()), now());
        refs.put(done.partition(), ref);
        if (done.made().retryIn() != null) {
            context.graphs()
                    .retryLater(done.partition(), done.incidentId(), done.made().retryIn());
            return;
        }
        Incident snapshot = context.graphs().lastShown(done.incidentId());
        if (done.made().failure() != null || snapshot == null) {
            return;
        }
        CommandOutcome outcome = update(
                new Position(done.partition(), ref.sourceOffset(), "graph"),
                ref,
                MessageComposer.because(
                        lastReasons.get(snapshot.incidentId()),
                        messages.incident(snapshot, List.of(), ref.incidentChannelId(), IncidentGraphs.view(ref))),
                r -> rendered(r, snapshot),
                () -> CommandOutcome.DONE);
        if (outcome.result() == CommandOutcome.Result.DEAD_LETTER) {
            LOG.warn(
                    "Could not show the graph of {}: {}",
                    LogText.safe(ref.key()),
                    LogText.safe(outcome.failure().reason()));
            return;
        }
        if (before.fileId() != null && !before.fileId().equals(ref.graphOrNone().fileId())) {
            context.graphs().deleteLater(before.fileId());
        }
    }

    private CommandOutcome postIncident(Position at, NotificationCommand command, Incident incident) {
        SlackRef ref = refs.get(at.partition(), incident.incidentId())
                .orElseGet(() -> SlackRef.fresh(incident.incidentId(), incident.incidentId(), command.groupKey()))
                .withoutMessage(now());
        return post(
                at,
                ref,
                command.channel(),
                MessageComposer.because(
                        remembered(command),
                        messages.incident(
                                incident,
                                messages.firstPostMentions(incident, command),
                                ref.incidentChannelId(),
                                IncidentGraphs.view(ref))),
                r -> rendered(r, incident));
    }

    private CommandOutcome digest(Position at, NotificationCommand command) {
        NotificationCommand.Digest digest = command.digest();
        // One ref per channel (the command's key, digest:<channel>), holding the current storm's digest id in
        // incidentId: a digest escalation (same key, no digest id) then finds the message to reply under, and a new
        // storm's digest gets a message of its own. A digest has no version; edits are idempotent, so a redelivered
        // digest just edits the message again.
        String key = command.groupKey();
        SlackRef ref = refs.get(at.partition(), key)
                .orElseGet(() -> SlackRef.fresh(key, digest.digestId(), command.groupKey()));
        ref = settlePendingMessage(at.partition(), ref, IncidentMessageRenderer.DIGEST_EVENT_TYPE, "digest_id");
        if (!digest.digestId().equals(ref.incidentId())) {
            LOG.info(
                    "A new storm digest {} for {} (the last was {})",
                    digest.digestId(),
                    LogText.safe(key),
                    LogText.safe(ref.incidentId()));
            ref = SlackRef.fresh(key, digest.digestId(), command.groupKey());
        }
        Function<Detail, RenderedMessage> render = MessageComposer.because(command, messages.digest(digest));
        if (ref.hasMessage()) {
            SlackRef known = ref;
            return update(
                    at,
                    ref,
                    render,
                    UnaryOperator.identity(),
                    () -> post(at, known.withoutMessage(now()), command.channel(), render, UnaryOperator.identity()));
        }
        return post(at, ref, command.channel(), render, UnaryOperator.identity());
    }

    /** Posts a new main message with the intent protocol, taking the {@link FallbackLadder}'s rungs. */
    private CommandOutcome post(
            Position at,
            SlackRef start,
            String channel,
            Function<Detail, RenderedMessage> render,
            UnaryOperator<SlackRef> onRendered) {
        String target = channels.idOf(channel);
        SlackRef ref = intend(at, start, SlackRef.Kind.MESSAGE, target);
        Attempt attempt = Attempt.first();
        String note = null;
        while (true) {
            RenderedMessage message = render.apply(attempt.detail());
            String text = note == null ? message.text() : message.text() + "\n_" + note + "_";
            String postTo = target;
            SlackCalls.Outcome<ChatPostMessageResponse> outcome = slack.call(
                    SlackErrorClassifier.POST, m -> m.chatPostMessage(postRequest(postTo, text, message, null)));
            if (outcome.ok()) {
                probe().reached(Point.SLACK_ANSWERED);
                metrics().posted();
                ChatPostMessageResponse response = outcome.response();
                ref = onRendered
                        .apply(ref.withMessage(response.getChannel(), response.getTs(), now()))
                        .withApplied(at.partition(), at.offset(), now());
                refs.put(at.partition(), ref);
                LOG.debug(
                        "Posted {} to {} as {} (command {})",
                        LogText.safe(ref.key()),
                        response.getChannel(),
                        response.getTs(),
                        at.commandId());
                probe().reached(Point.EFFECT_RECORDED);
                return CommandOutcome.DONE;
            }
            Decision failure = outcome.failure();
            // Resolved only when the ladder may need it: a name costs a conversations.list the first time.
            String fallback =
                    failure.action() == Action.USE_DEFAULT_CHANNEL ? channels.idOf(config.defaultChannel()) : null;
            Step step = FallbackLadder.next(Write.POST, failure, attempt, target.equals(fallback));
            attempt = attempt.after(step);
            switch (step.rung()) {
                case RENDER_SMALLER -> logRung(failure, ref, step);
                case JOIN_CHANNEL -> {
                    if (!channels.join(target)) {
                        return deadLetterPost(at, ref, failure);
                    }
                }
                case DEFAULT_CHANNEL -> {
                    logRung(failure, ref, step);
                    note = "Posted here because " + MrkdwnEscaper.escape(channel) + " answered " + failure.error();
                    target = fallback;
                    ref = intend(at, ref, SlackRef.Kind.MESSAGE, target);
                }
                default -> {
                    return deadLetterPost(at, ref, failure);
                }
            }
        }
    }

    private CommandOutcome deadLetterPost(Position at, SlackRef ref, Decision failure) {
        refs.put(at.partition(), ref.withPending(null, now()).withApplied(at.partition(), at.offset(), now()));
        return CommandOutcome.deadLetter(failure);
    }

    /** Edits the main message in place, taking the {@link FallbackLadder}'s rungs (a new message when it is gone). */
    private CommandOutcome update(
            Position at,
            SlackRef ref,
            Function<Detail, RenderedMessage> render,
            UnaryOperator<SlackRef> onRendered,
            Supplier<CommandOutcome> repost) {
        Attempt attempt = Attempt.first();
        while (true) {
            RenderedMessage message = render.apply(attempt.detail());
            SlackCalls.Outcome<ChatUpdateResponse> outcome = slack.call(
                    SlackErrorClassifier.UPDATE,
                    m -> m.chatUpdate(r -> r.channel(ref.channelId())
                            .ts(ref.ts())
                            .text(message.text())
                            .blocks(message.blocks().isEmpty() ? null : message.blocks())
                            .attachments(message.attachments().isEmpty() ? null : message.attachments())
                            .metadata(message.metadata())));
            if (outcome.ok()) {
                probe().reached(Point.SLACK_ANSWERED);
                metrics().updated();
                SlackRef done = onRendered.apply(ref).withApplied(at.partition(), at.offset(), now());
                refs.put(at.partition(), done);
                LOG.debug(
                        "Updated {} at {}/{} (command {})",
                        LogText.safe(ref.key()),
                        ref.channelId(),
                        ref.ts(),
                        at.commandId());
                probe().reached(Point.EFFECT_RECORDED);
                return CommandOutcome.DONE;
            }
            Decision failure = outcome.failure();
            Step step = FallbackLadder.next(Write.UPDATE, failure, attempt, false);
            attempt = attempt.after(step);
            switch (step.rung()) {
                case RENDER_SMALLER -> logRung(failure, ref, step);
                case JOIN_CHANNEL -> {
                    if (!channels.join(ref.channelId())) {
                        return deadLetterUpdate(at, ref, failure);
                    }
                }
                case POST_NEW_MESSAGE -> {
                    logRung(failure, ref, step);
                    refs.put(at.partition(), ref.withoutMessage(now()));
                    return repost.get();
                }
                default -> {
                    return deadLetterUpdate(at, ref, failure);
                }
            }
        }
    }

    private CommandOutcome deadLetterUpdate(Position at, SlackRef ref, Decision failure) {
        refs.put(at.partition(), ref.withApplied(at.partition(), at.offset(), now()));
        return CommandOutcome.deadLetter(failure);
    }

    private static void logRung(Decision failure, SlackRef ref, Step step) {
        LOG.warn("{} for {}; {}", LogText.safe(failure.reason()), LogText.safe(ref.key()), step.reason());
    }

    private CommandOutcome reply(Position at, NotificationCommand command) {
        String key = command.incidentId() != null ? command.incidentId() : command.groupKey();
        SlackRef ref = refs.get(at.partition(), key)
                .orElseGet(() -> SlackRef.fresh(key, command.incidentId(), command.groupKey()));
        if (ref.alreadyApplied(at.partition(), at.offset())) {
            return CommandOutcome.DUPLICATE;
        }
        ref = settlePendingMessage(at.partition(), ref, IncidentMessageRenderer.INCIDENT_EVENT_TYPE, "incident_id");
        if (!ref.hasMessage() && command.incidentId() != null) {
            ref = lookUp(
                    ref,
                    command.channel(),
                    IncidentMessageRenderer.INCIDENT_EVENT_TYPE,
                    "incident_id",
                    command.createdAt().minus(PARENT_LOOKBACK));
        }
        if (!ref.hasMessage()) {
            return CommandOutcome.deadLetter(new Decision(
                    Action.DEAD_LETTER, null, "no_parent_message", "no Slack message of " + key + " to reply under"));
        }
        if (ref.pending() != null
                && ref.pending().kind() == SlackRef.Kind.REPLY
                && recordedAhead(at, ref).isEmpty()) {
            String pendingCommand = ref.pending().commandId();
            boolean exists = reconciler.hasReply(ref.channelId(), ref.ts(), pendingCommand);
            LOG.info(
                    "Settled the reply intent {} of {}: {}",
                    LogText.safe(pendingCommand),
                    LogText.safe(key),
                    exists ? "posted" : "not posted");
            ref = ref.withPending(null, now());
            if (exists && pendingCommand.equals(command.commandId())) {
                refs.put(at.partition(), ref.withApplied(at.partition(), at.offset(), now()));
                return CommandOutcome.DUPLICATE;
            }
        }
        boolean resolved = ref.state() == IncidentState.RESOLVED;
        RenderedMessage message = messages.reply(command, resolved);
        return postReply(at, intend(at, ref, SlackRef.Kind.REPLY, ref.channelId()), message);
    }

    /** Posts a reply in the thread, taking the {@link FallbackLadder}'s rungs (joining the channel only). */
    private CommandOutcome postReply(Position at, SlackRef ref, RenderedMessage message) {
        Attempt attempt = Attempt.first();
        while (true) {
            SlackCalls.Outcome<ChatPostMessageResponse> outcome = slack.call(
                    SlackErrorClassifier.POST,
                    m -> m.chatPostMessage(postRequest(ref.channelId(), message.text(), message, ref.ts())));
            if (outcome.ok()) {
                probe().reached(Point.SLACK_ANSWERED);
                metrics().replied();
                refs.put(at.partition(), ref.withPending(null, now()).withApplied(at.partition(), at.offset(), now()));
                probe().reached(Point.EFFECT_RECORDED);
                return CommandOutcome.DONE;
            }
            Step step = FallbackLadder.next(Write.REPLY, outcome.failure(), attempt, false);
            attempt = attempt.after(step);
            if (step.rung() != FallbackLadder.Rung.JOIN_CHANNEL || !channels.join(ref.channelId())) {
                refs.put(at.partition(), ref.withPending(null, now()).withApplied(at.partition(), at.offset(), now()));
                return CommandOutcome.deadLetter(outcome.failure());
            }
        }
    }

    /** After an incident channel was created: show its link in the main message, when the snapshot is current. */
    private void showIncidentChannel(int partition, Incident incident) {
        Optional<SlackRef> known = refs.get(partition, incident.incidentId());
        if (known.isEmpty()
                || !known.get().hasMessage()
                || known.get().incidentChannelId() == null
                || incident.version() < known.get().renderedVersion()) {
            return;
        }
        SlackRef ref = known.get();
        CommandOutcome outcome = update(
                new Position(partition, ref.sourceOffset(), "channel-link"),
                ref,
                MessageComposer.because(
                        lastReasons.get(incident.incidentId()),
                        messages.incident(incident, List.of(), ref.incidentChannelId(), IncidentGraphs.view(ref))),
                r -> rendered(r, incident),
                () -> CommandOutcome.DONE);
        if (outcome.result() == CommandOutcome.Result.DEAD_LETTER) {
            LOG.warn(
                    "Could not add the incident channel to {}: {}",
                    LogText.safe(ref.key()),
                    LogText.safe(outcome.failure().reason()));
        }
    }

    /** Settles an intent to post a main message left by a crash: adopts the message if Slack has it. */
    private SlackRef settlePendingMessage(int partition, SlackRef ref, String eventType, String idField) {
        if (ref.pending() == null || ref.pending().kind() != SlackRef.Kind.MESSAGE) {
            return ref;
        }
        SlackRef.Pending intent = ref.pending();
        String id = ref.incidentId();
        Optional<String> ts = reconciler.findMessage(
                intent.channel(), eventType, idField, id, intent.startedAt().minus(RECONCILE_MARGIN));
        SlackRef settled = ts.map(t -> ref.withMessage(channels.idOf(intent.channel()), t, now())
                        .withRendered(-1, ref.state(), ref.resolvedAt(), now()))
                .orElseGet(() -> ref.withPending(null, now()));
        LOG.info(
                "Settled the post intent of {} (command {}): {}",
                LogText.safe(ref.key()),
                intent.commandId(),
                LogText.safe(
                        ts.map(t -> "found " + t + " in " + intent.channel()).orElse("not posted")));
        refs.put(partition, settled);
        return settled;
    }

    /** Looks for a main message the store does not know, in the channel's history. */
    private SlackRef lookUp(SlackRef ref, String channel, String eventType, String idField, Instant since) {
        String id = ref.incidentId();
        return reconciler
                .findMessage(channel, eventType, idField, id, since)
                .map(ts -> ref.withMessage(channels.idOf(channel), ts, now())
                        .withRendered(-1, ref.state(), ref.resolvedAt(), now()))
                .orElse(ref);
    }

    private SlackRef intend(Position at, SlackRef ref, SlackRef.Kind kind, String channel) {
        SlackRef.Pending ahead = intentsAhead.remove(at.commandId());
        if (ahead != null && kind == ahead.kind() && channel.equals(ahead.channel())) {
            Optional<SlackRef> stored = refs.get(at.partition(), ref.key());
            if (stored.isPresent() && ahead.equals(stored.get().pending())) {
                // Recorded durably by intendAhead, and still the ref's intent: nothing changed it since.
                return ref.withPending(ahead, now());
            }
        }
        SlackRef intended = ref.withPending(new SlackRef.Pending(kind, at.commandId(), channel, null, now()), now());
        refs.putDurably(at.partition(), intended);
        probe().reached(Point.INTENT_RECORDED);
        return intended;
    }

    /** Whether the incident had resolved before and reopened: its message may exist though no ref says so. */
    static boolean wasShownBefore(Incident incident) {
        return incident.timeline().stream().anyMatch(entry -> entry.kind() == TimelineEntry.Kind.REOPENED);
    }

    private SlackRef rendered(SlackRef ref, Incident incident) {
        // When this sink saw the incident resolved, by its own clock: refRetention counts from then. The incident's
        // resolvedAt is the source's time, which for a backlog delivered late (or replayed history) can lie far in
        // the past, and the ref would be forgotten at once, while the incident can still reopen.
        Instant resolved = incident.state() == IncidentState.RESOLVED
                ? (ref.resolvedAt() != null ? ref.resolvedAt() : now())
                : null;
        SlackRef shown = ref.withRendered(incident.version(), incident.state(), resolved, now());
        return incidentChannels.scheduleArchive(shown, incident);
    }

    private static ChatPostMessageRequest postRequest(
            String channel, String text, RenderedMessage message, String threadTs) {
        return ChatPostMessageRequest.builder()
                .channel(channel)
                .threadTs(threadTs)
                .text(text)
                .blocks(message.blocks().isEmpty() ? null : message.blocks())
                .attachments(message.attachments().isEmpty() ? null : message.attachments())
                .metadata(message.metadata())
                .unfurlLinks(false)
                .unfurlMedia(false)
                .build();
    }

    /** Remembers the command's reason for its incident's later edits by the sink itself; returns the command. */
    private NotificationCommand remembered(NotificationCommand command) {
        if (command.incidentId() != null && command.reason() != null) {
            lastReasons.put(command.incidentId(), command.reason());
        }
        return command;
    }

    private Instant now() {
        return context.clock().instant();
    }

    private SinkMetrics metrics() {
        return context.metrics();
    }

    private SinkProbe probe() {
        return context.probe();
    }
}
