package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.NotificationCommand.DigestEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A channel's storm digest: one message, updated in place, that holds the incidents that did not get a message of
 * their own. It lives from the first storm until every incident in it is closed; a storm that starts again meanwhile
 * adds to the same message.
 *
 * @param digestId stable id of the digest message
 * @param since when the first storm began
 * @param incidentCount incidents in it
 * @param alertCount alerts of those incidents (including alerts that joined them after they entered)
 * @param entries the most recent incidents, newest first, bounded
 * @param openIncidents incidents in it that the lifecycle has not closed yet
 * @param version increases on every change of its content
 * @param sentVersion the version last sent to Slack
 * @param posted whether its message was posted (later sends are edits)
 * @param lastSent when it was last sent
 * @param escalationPending the highest escalation level its incidents reached
 * @param escalationSent the highest escalation level already sent for it
 * @param mention who a level-2 escalation mentions
 * @param resolvedIncidents incidents in it that are resolved now (an incident that reopens counts as open again)
 * @param endedAt when the storm that fills it ended, or null while it goes on (a new storm clears it)
 */
public record DigestState(
        String digestId,
        Instant since,
        int incidentCount,
        int alertCount,
        List<DigestEntry> entries,
        int openIncidents,
        long version,
        long sentVersion,
        boolean posted,
        Instant lastSent,
        int escalationPending,
        int escalationSent,
        String mention,
        int resolvedIncidents,
        Instant endedAt) {

    public DigestState {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** True when content or an escalation waits to be sent. */
    public boolean hasPending() {
        return version > sentVersion || escalationPending > escalationSent;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable working copy, used inside one decision. */
    static final class Builder {
        String digestId;
        Instant since;
        int incidentCount;
        int alertCount;
        List<DigestEntry> entries;
        int openIncidents;
        long version;
        long sentVersion;
        boolean posted;
        Instant lastSent;
        int escalationPending;
        int escalationSent;
        String mention;
        int resolvedIncidents;
        Instant endedAt;

        Builder(String digestId, Instant since) {
            this.digestId = digestId;
            this.since = since;
            this.entries = new ArrayList<>();
        }

        Builder(DigestState d) {
            digestId = d.digestId;
            since = d.since;
            incidentCount = d.incidentCount;
            alertCount = d.alertCount;
            entries = new ArrayList<>(d.entries);
            openIncidents = d.openIncidents;
            version = d.version;
            sentVersion = d.sentVersion;
            posted = d.posted;
            lastSent = d.lastSent;
            escalationPending = d.escalationPending;
            escalationSent = d.escalationSent;
            mention = d.mention;
            resolvedIncidents = d.resolvedIncidents;
            endedAt = d.endedAt;
        }

        DigestState build() {
            return new DigestState(
                    digestId,
                    since,
                    incidentCount,
                    alertCount,
                    entries,
                    openIncidents,
                    version,
                    sentVersion,
                    posted,
                    lastSent,
                    escalationPending,
                    escalationSent,
                    mention,
                    resolvedIncidents,
                    endedAt);
        }
    }
}
