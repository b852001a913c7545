package io.alertbridge.processor.incident;

import io.alertbridge.processor.config.ThrottleSlice;
import io.alertbridge.processor.incident.IncidentChange.Cause;
import io.alertbridge.processor.incident.OutboundIncident.Mode;
import io.alertbridge.schemas.model.Holds;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.DigestEntry;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what reaches Slack and when, so that Slack never has to rate-limit us and nothing is dropped.
 *
 * <ul>
 *   <li><b>Group wait.</b> A new incident is posted once its route's {@code groupWait} has passed, so alerts that
 *       arrive together arrive in one message. A person acting on it first cuts the wait short.
 *   <li><b>Transient-alert hold.</b> An incident the lifecycle marked held ({@link TransientHolds}) waits until its
 *       hold ends instead; if it resolved by then it is never posted (it stays silent, and is judged again if it
 *       fires again), else it is posted and its thread's first reply says why it was held.
 *   <li><b>Coalesced updates.</b> Changes to a posted incident become at most one edit per route
 *       {@code updateInterval}, showing the latest state; a person's change goes at once (they are looking at the
 *       message). Timeline entries become thread replies: a person's at once, machine ones (alerts firing, resolving,
 *       reopening) batched into one reply per {@code replyInterval}, and none while the incident is snoozed. Silenced
 *       events are recorded, never notified.
 *   <li><b>Pace.</b> Per channel, posts (messages, replies, escalations, first digest posts) keep {@code postSpacing}
 *       apart; edits stay within {@code updatesPerMinute}; incident-channel operations within
 *       {@code channelOpsPerMinute}. What cannot go now waits for its slot; the latest state still wins.
 *   <li><b>Storms.</b> When more than the route's storm limit of new incidents arrive in a channel within a minute, the
 *       ones beyond it get no message of their own: they are counted in the channel's digest (one message, edited at
 *       most once per {@code digestInterval}, the latest state winning), which keeps counting their later alerts and
 *       how many of them resolved. Incidents still in their group wait when the storm begins join the digest too
 *       instead of being posted one by one, unless a person acted on one already. While the storm lasts, the messages of incidents posted before it are
 *       edited only for a person's action or a change of state, and their alert activity (edits and replies) waits
 *       until it is over, then goes as one edit and one reply. The storm ends once it lasted a minute and the last
 *       minute saw no more than half the limit; the digest then says so (how many resolved, how many are still
 *       open), and new incidents get their own messages again. Incidents in a digest stay in it until they close and
 *       escalate once per digest and level.
 *   <li><b>Nothing dropped.</b> Every incident that is not silenced is either posted (and its last state edited in)
 *       or counted in a digest; state is only forgotten once the lifecycle closed the incident and everything about it
 *       is out.
 * </ul>
 *
 * <p>Every method is a pure function of its arguments: wall-clock {@code now} is given. Thread-safe (immutable).
 */
public final class ThrottlePolicy {

    private final ThrottleSlice settings;

    public ThrottlePolicy(ThrottleSlice settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * An incident changed.
     *
     * @param state the throttle's state of the incident, or null when it is new to the throttle
     * @param channel the incident channel's state, or null when the channel is new to the throttle
     * @param change the change
     * @param route the incident's route
     * @param now the wall-clock instant
     */
    public Step onChange(
            OutboundIncident state, ChannelState channel, IncidentChange change, RouteRule route, Instant now) {
        Incident incident = change.incident();
        OutboundIncident.Builder o = (state == null ? OutboundIncident.first(incident) : state).toBuilder();
        Work w = new Work(o, channelOf(channel, incident.channel()), route, now);
        if (incident.version() >= o.latest.version()) {
            o.latest = incident;
        }
        for (TimelineEntry entry : change.added()) {
            if (entry.kind() == TimelineEntry.Kind.MEMBER_INVITED
                    || entry.kind() == TimelineEntry.Kind.MEMBER_REMOVED) {
                o.membership.add(entry);
            }
        }
        if (o.mode == Mode.SILENT && becomesAudible(change)) {
            arrive(w);
        }
        switch (o.mode) {
            case SILENT -> w.reason(o.incidentId + " is silenced: recorded, not notified");
            case WAITING -> absorbWhileWaiting(w, change);
            case MESSAGE -> absorbIntoMessage(w, change);
            case DIGEST -> absorbIntoDigest(w, change);
            default -> throw new IllegalStateException("unknown mode " + o.mode);
        }
        if (change.cause() == Cause.CLOSED) {
            o.closed = true;
            if (o.mode == Mode.DIGEST && w.ch.digest != null) {
                w.ch.digest.openIncidents--;
            }
        }
        return finish(w);
    }

    /** The incident's timer is due: send what may go now. */
    public Step onIncidentDue(OutboundIncident state, ChannelState channel, RouteRule route, Instant now) {
        return finish(new Work(state.toBuilder(), channelOf(channel, state.channel()), route, now));
    }

    /**
     * Whether the route's responders differ from who was invited to the incident's open channel: a rules change the
     * incident should follow (see {@link #onIncidentDue}) even when nothing else happens to it.
     */
    public static boolean respondersChanged(OutboundIncident state, RouteRule route) {
        RouteRule.IncidentChannelOption option = route.incidentChannel();
        if (option == null || !state.channelWanted() || !state.channelCreated() || state.archived()) {
            return false;
        }
        return !new HashSet<>(option.responders()).equals(new HashSet<>(state.invited()));
    }

    /** The channel's timer is due: send the digest if it may go, and see whether the storm is over. */
    public Step onChannelDue(ChannelState channel, Instant now) {
        Work w = new Work(null, channel.toBuilder(), null, now);
        flushChannel(w);
        w.ch.dueAt = w.channelDue;
        return new Step(null, w.ch.build(), w.out, w.reasons);
    }

    /**
     * Whether a silenced incident now deserves people's attention: something not silenced joined it while it is
     * still open. A silenced incident that merely resolves stays silent: nobody was told it began.
     */
    private static boolean becomesAudible(IncidentChange change) {
        return change.notifies()
                && change.cause() != Cause.CLOSED
                && change.incident().state() != IncidentState.RESOLVED;
    }

    private void arrive(Work w) {
        int limit = w.route.storm() != null ? w.route.storm().maxNewIncidentsPerMinute() : settings.defaultStormLimit();
        int recent = w.ch.arrived(w.now);
        if (w.ch.stormSince == null && recent > limit) {
            w.ch.stormSince = w.now;
            w.ch.stormLimit = limit;
            if (w.ch.digest != null) {
                // The storm's digest is still out (some of its incidents are open): it goes on counting.
                w.ch.digest.endedAt = null;
            }
            w.reason("storm in " + w.ch.channel + ": more than " + limit + " new incidents within a minute");
        }
        Instant groupWaitEnds = w.now.plus(w.route.groupWait());
        Instant heldUntil = Holds.heldUntil(w.o.latest).orElse(null);
        if (heldUntil != null && heldUntil.isAfter(groupWaitEnds)) {
            // Held like a longer group wait; a storm meanwhile is dealt with when the hold ends.
            w.o.mode = Mode.WAITING;
            w.o.postAt = heldUntil;
            w.reason(w.o.incidentId + " is held until " + heldUntil + ": it usually clears by itself");
        } else if (w.ch.stormSince != null) {
            enterDigest(w);
        } else {
            w.o.mode = Mode.WAITING;
            w.o.postAt = groupWaitEnds;
            w.reason(w.o.incidentId + " waits for its group until " + w.o.postAt);
        }
    }

    /**
     * Whether a waiting incident is a held one that cleared by itself: it resolved while held (the lifecycle recorded
     * it), or it was held and is resolved when its hold ends. Such an incident is never posted.
     */
    private static boolean clearedWhileHeld(OutboundIncident.Builder o) {
        return o.latest.state() == IncidentState.RESOLVED
                && !o.urgent
                && (Holds.clearedWhileHeld(o.latest)
                        || Holds.heldUntil(o.latest).isPresent());
    }

    private static void dropClearedWhileHeld(Work w) {
        w.o.mode = Mode.SILENT;
        w.o.postAt = null;
        w.o.escalationPending = 0;
        w.o.mention = null;
        w.reason(w.o.incidentId + " cleared by itself while held: recorded, never posted");
    }

    private void enterDigest(Work w) {
        if (w.ch.digest == null) {
            w.ch.digest = new DigestState.Builder(digestId(w.ch.channel, w.now), w.now);
        }
        DigestState.Builder d = w.ch.digest;
        Incident incident = w.o.latest;
        d.incidentCount++;
        d.alertCount += incident.alertCount();
        if (!w.o.closed) {
            d.openIncidents++;
        }
        w.o.digestResolved = incident.state() == IncidentState.RESOLVED;
        if (w.o.digestResolved) {
            d.resolvedIncidents++;
        }
        d.entries.add(0, entry(incident));
        while (d.entries.size() > settings.digestEntries()) {
            d.entries.remove(d.entries.size() - 1);
        }
        d.version++;
        w.o.digestAlerts = incident.alertCount();
        w.o.mode = Mode.DIGEST;
        w.reason(w.o.incidentId + " goes into the storm digest " + d.digestId);
    }

    private static void absorbWhileWaiting(Work w, IncidentChange change) {
        if (clearedWhileHeld(w.o) && !change.urgent()) {
            dropClearedWhileHeld(w);
            return;
        }
        if (change.urgent()) {
            w.o.postAt = w.now;
            // A person is looking at it: it gets its own message even if a storm begins meanwhile.
            w.o.urgent = true;
        }
        pendEscalation(w.o, change);
    }

    private void absorbIntoMessage(Work w, IncidentChange change) {
        OutboundIncident.Builder o = w.o;
        if (change.notifies()) {
            o.dirty = true;
        }
        if (change.urgent()) {
            o.urgent = true;
        }
        boolean snoozed = o.latest.isSnoozedAt(w.now);
        for (TimelineEntry entry : change.added()) {
            if (isReplyWorthy(entry, snoozed)) {
                o.unsent.add(entry);
            }
        }
        pendEscalation(o, change);
    }

    private static void absorbIntoDigest(Work w, IncidentChange change) {
        if (w.ch.digest == null) {
            // Defensive: a digest lives while it has open incidents, so this one should still be there.
            w.ch.digest = new DigestState.Builder(digestId(w.ch.channel, w.now), w.now);
            w.ch.digest.openIncidents++;
        }
        DigestState.Builder d = w.ch.digest;
        Incident incident = w.o.latest;
        boolean changed = false;
        int delta = incident.alertCount() - w.o.digestAlerts;
        if (delta != 0) {
            d.alertCount += delta;
            w.o.digestAlerts = incident.alertCount();
            changed = true;
        }
        boolean resolved = incident.state() == IncidentState.RESOLVED;
        if (resolved != w.o.digestResolved) {
            d.resolvedIncidents += resolved ? 1 : -1;
            w.o.digestResolved = resolved;
            changed = true;
        }
        for (int i = 0; i < d.entries.size(); i++) {
            DigestEntry current = d.entries.get(i);
            if (current.incidentId().equals(incident.incidentId()) && !current.equals(entry(incident))) {
                d.entries.set(i, entry(incident));
                changed = true;
            }
        }
        if (changed && change.notifies()) {
            d.version++;
        }
        if (change.escalationLevel() > d.escalationPending) {
            d.escalationPending = change.escalationLevel();
            d.mention = change.mention();
        }
    }

    private static void pendEscalation(OutboundIncident.Builder o, IncidentChange change) {
        if (change.escalationLevel() > o.escalationPending) {
            o.escalationPending = change.escalationLevel();
            o.mention = change.mention();
        }
    }

    /**
     * Whether a timeline entry earns a thread reply: a person's entries always; alert activity unless snoozed;
     * never the opening (the post shows it), silenced events, escalations (they have their own command) or notes of
     * the system's own.
     */
    static boolean isReplyWorthy(TimelineEntry entry, boolean snoozed) {
        if (entry.actor() != null) {
            return !IncidentDraft.TRIM_ACTOR.equals(entry.actor());
        }
        return switch (entry.kind()) {
            case ALERT_FIRING, ALERT_RESOLVED, ALERT_INFO, REOPENED, RESOLVED -> !snoozed;
            default -> false;
        };
    }

    private Step finish(Work w) {
        flushIncident(w);
        flushChannel(w);
        w.o.dueAt = w.incidentDue;
        w.ch.dueAt = w.channelDue;
        OutboundIncident next = isDone(w.o) ? null : w.o.build();
        if (next == null) {
            w.reason(w.o.incidentId + " is closed and fully sent: forgotten");
        }
        return new Step(next, w.ch.build(), w.out, w.reasons);
    }

    private void flushIncident(Work w) {
        if (w.o.mode == Mode.WAITING) {
            flushFirstPost(w);
        }
        if (w.o.mode == Mode.MESSAGE) {
            flushChannelOperations(w);
            flushUpdate(w);
            flushReply(w);
            flushEscalation(w);
        }
    }

    private void flushFirstPost(Work w) {
        OutboundIncident.Builder o = w.o;
        if (w.now.isBefore(o.postAt)) {
            w.dueIncident(o.postAt);
            return;
        }
        if (clearedWhileHeld(o)) {
            dropClearedWhileHeld(w);
            return;
        }
        if (w.ch.stormSince != null && !o.urgent) {
            w.reason(o.incidentId + " waited for its group while a storm began in " + w.ch.channel);
            enterDigest(w);
            return;
        }
        if (!w.ch.canPost(w.now)) {
            w.dueIncident(w.ch.nextPostAt);
            return;
        }
        w.send(Commands.post(o.latest, w.route.mentions(), w.now)
                .withReason(NotificationReasons.post(o.latest, w.route)));
        w.ch.posted(w.now, settings.postSpacing());
        o.mode = Mode.MESSAGE;
        o.postAt = null;
        o.sentVersion = o.latest.version();
        o.shownState = o.latest.state();
        o.dirty = false;
        o.urgent = false;
        o.unsent.clear();
        o.lastUpdate = w.now;
        o.lastReply = w.now;
        Optional<TimelineEntry> held = Holds.latestEntry(o.latest).filter(e -> e.kind() == TimelineEntry.Kind.HELD);
        if (held.isPresent()) {
            // A held incident's thread says at once why it came late ("Held for 4m because ...").
            o.unsent.add(held.get());
            o.lastReply = w.now.minus(settings.replyInterval());
        }
        o.channelWanted =
                w.route.incidentChannel() != null && w.route.incidentChannel().enabled();
    }

    private void flushUpdate(Work w) {
        OutboundIncident.Builder o = w.o;
        if (!o.dirty) {
            return;
        }
        if (o.latest.version() <= o.sentVersion) {
            o.dirty = false;
            o.urgent = false;
            return;
        }
        if (holdsEdit(w.ch.stormSince != null, o.urgent, o.latest.state() != o.shownState)) {
            // Looked at again at the digest's pace: the storm's end is noticed on the channel's timer.
            w.dueIncident(w.now.plus(settings.digestInterval()));
            return;
        }
        Instant earliest = o.urgent ? w.now : o.lastUpdate.plus(w.route.updateInterval());
        if (w.now.isBefore(earliest)) {
            w.dueIncident(earliest);
            return;
        }
        if (!w.ch.canUpdate(w.now, settings.updatesPerMinute())) {
            w.dueIncident(w.ch.nextUpdateAt(w.now, settings.updatesPerMinute()));
            return;
        }
        w.send(Commands.update(o.latest, w.now).withReason(NotificationReasons.update(o.latest)));
        w.ch.updated(w.now);
        o.sentVersion = o.latest.version();
        o.shownState = o.latest.state();
        o.dirty = false;
        o.urgent = false;
        o.lastUpdate = w.now;
    }

    private void flushReply(Work w) {
        OutboundIncident.Builder o = w.o;
        if (o.unsent.isEmpty()) {
            return;
        }
        boolean fromPerson = o.unsent.stream().anyMatch(e -> e.actor() != null);
        if (holdsReply(w.ch.stormSince != null, fromPerson)) {
            // Looked at again at the digest's pace: the storm's end is noticed on the channel's timer.
            w.dueIncident(w.now.plus(settings.digestInterval()));
            return;
        }
        Instant earliest = fromPerson ? w.now : o.lastReply.plus(settings.replyInterval());
        if (w.now.isBefore(earliest)) {
            w.dueIncident(earliest);
            return;
        }
        if (!w.ch.canPost(w.now)) {
            w.dueIncident(w.ch.nextPostAt);
            return;
        }
        w.send(Commands.reply(o.latest, o.unsent, w.now).withReason(NotificationReasons.reply(o.unsent)));
        w.ch.posted(w.now, settings.postSpacing());
        o.unsent.clear();
        o.lastReply = w.now;
    }

    private void flushEscalation(Work w) {
        OutboundIncident.Builder o = w.o;
        if (o.escalationPending == 0) {
            return;
        }
        if (o.latest.state() != IncidentState.OPEN) {
            w.reason("escalation of " + o.incidentId + " dropped: it is " + o.latest.state() + " now");
            o.escalationPending = 0;
            return;
        }
        if (!w.ch.canPost(w.now)) {
            w.dueIncident(w.ch.nextPostAt);
            return;
        }
        w.send(Commands.escalation(o.latest, o.escalationPending, o.mention, w.now)
                .withReason(NotificationReasons.escalation(o.escalationPending)));
        w.ch.posted(w.now, settings.postSpacing());
        o.escalationPending = 0;
        o.mention = null;
    }

    private void flushChannelOperations(Work w) {
        OutboundIncident.Builder o = w.o;
        RouteRule.IncidentChannelOption option = w.route.incidentChannel();
        if (option == null || !o.channelWanted) {
            // Passed on all the same: the sink tells whoever asked that there is no channel to change.
            flushMembership(w, settings.channelOpsPerMinute());
            return;
        }
        int perMinute = settings.channelOpsPerMinute();
        if (!o.channelCreated) {
            if (!w.ch.canOperate(w.now, perMinute)) {
                w.dueIncident(w.ch.nextOperationAt(w.now, perMinute));
                return;
            }
            w.send(Commands.channelCreate(o.latest, option, w.now));
            w.ch.operated(w.now);
            o.channelCreated = true;
            o.invited.addAll(option.responders());
        }
        List<String> missing = new ArrayList<>(option.responders());
        missing.removeAll(o.invited);
        if (!missing.isEmpty() && !o.archived) {
            if (w.ch.canOperate(w.now, perMinute)) {
                w.send(Commands.channelInvite(o.latest, missing, w.now));
                w.ch.operated(w.now);
                o.invited.addAll(missing);
            } else {
                w.dueIncident(w.ch.nextOperationAt(w.now, perMinute));
            }
        }
        List<String> removed = new ArrayList<>(o.invited);
        removed.removeAll(option.responders());
        if (!removed.isEmpty() && !o.archived) {
            if (w.ch.canOperate(w.now, perMinute)) {
                w.send(Commands.responderRemoval(o.latest, removed, w.now));
                w.ch.operated(w.now);
                o.invited.removeAll(removed);
                w.reason(removed.size() + " responders of " + o.incidentId + " taken out of its route: removing");
            } else {
                w.dueIncident(w.ch.nextOperationAt(w.now, perMinute));
            }
        }
        flushMembership(w, perMinute);
        flushArchive(w, option, perMinute);
    }

    /** Carries out the invitations and removals people asked for, oldest first, as the pace allows. */
    private static void flushMembership(Work w, int perMinute) {
        OutboundIncident.Builder o = w.o;
        // Even into an archived channel: Slack's is_archived then reaches whoever asked, in plain words.
        while (!o.membership.isEmpty()) {
            if (!w.ch.canOperate(w.now, perMinute)) {
                w.dueIncident(w.ch.nextOperationAt(w.now, perMinute));
                return;
            }
            w.send(Commands.membership(o.latest, o.membership.remove(0), w.now));
            w.ch.operated(w.now);
        }
    }

    private static void flushArchive(Work w, RouteRule.IncidentChannelOption option, int perMinute) {
        OutboundIncident.Builder o = w.o;
        if (o.archived) {
            return;
        }
        if (o.latest.state() != IncidentState.RESOLVED) {
            o.archiveAt = null;
            return;
        }
        if (o.archiveAt == null) {
            o.archiveAt = w.now.plus(option.archiveAfter());
        }
        if (w.now.isBefore(o.archiveAt)) {
            w.dueIncident(o.archiveAt);
        } else if (w.ch.canOperate(w.now, perMinute)) {
            w.send(Commands.channelArchive(o.latest, w.now));
            w.ch.operated(w.now);
            o.archived = true;
        } else {
            w.dueIncident(w.ch.nextOperationAt(w.now, perMinute));
        }
    }

    private void flushChannel(Work w) {
        ChannelState.Builder ch = w.ch;
        if (ch.stormSince != null) {
            boolean lastedAMinute = !w.now.isBefore(ch.stormSince.plus(ChannelState.MINUTE));
            if (lastedAMinute && ch.arrivalsInLastMinute(w.now) <= ch.stormLimit / 2) {
                w.reason("storm in " + ch.channel + " is over");
                ch.stormSince = null;
                if (ch.digest != null) {
                    ch.digest.endedAt = w.now;
                    ch.digest.version++;
                }
            } else {
                w.dueChannel(w.now.plus(settings.digestInterval()));
            }
        }
        DigestState.Builder d = ch.digest;
        if (d == null) {
            return;
        }
        if (d.version > d.sentVersion) {
            flushDigest(w, d);
        }
        if (d.escalationPending > d.escalationSent && d.posted) {
            if (ch.canPost(w.now)) {
                w.send(Commands.digestEscalation(ch.channel, d.build(), d.escalationPending, d.mention, w.now)
                        .withReason(NotificationReasons.escalation(d.escalationPending)));
                ch.posted(w.now, settings.postSpacing());
                d.escalationSent = d.escalationPending;
            } else {
                w.dueChannel(ch.nextPostAt);
            }
        }
        if (d.openIncidents <= 0 && !d.build().hasPending()) {
            w.reason("digest " + d.digestId + " is complete: every incident in it is closed");
            ch.digest = null;
        }
    }

    private void flushDigest(Work w, DigestState.Builder d) {
        ChannelState.Builder ch = w.ch;
        if (!d.posted) {
            if (!ch.canPost(w.now)) {
                w.dueChannel(ch.nextPostAt);
                return;
            }
            ch.posted(w.now, settings.postSpacing());
            d.posted = true;
        } else {
            Instant earliest = d.lastSent.plus(settings.digestInterval());
            if (w.now.isBefore(earliest)) {
                w.dueChannel(earliest);
                return;
            }
            if (!ch.canUpdate(w.now, settings.updatesPerMinute())) {
                w.dueChannel(ch.nextUpdateAt(w.now, settings.updatesPerMinute()));
                return;
            }
            ch.updated(w.now);
        }
        d.sentVersion = d.version;
        d.lastSent = w.now;
        NotificationCommand command = Commands.digest(ch.channel, d.build(), w.now);
        w.send(command.withReason(NotificationReasons.digest(ch.channel, command.digest())));
    }

    /**
     * Whether an edit of a posted incident's message waits for the end of its channel's storm: one that no person
     * asked for and that changes no state (more alerts joined) does; people watch the digest meanwhile, and one edit
     * after the storm shows the latest state. A person's change, and a change of state (resolved, reopened,
     * acknowledged), go at the usual pace.
     */
    static boolean holdsEdit(boolean storming, boolean urgent, boolean stateChanged) {
        return storming && !urgent && !stateChanged;
    }

    /**
     * Whether a posted incident's thread reply waits: while its channel storms, replies that carry only alert
     * activity are held (their entries kept, sent as one reply once the storm is over); a person's are not.
     */
    static boolean holdsReply(boolean storming, boolean fromPerson) {
        return storming && !fromPerson;
    }

    private static boolean isDone(OutboundIncident.Builder o) {
        if (!o.closed) {
            return false;
        }
        return switch (o.mode) {
            case SILENT, DIGEST -> true;
            case WAITING -> false;
            case MESSAGE ->
                !(o.dirty && o.latest.version() > o.sentVersion)
                        && o.unsent.isEmpty()
                        && o.escalationPending == 0
                        && o.membership.isEmpty()
                        && (!o.channelWanted || (o.channelCreated && o.archived));
        };
    }

    private static ChannelState.Builder channelOf(ChannelState channel, String name) {
        return (channel == null ? ChannelState.empty(name) : channel).toBuilder();
    }

    private static DigestEntry entry(Incident incident) {
        return new DigestEntry(incident.incidentId(), incident.title(), incident.severity(), incident.state());
    }

    private static String digestId(String channel, Instant now) {
        String slug =
                channel.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug + "-" + now.toEpochMilli();
    }

    /** The working state of one decision: the drafts, the commands out and the earliest next looks. */
    private static final class Work {
        final OutboundIncident.Builder o;
        final ChannelState.Builder ch;
        final RouteRule route;
        final Instant now;
        final List<NotificationCommand> out = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        Instant incidentDue;
        Instant channelDue;

        Work(OutboundIncident.Builder o, ChannelState.Builder ch, RouteRule route, Instant now) {
            this.o = o;
            this.ch = ch;
            this.route = route;
            this.now = now;
        }

        void send(NotificationCommand command) {
            out.add(command);
            reasons.add(command.type() + " " + command.commandId());
        }

        void reason(String reason) {
            reasons.add(reason);
        }

        void dueIncident(Instant at) {
            incidentDue = earliest(incidentDue, at);
        }

        void dueChannel(Instant at) {
            channelDue = earliest(channelDue, at);
        }

        private static Instant earliest(Instant a, Instant b) {
            return a == null || b.isBefore(a) ? b : a;
        }
    }

    /**
     * The outcome of one throttle decision.
     *
     * @param incident the incident's state afterwards; null when it can be forgotten (or for channel decisions)
     * @param channel the channel's state afterwards
     * @param commands what to send now, in order
     * @param reasons what was decided and why, for logs and tests
     */
    public record Step(
            OutboundIncident incident, ChannelState channel, List<NotificationCommand> commands, List<String> reasons) {
        public Step {
            commands = List.copyOf(commands);
            reasons = List.copyOf(reasons);
        }
    }
}
