package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the Slack sink must do: value of {@code alertbridge.notifications}, keyed by the incident's group key (or by
 * {@code digest:<channel>} for digests), so commands about one incident are applied in order.
 *
 * <p>Which fields are set depends on {@link #type()}:
 *
 * <ul>
 *   <li>{@code POST}, {@code UPDATE}: {@code incident} (the full snapshot to render)
 *   <li>{@code THREAD_REPLY}, {@code ESCALATION}: {@code text}; {@code ESCALATION} may add {@code mention}
 *   <li>{@code DIGEST}: {@code digest}
 *   <li>{@code CHANNEL_CREATE}: {@code incident}, {@code channelName}, {@code users} (e-mails to invite)
 *   <li>{@code CHANNEL_INVITE}, {@code CHANNEL_KICK}: {@code users}
 *   <li>{@code CHANNEL_ARCHIVE}: nothing more
 * </ul>
 *
 * @param commandId unique and deterministic for the change it carries (incident id + version + type), so the sink
 *     can recognise a command it has already carried out
 * @param type what to do
 * @param groupKey the incident's group key, or {@code digest:<channel>}
 * @param incidentId the incident's id, or null for digests
 * @param channel the target channel (route channel for messages)
 * @param incident the incident snapshot, where the type needs one
 * @param text reply text, where the type needs one (alert text inside is not yet escaped: the sink escapes)
 * @param mention who an escalation mentions, or null
 * @param digest the digest content, for {@code DIGEST}
 * @param channelName the incident channel's name, for {@code CHANNEL_CREATE}
 * @param users e-mail addresses, for channel create/invite/kick
 * @param createdAt when the processor issued it
 */
public record NotificationCommand(
        String commandId,
        Type type,
        String groupKey,
        String incidentId,
        String channel,
        Incident incident,
        String text,
        String mention,
        Digest digest,
        String channelName,
        List<String> users,
        Instant createdAt) {

    public NotificationCommand {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(createdAt, "createdAt");
        users = Collections2.list(users);
        if ((type == Type.POST || type == Type.UPDATE || type == Type.CHANNEL_CREATE) && incident == null) {
            throw new IllegalArgumentException(type + " needs an incident");
        }
        if ((type == Type.THREAD_REPLY || type == Type.ESCALATION) && text == null) {
            throw new IllegalArgumentException(type + " needs text");
        }
        if (type == Type.DIGEST && digest == null) {
            throw new IllegalArgumentException("DIGEST needs a digest");
        }
    }

    /** The kinds of command. */
    public enum Type {
        POST,
        UPDATE,
        THREAD_REPLY,
        ESCALATION,
        DIGEST,
        CHANNEL_CREATE,
        CHANNEL_INVITE,
        CHANNEL_KICK,
        CHANNEL_ARCHIVE
    }

    /**
     * A storm digest: one message per channel, updated in place, that counts the incidents that did not get a
     * message of their own.
     *
     * @param digestId stable id of this digest message (one per channel per storm)
     * @param since when the storm began
     * @param incidentCount how many incidents it holds
     * @param alertCount how many alerts those incidents hold
     * @param entries the most recent incidents, newest first (the renderer shows a bounded number)
     */
    public record Digest(String digestId, Instant since, int incidentCount, int alertCount, List<DigestEntry> entries) {
        public Digest {
            Objects.requireNonNull(digestId, "digestId");
            entries = Collections2.list(entries);
        }
    }

    /**
     * One incident inside a digest.
     *
     * @param incidentId the incident
     * @param title its title
     * @param severity its severity
     * @param state its state
     */
    public record DigestEntry(String incidentId, String title, Severity severity, IncidentState state) {}
}
