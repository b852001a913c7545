package io.alertbridge.connectors.slack.channels;

import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Action;
import io.alertbridge.connectors.slack.SlackErrorClassifier.Decision;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.sink.ChannelDirectory;
import io.alertbridge.connectors.slack.sink.CommandExecutor.Position;
import io.alertbridge.connectors.slack.sink.CommandOutcome;
import io.alertbridge.connectors.slack.sink.IncidentChannels;
import io.alertbridge.connectors.slack.sink.SinkContext;
import io.alertbridge.connectors.slack.sink.SinkMetrics;
import io.alertbridge.connectors.slack.sink.SinkProbe;
import io.alertbridge.connectors.slack.sink.SinkProbe.Point;
import io.alertbridge.connectors.slack.sink.SlackCalls;
import io.alertbridge.connectors.slack.sink.SlackRef;
import io.alertbridge.connectors.slack.sink.SlackRefStore;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Incident channels: a private Slack channel per incident when the route asks for one.
 *
 * <ul>
 *   <li>{@code CHANNEL_CREATE}: {@code conversations.create} (private) with a name derived from the incident
 *       ({@code inc-7f3a}, or the command's name), under the same intent protocol as messages: a crash after Slack
 *       created it is settled by finding the channel by name ({@code name_taken} adopts the channel only when the
 *       bot is its member, i.e. created it). Then the responders are invited.
 *   <li>{@code CHANNEL_INVITE}: each e-mail looked up ({@code users.lookupByEmail}) and invited
 *       ({@code conversations.invite}), except those on the configured opt-out list (by e-mail or user id).
 *   <li>{@code CHANNEL_KICK}: {@code conversations.kick} per user. A kick because the route's responders changed
 *       (no requester, an incident snapshot) removes only those in the channel and spares the incident's last actor
 *       ({@link ResponderRemovals}), saying so in the incident's thread.
 *   <li>Invitations and removals a person asked for ({@code /alerts invite|remove}: the command's {@code mention} is
 *       who asked) answer that person in the incident's thread, in plain words ({@link MembershipAnswers}), when
 *       Slack refuses.
 *   <li>{@code users} are e-mail addresses (looked up) or Slack user ids (used as they are).
 *   <li>{@code CHANNEL_ARCHIVE}: {@code conversations.archive} now. Besides, the channel is archived by itself a
 *       configured time after the incident is seen resolved (the route's {@code incidentChannel.archiveAfter}, else
 *       the sink's {@code archiveAfter}); a re-opened incident cancels that. The due time lives in the incident's
 *       {@link SlackRef}, so it survives restarts.
 * </ul>
 *
 * <p>Used by the sink's loop thread only.
 */
public final class IncidentChannelManager implements IncidentChannels {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentChannelManager.class);
    static final int MAX_NAME = 80;
    static final String MEMBERS = "conversations.members";
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");

    private final SlackSinkConfig config;
    private final SlackCalls slack;
    private final SlackRefStore refs;
    private final ChannelDirectory channels;
    private final Function<String, Optional<RouteRule>> routes;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final SinkProbe probe;

    public IncidentChannelManager(
            SlackSinkConfig config,
            SlackCalls slack,
            SlackRefStore refs,
            ChannelDirectory channels,
            Function<String, Optional<RouteRule>> routes,
            SinkContext context) {
        this.config = config;
        this.slack = slack;
        this.refs = refs;
        this.channels = channels;
        this.routes = routes;
        this.metrics = context.metrics();
        this.clock = context.clock();
        this.probe = context.probe();
    }

    /** A Slack channel name for an incident: {@code prefix} + the id without {@code INC-}, sanitised. */
    static String channelName(String prefix, String incidentId) {
        return sanitise((prefix == null ? "inc-" : prefix) + incidentId.replaceFirst("^(?i)inc-", ""));
    }

    /** Lowercase letters, digits, {@code -} and {@code _} only, at most 80 characters: Slack's rule. */
    static String sanitise(String raw) {
        String name = raw.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^-|-$", "");
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    @Override
    public CommandOutcome handle(Position at, NotificationCommand command) {
        String key = command.incidentId() != null
                ? command.incidentId()
                : command.incident() != null ? command.incident().incidentId() : command.groupKey();
        SlackRef ref = refs.get(at.partition(), key)
                .orElseGet(() -> SlackRef.fresh(key, command.incidentId(), command.groupKey()));
        if (ref.alreadyApplied(at.partition(), at.offset())) {
            return CommandOutcome.DUPLICATE;
        }
        return switch (command.type()) {
            case CHANNEL_CREATE -> create(at, ref, command);
            case CHANNEL_INVITE -> invite(at, ref, command);
            case CHANNEL_KICK -> kick(at, ref, command);
            case CHANNEL_ARCHIVE -> archiveNow(at, ref);
            default -> throw new IllegalArgumentException("not a channel command: " + command.type());
        };
    }

    private CommandOutcome create(Position at, SlackRef start, NotificationCommand command) {
        SlackRef ref = start;
        if (ref.incidentChannelId() == null
                && ref.pending() != null
                && ref.pending().kind() == SlackRef.Kind.CHANNEL) {
            String pendingName = ref.pending().name();
            Optional<ChannelDirectory.Channel> created =
                    channels.findFresh(pendingName).filter(ChannelDirectory.Channel::member);
            LOG.info(
                    "Settled the channel intent {} of {}: {}",
                    LogText.safe(pendingName),
                    LogText.safe(ref.key()),
                    created.map(c -> "found " + c.id()).orElse("not created"));
            ref = created.map(c -> start.withIncidentChannel(c.id(), pendingName, now()))
                    .orElseGet(() -> start.withPending(null, now()));
        }
        if (ref.incidentChannelId() == null) {
            String name =
                    command.channelName() != null && !command.channelName().isBlank()
                            ? sanitise(command.channelName())
                            : channelName(namePrefix(command.incident()), ref.key());
            ref = ref.withPending(
                    new SlackRef.Pending(SlackRef.Kind.CHANNEL, at.commandId(), null, name, now()), now());
            refs.putDurably(at.partition(), ref);
            probe.reached(Point.INTENT_RECORDED);
            Optional<String> id = createChannel(name);
            if (id.isEmpty()) {
                refs.put(at.partition(), ref.withPending(null, now()).withApplied(at.partition(), at.offset(), now()));
                return CommandOutcome.deadLetter(new Decision(
                        Action.DEAD_LETTER,
                        null,
                        "channel_not_created",
                        "could not create incident channel " + name + " for " + ref.key()));
            }
            probe.reached(Point.SLACK_ANSWERED);
            ref = ref.withIncidentChannel(id.get(), name, now());
            refs.put(at.partition(), ref);
            LOG.info("Created incident channel {} ({}) for {}", LogText.safe(name), id.get(), LogText.safe(ref.key()));
        }
        inviteAll(ref.incidentChannelId(), command.users());
        if (command.incident() != null) {
            ref = scheduleArchive(ref, command.incident());
        }
        refs.put(at.partition(), ref.withApplied(at.partition(), at.offset(), now()));
        probe.reached(Point.EFFECT_RECORDED);
        return CommandOutcome.DONE;
    }

    private Optional<String> createChannel(String name) {
        SlackCalls.Outcome<ConversationsCreateResponse> outcome = slack.call(
                SlackErrorClassifier.CREATE,
                m -> m.conversationsCreate(r -> r.name(name).isPrivate(true)));
        if (outcome.ok()) {
            metrics.channelCreated();
            String id = outcome.response().getChannel().getId();
            channels.remember(name, id);
            return Optional.of(id);
        }
        if (outcome.action() == Action.ADOPT_EXISTING_CHANNEL) {
            Optional<ChannelDirectory.Channel> existing =
                    channels.findFresh(name).filter(ChannelDirectory.Channel::member);
            if (existing.isPresent()) {
                LOG.info(
                        "Incident channel {} exists and the bot is in it: using {}",
                        LogText.safe(name),
                        existing.get().id());
                return Optional.of(existing.get().id());
            }
        }
        LOG.warn(
                "Could not create incident channel {}: {}",
                LogText.safe(name),
                LogText.safe(outcome.failure().reason()));
        return Optional.empty();
    }

    private CommandOutcome invite(Position at, SlackRef ref, NotificationCommand command) {
        if (ref.incidentChannelId() == null) {
            return requested(command) ? answered(at, ref, command, true, "no_incident_channel") : noChannel(ref);
        }
        if (requested(command)) {
            for (String user : command.users()) {
                SlackCalls.Outcome<?> outcome = slack.call(
                        SlackErrorClassifier.INVITE,
                        m -> m.conversationsInvite(
                                r -> r.channel(ref.incidentChannelId()).users(List.of(user))));
                if (outcome.ok()) {
                    metrics.invited();
                } else {
                    answer(ref, command, true, user, outcome.failure().error());
                }
            }
            refs.put(at.partition(), ref.withApplied(at.partition(), at.offset(), now()));
            probe.reached(Point.EFFECT_RECORDED);
            return CommandOutcome.DONE;
        }
        inviteAll(ref.incidentChannelId(), command.users());
        refs.put(at.partition(), ref.withApplied(at.partition(), at.offset(), now()));
        probe.reached(Point.EFFECT_RECORDED);
        return CommandOutcome.DONE;
    }

    /** Invites every e-mail that resolves to a user and did not opt out. Invites are idempotent. */
    private void inviteAll(String channelId, List<String> emails) {
        for (String email : emails) {
            if (config.optedOut(email)) {
                LOG.info("Not inviting a responder to {}: opted out", LogText.safe(channelId));
                continue;
            }
            Optional<String> user = lookUp(email);
            if (user.isEmpty()) {
                continue;
            }
            if (config.optedOut(user.get())) {
                LOG.info("Not inviting {} to {}: opted out", LogText.safe(user.get()), LogText.safe(channelId));
                continue;
            }
            SlackCalls.Outcome<?> outcome = slack.call(
                    SlackErrorClassifier.INVITE,
                    m -> m.conversationsInvite(r -> r.channel(channelId).users(List.of(user.get()))));
            if (outcome.ok()) {
                metrics.invited();
            } else if (outcome.action() != Action.ALREADY_DONE) {
                LOG.warn(
                        "Could not invite {} to {}: {}",
                        LogText.safe(user.get()),
                        LogText.safe(channelId),
                        LogText.safe(outcome.failure().reason()));
            }
        }
    }

    private CommandOutcome kick(Position at, SlackRef ref, NotificationCommand command) {
        if (ref.incidentChannelId() == null) {
            return requested(command) ? answered(at, ref, command, false, "no_incident_channel") : noChannel(ref);
        }
        if (requested(command)) {
            for (String user : command.users()) {
                SlackCalls.Outcome<?> outcome = slack.call(
                        SlackErrorClassifier.KICK,
                        m -> m.conversationsKick(
                                r -> r.channel(ref.incidentChannelId()).user(user)));
                if (!outcome.ok()) {
                    answer(ref, command, false, user, outcome.failure().error());
                }
            }
        } else if (command.incident() != null) {
            removeFormerResponders(ref, command);
        } else {
            kickAll(ref, command.users());
        }
        refs.put(at.partition(), ref.withApplied(at.partition(), at.offset(), now()));
        probe.reached(Point.EFFECT_RECORDED);
        return CommandOutcome.DONE;
    }

    /** Removes those taken out of the route's responders who are in the channel, sparing the last actor. */
    private void removeFormerResponders(SlackRef ref, NotificationCommand command) {
        List<String> former = new ArrayList<>();
        for (String who : command.users()) {
            lookUp(who).ifPresent(former::add);
        }
        Optional<Set<String>> members = members(ref.incidentChannelId());
        if (members.isEmpty()) {
            return;
        }
        ResponderRemovals.Decision decision =
                ResponderRemovals.decide(former, members.get(), lastActor(command.incident()));
        LOG.info(
                "Responders of {} changed: {}",
                LogText.safe(ref.key()),
                LogText.safe(String.join("; ", decision.reasons())));
        for (String user : decision.removals()) {
            SlackCalls.Outcome<?> outcome = slack.call(
                    SlackErrorClassifier.KICK,
                    m -> m.conversationsKick(
                            r -> r.channel(ref.incidentChannelId()).user(user)));
            if (outcome.ok()) {
                tellThread(
                        ref,
                        "Removed <@" + user + "> from the incident channel: no longer a responder of this " + "route.");
            } else if (outcome.action() != Action.ALREADY_DONE) {
                LOG.warn(
                        "Could not remove {} from {}: {}",
                        LogText.safe(user),
                        LogText.safe(ref.incidentChannelId()),
                        LogText.safe(outcome.failure().reason()));
            }
        }
        decision.notes().forEach(note -> tellThread(ref, note));
    }

    /** The channel's members ({@code conversations.members}, every page), or empty when Slack would not say. */
    private Optional<Set<String>> members(String channelId) {
        Set<String> members = new LinkedHashSet<>();
        String cursor = null;
        do {
            String from = cursor;
            SlackCalls.Outcome<ConversationsMembersResponse> outcome = slack.call(
                    MEMBERS,
                    m -> m.conversationsMembers(
                            r -> r.channel(channelId).limit(200).cursor(from)));
            if (!outcome.ok()) {
                LOG.warn(
                        "Could not read the members of {}: {}",
                        LogText.safe(channelId),
                        LogText.safe(outcome.failure().reason()));
                return Optional.empty();
            }
            members.addAll(outcome.response().getMembers());
            cursor = outcome.response().getResponseMetadata() == null
                    ? null
                    : outcome.response().getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isBlank());
        return Optional.of(members);
    }

    /** Who acted last on the incident: the actor of its latest timeline entry made by a Slack user. */
    static String lastActor(Incident incident) {
        String last = null;
        for (TimelineEntry entry : incident.timeline()) {
            if (entry.actor() != null && SLACK_USER.matcher(entry.actor()).matches()) {
                last = entry.actor();
            }
        }
        return last;
    }

    private static boolean requested(NotificationCommand command) {
        return command.mention() != null && !command.mention().isBlank();
    }

    private CommandOutcome answered(
            Position at, SlackRef ref, NotificationCommand command, boolean invite, String error) {
        for (String user : command.users()) {
            answer(ref, command, invite, user, error);
        }
        refs.put(at.partition(), ref.withApplied(at.partition(), at.offset(), now()));
        return CommandOutcome.DONE;
    }

    /** Tells who asked, in the incident's thread, why Slack refused. */
    private void answer(SlackRef ref, NotificationCommand command, boolean invite, String user, String error) {
        String who = SLACK_USER.matcher(user).matches() ? "<@" + user + ">" : "that person";
        LOG.info(
                "{} of {} in {} refused: {}",
                invite ? "Invitation" : "Removal",
                LogText.safe(user),
                LogText.safe(ref.key()),
                LogText.safe(error));
        tellThread(
                ref,
                "<@" + command.mention() + "> "
                        + MembershipAnswers.refusal(
                                invite, who, ref.incidentId() == null ? ref.key() : ref.incidentId(), error));
    }

    private void tellThread(SlackRef ref, String text) {
        if (ref.channelId() == null || ref.ts() == null) {
            LOG.info("No message of {} to reply to: {}", LogText.safe(ref.key()), LogText.safe(text));
            return;
        }
        SlackCalls.Outcome<?> outcome = slack.call(
                SlackErrorClassifier.POST,
                m -> m.chatPostMessage(
                        r -> r.channel(ref.channelId()).threadTs(ref.ts()).text(text)));
        if (!outcome.ok()) {
            LOG.warn(
                    "Could not reply in the thread of {}: {}",
                    LogText.safe(ref.key()),
                    LogText.safe(outcome.failure().reason()));
        }
    }

    private void kickAll(SlackRef ref, List<String> users) {
        for (String email : users) {
            Optional<String> user = lookUp(email);
            if (user.isEmpty()) {
                continue;
            }
            SlackCalls.Outcome<?> outcome = slack.call(
                    SlackErrorClassifier.KICK,
                    m -> m.conversationsKick(
                            r -> r.channel(ref.incidentChannelId()).user(user.get())));
            if (!outcome.ok() && outcome.action() != Action.ALREADY_DONE) {
                LOG.warn(
                        "Could not remove {} from {}: {}",
                        LogText.safe(user.get()),
                        LogText.safe(ref.incidentChannelId()),
                        LogText.safe(outcome.failure().reason()));
            }
        }
    }

    private Optional<String> lookUp(String email) {
        if (SLACK_USER.matcher(email).matches()) {
            return Optional.of(email);
        }
        SlackCalls.Outcome<UsersLookupByEmailResponse> outcome =
                slack.call(SlackErrorClassifier.LOOKUP_BY_EMAIL, m -> m.usersLookupByEmail(r -> r.email(email)));
        if (!outcome.ok()) {
            // The address is a person's: log that a lookup failed, not which address.
            LOG.warn(
                    "A responder's e-mail did not resolve to a Slack user: {}",
                    LogText.safe(outcome.failure().error()));
            return Optional.empty();
        }
        return Optional.of(outcome.response().getUser().getId());
    }

    private CommandOutcome archiveNow(Position at, SlackRef ref) {
        if (ref.incidentChannelId() == null) {
            return noChannel(ref);
        }
        SlackRef done = archive(ref);
        refs.put(at.partition(), done.withApplied(at.partition(), at.offset(), now()));
        probe.reached(Point.EFFECT_RECORDED);
        return done.channelArchived()
                ? CommandOutcome.DONE
                : CommandOutcome.deadLetter(new Decision(
                        Action.DEAD_LETTER, null, "not_archived", "could not archive " + ref.incidentChannelId()));
    }

    /** Archives the ref's channel (idempotent); the ref marked archived when Slack agrees. */
    private SlackRef archive(SlackRef ref) {
        if (ref.channelArchived()) {
            return ref;
        }
        SlackCalls.Outcome<?> outcome = slack.call(
                SlackErrorClassifier.ARCHIVE, m -> m.conversationsArchive(r -> r.channel(ref.incidentChannelId())));
        if (outcome.ok() || outcome.action() == Action.ALREADY_DONE) {
            if (outcome.ok()) {
                metrics.channelArchived();
            }
            LOG.info(
                    "Archived incident channel {} of {}",
                    LogText.safe(ref.incidentChannelId()),
                    LogText.safe(ref.key()));
            return ref.withArchive(null, true, now());
        }
        LOG.warn(
                "Could not archive {} of {}: {}",
                LogText.safe(ref.incidentChannelId()),
                LogText.safe(ref.key()),
                LogText.safe(outcome.failure().reason()));
        return ref.withArchive(null, false, now());
    }

    /**
     * The ref with its channel's archive time set (incident resolved) or cleared (incident open again). Does not
     * write the ref.
     */
    @Override
    public SlackRef scheduleArchive(SlackRef ref, Incident incident) {
        if (ref.incidentChannelId() == null || ref.channelArchived()) {
            return ref;
        }
        if (incident.state() == IncidentState.RESOLVED && ref.archiveDueAt() == null) {
            Instant resolved = incident.resolvedAt() != null ? incident.resolvedAt() : now();
            return ref.withArchive(resolved.plus(archiveAfter(incident)), false, now());
        }
        if (incident.state() != IncidentState.RESOLVED && ref.archiveDueAt() != null) {
            return ref.withArchive(null, false, now());
        }
        return ref;
    }

    /** Archives every channel whose time has come, and forgets refs of incidents resolved long ago. */
    @Override
    public void sweep() {
        Instant now = now();
        for (int partition : refs.partitions()) {
            for (SlackRef ref : refs.all(partition)) {
                if (ref.archiveDueAt() != null && !ref.channelArchived() && !now.isBefore(ref.archiveDueAt())) {
                    refs.put(partition, archive(ref));
                } else if (forgettable(ref, now)) {
                    LOG.debug(
                            "Forgetting the Slack ref of {} (resolved at {})",
                            LogText.safe(ref.key()),
                            ref.resolvedAt());
                    refs.delete(partition, ref.key());
                }
            }
        }
    }

    private boolean forgettable(SlackRef ref, Instant now) {
        return ref.resolvedAt() != null
                && ref.pending() == null
                && (ref.incidentChannelId() == null || ref.channelArchived())
                && ref.resolvedAt().plus(config.refRetention()).isBefore(now);
    }

    private Duration archiveAfter(Incident incident) {
        return Optional.ofNullable(incident.routeId())
                .flatMap(routes)
                .map(RouteRule::incidentChannel)
                .map(RouteRule.IncidentChannelOption::archiveAfter)
                .orElse(config.archiveAfter());
    }

    private String namePrefix(Incident incident) {
        return Optional.ofNullable(incident == null ? null : incident.routeId())
                .flatMap(routes)
                .map(RouteRule::incidentChannel)
                .map(RouteRule.IncidentChannelOption::namePrefix)
                .orElse("inc-");
    }

    private static CommandOutcome noChannel(SlackRef ref) {
        return CommandOutcome.deadLetter(
                new Decision(Action.DEAD_LETTER, null, "no_incident_channel", ref.key() + " has no incident channel"));
    }

    private Instant now() {
        return clock.instant();
    }
}
