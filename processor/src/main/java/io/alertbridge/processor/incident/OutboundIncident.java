package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.TimelineEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The throttle's view of one incident (value of its store, keyed by incident id): what people have been shown, what
 * waits to be shown, and when it may go.
 *
 * @param incidentId the incident
 * @param groupKey its group key (the key of every command about it)
 * @param channel its Slack channel
 * @param mode how it reaches people
 * @param postAt for {@link Mode#WAITING}: when its group wait ends
 * @param latest the latest incident snapshot seen
 * @param sentVersion the version last rendered in its message (post or update)
 * @param shownState the state its message shows, or null when not posted (or unknown: state written before it existed)
 * @param dirty whether a change people should see is not in its message yet
 * @param urgent whether that change came from a person (sent without waiting for the update interval)
 * @param unsent timeline entries waiting for a thread reply
 * @param lastUpdate when its message was last posted or edited
 * @param lastReply when its thread last got a reply (or its message was posted)
 * @param escalationPending the escalation level waiting to be sent, or 0
 * @param mention who that escalation mentions
 * @param digestAlerts for {@link Mode#DIGEST}: its alerts already counted in the digest
 * @param digestResolved for {@link Mode#DIGEST}: whether the digest counts it as resolved
 * @param channelWanted whether its route asks for an incident channel
 * @param channelCreated whether the incident channel was requested
 * @param invited who was invited to it (e-mail addresses)
 * @param archiveAt when its incident channel is to be archived, or null
 * @param archived whether the archive was requested
 * @param closed whether the lifecycle closed it (the state goes once nothing is pending)
 * @param dueAt when its timer should look again, or null
 * @param membership invitations and removals people asked for, waiting for a channel-operation slot (timeline
 *     entries of kind {@code MEMBER_INVITED} / {@code MEMBER_REMOVED})
 */
public record OutboundIncident(
        String incidentId,
        String groupKey,
        String channel,
        Mode mode,
        Instant postAt,
        Incident latest,
        long sentVersion,
        IncidentState shownState,
        boolean dirty,
        boolean urgent,
        List<TimelineEntry> unsent,
        Instant lastUpdate,
        Instant lastReply,
        int escalationPending,
        String mention,
        int digestAlerts,
        boolean digestResolved,
        boolean channelWanted,
        boolean channelCreated,
        List<String> invited,
        Instant archiveAt,
        boolean archived,
        boolean closed,
        Instant dueAt,
        List<TimelineEntry> membership) {

    public OutboundIncident {
        unsent = unsent == null ? List.of() : List.copyOf(unsent);
        membership = membership == null ? List.of() : List.copyOf(membership);
        invited = invited == null ? List.of() : List.copyOf(invited);
    }

    /** How an incident reaches people. */
    public enum Mode {
        /** Only silenced events so far: recorded, never notified. */
        SILENT,
        /** Waiting for its group wait (or a post slot) before its first post. */
        WAITING,
        /** It has its own message, edited in place, with a thread. */
        MESSAGE,
        /** It arrived during a storm: it is counted in the channel's digest. */
        DIGEST
    }

    /** The state of an incident the throttle has not seen before. */
    static OutboundIncident first(Incident incident) {
        return new OutboundIncident(
                incident.incidentId(),
                incident.groupKey(),
                incident.channel(),
                Mode.SILENT,
                null,
                incident,
                0,
                null,
                false,
                false,
                null,
                null,
                null,
                0,
                null,
                0,
                false,
                false,
                false,
                null,
                null,
                false,
                false,
                null,
                null);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable working copy, used inside one decision. */
    static final class Builder {
        final String incidentId;
        final String groupKey;
        final String channel;
        Mode mode;
        Instant postAt;
        Incident latest;
        long sentVersion;
        IncidentState shownState;
        boolean dirty;
        boolean urgent;
        final List<TimelineEntry> unsent;
        Instant lastUpdate;
        Instant lastReply;
        int escalationPending;
        String mention;
        int digestAlerts;
        boolean digestResolved;
        boolean channelWanted;
        boolean channelCreated;
        final List<String> invited;
        Instant archiveAt;
        boolean archived;
        boolean closed;
        Instant dueAt;
        final List<TimelineEntry> membership;

        Builder(OutboundIncident o) {
            incidentId = o.incidentId;
            groupKey = o.groupKey;
            channel = o.channel;
            mode = o.mode;
            postAt = o.postAt;
            latest = o.latest;
            sentVersion = o.sentVersion;
            shownState = o.shownState;
            dirty = o.dirty;
            urgent = o.urgent;
            unsent = new ArrayList<>(o.unsent);
            lastUpdate = o.lastUpdate;
            lastReply = o.lastReply;
            escalationPending = o.escalationPending;
            mention = o.mention;
            digestAlerts = o.digestAlerts;
            digestResolved = o.digestResolved;
            channelWanted = o.channelWanted;
            channelCreated = o.channelCreated;
            invited = new ArrayList<>(o.invited);
            archiveAt = o.archiveAt;
            archived = o.archived;
            closed = o.closed;
            dueAt = o.dueAt;
            membership = new ArrayList<>(o.membership);
        }

        OutboundIncident build() {
            return new OutboundIncident(
                    incidentId,
                    groupKey,
                    channel,
                    mode,
                    postAt,
                    latest,
                    sentVersion,
                    shownState,
                    dirty,
                    urgent,
                    unsent,
                    lastUpdate,
                    lastReply,
                    escalationPending,
                    mention,
                    digestAlerts,
                    digestResolved,
                    channelWanted,
                    channelCreated,
                    invited,
                    archiveAt,
                    archived,
                    closed,
                    dueAt,
                    membership);
        }
    }
}
