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
 *   <li>{@code CHANNEL_INVITE}, {@code CHANNEL_KICK}: {@code users} (e-mails or Slack user ids); when a person asked
 *       for the change, {@code mention} is who asked (the sink answers them when Slack refuses); a kick because a
 *       route's responders changed carries the {@code incident} snapshot (its last actor is never removed silently)
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
 * @param users e-mail addresses or Slack user ids, for channel create/invite/kick
 * @param createdAt when the processor issued it
 * @param reason why it was sent, in a few words for people (the Slack message shows it in a small context line: new
 *     incident on route R grouped by L, reopened, escalation level N, storm digest, released from an inhibition, ...);
 *     null when not known (commands written before it existed, and those no person reads)
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
        Instant createdAt,
        String reason) {

    private static final String DIGEST_KEY_PREFIX = "digest:";

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

    /** The group key of a channel's digest commands: {@code digest:<channel>}. */
    public static String digestKey(String channel) {
        return DIGEST_KEY_PREFIX + channel;
    }

    /** The first post of an incident's message; {@code mention} (the route's mentions) or null. */
    public static NotificationCommand post(String commandId, Incident incident, String mention, Instant createdAt) {
        return about(commandId, Type.POST, incident, incident, null, mention, createdAt);
    }

    /** An edit of the incident's message to show this snapshot. */
    public static NotificationCommand update(String commandId, Incident incident, Instant createdAt) {
        return about(commandId, Type.UPDATE, incident, incident, null, null, createdAt);
    }

    /** A reply in the incident's thread. */
    public static NotificationCommand reply(String commandId, Incident incident, String text, Instant createdAt) {
        return about(commandId, Type.THREAD_REPLY, incident, null, text, null, createdAt);
    }

    /** A reply in the thread of the incident with this group key and id, when only those are at hand. */
    public static NotificationCommand reply(
            String commandId, String groupKey, String incidentId, String channel, String text, Instant createdAt) {
        return new NotificationCommand(
                commandId,
                Type.THREAD_REPLY,
                groupKey,
                incidentId,
                channel,
                null,
                text,
                null,
                null,
                null,
                null,
                createdAt,
                null);
    }

    /** An escalation reply in the incident's thread; {@code mention} or null. */
    public static NotificationCommand escalation(
            String commandId, Incident incident, String text, String mention, Instant createdAt) {
        return about(commandId, Type.ESCALATION, incident, null, text, mention, createdAt);
    }

    /** The channel's storm digest, keyed by {@link #digestKey}. */
    public static NotificationCommand digest(String commandId, String channel, Digest digest, Instant createdAt) {
        return aboutDigest(commandId, Type.DIGEST, channel, digest, null, null, createdAt);
    }

    /** An escalation about the channel's storm digest, keyed by {@link #digestKey}; {@code mention} or null. */
    public static NotificationCommand digestEscalation(
            String commandId, String channel, String text, String mention, Instant createdAt) {
        return aboutDigest(commandId, Type.ESCALATION, channel, null, text, mention, createdAt);
    }

    /** Create the incident's own channel (named {@code channelName}, or by the sink when null) and invite users. */
    public static NotificationCommand channelCreate(
            String commandId, Incident incident, String channelName, List<String> users, Instant createdAt) {
        return aboutChannel(commandId, Type.CHANNEL_CREATE, incident, incident, channelName, users, createdAt);
    }

    /** {@code CHANNEL_INVITE}, {@code CHANNEL_KICK} or {@code CHANNEL_ARCHIVE} of the incident's channel. */
    public static NotificationCommand channelChange(
            String commandId, Type type, Incident incident, List<String> users, Instant createdAt) {
        if (type != Type.CHANNEL_INVITE && type != Type.CHANNEL_KICK && type != Type.CHANNEL_ARCHIVE) {
            throw new IllegalArgumentException("not a change of an incident channel: " + type);
        }
        return aboutChannel(commandId, type, incident, null, null, users, createdAt);
    }

    /**
     * {@code CHANNEL_INVITE} or {@code CHANNEL_KICK} of the incident's channel with the incident's snapshot.
     *
     * @param requester the Slack user id of who asked for it, or null when the route's responders changed
     */
    public static NotificationCommand membership(
            String commandId, Type type, Incident incident, List<String> users, String requester, Instant createdAt) {
        if (type != Type.CHANNEL_INVITE && type != Type.CHANNEL_KICK) {
            throw new IllegalArgumentException("not a membership change: " + type);
        }
        return new NotificationCommand(
                commandId,
                type,
                incident.groupKey(),
                incident.incidentId(),
                incident.channel(),
                incident,
                null,
                requester,
                null,
                null,
                users,
                createdAt,
                null);
    }

    /** This command as another type (a newer snapshot carried out as the first post it replaces). */
    public NotificationCommand withType(Type other) {
        return new NotificationCommand(
                commandId,
                other,
                groupKey,
                incidentId,
                channel,
                incident,
                text,
                mention,
                digest,
                channelName,
                users,
                createdAt,
                reason);
    }

    /** This command with another mention (null for none). */
    public NotificationCommand withMention(String other) {
        return new NotificationCommand(
                commandId,
                type,
                groupKey,
                incidentId,
                channel,
                incident,
                text,
                other,
                digest,
                channelName,
                users,
                createdAt,
                reason);
    }

    /** This command with the given reason (null for none). */
    public NotificationCommand withReason(String why) {
        return new NotificationCommand(
                commandId,
                type,
                groupKey,
                incidentId,
                channel,
                incident,
                text,
                mention,
                digest,
                channelName,
                users,
                createdAt,
                why);
    }

    private static NotificationCommand about(
            String commandId,
            Type type,
            Incident incident,
            Incident snapshot,
            String text,
            String mention,
            Instant createdAt) {
        return new NotificationCommand(
                commandId,
                type,
                incident.groupKey(),
                incident.incidentId(),
                incident.channel(),
                snapshot,
                text,
                mention,
                null,
                null,
                null,
                createdAt,
                null);
    }

    private static NotificationCommand aboutChannel(
            String commandId,
            Type type,
            Incident incident,
            Incident snapshot,
            String channelName,
            List<String> users,
            Instant createdAt) {
        return new NotificationCommand(
                commandId,
                type,
                incident.groupKey(),
                incident.incidentId(),
                incident.channel(),
                snapshot,
                null,
                null,
                null,
                channelName,
                users,
                createdAt,
                null);
    }

    private static NotificationCommand aboutDigest(
            String commandId,
            Type type,
            String channel,
            Digest digest,
            String text,
            String mention,
            Instant createdAt) {
        return new NotificationCommand(
                commandId,
                type,
                digestKey(channel),
                null,
                channel,
                null,
                text,
                mention,
                digest,
                null,
                null,
                createdAt,
                null);
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
     * @param resolvedCount how many of its incidents are resolved now
     * @param endedAt when the storm ended (new incidents get their own messages again), or null while it goes on
     */
    public record Digest(
            String digestId,
            Instant since,
            int incidentCount,
            int alertCount,
            List<DigestEntry> entries,
            int resolvedCount,
            Instant endedAt) {
        public Digest {
            Objects.requireNonNull(digestId, "digestId");
            entries = Collections2.list(entries);
        }

        /** A digest of a storm that goes on, none of its incidents resolved. */
        public Digest(String digestId, Instant since, int incidentCount, int alertCount, List<DigestEntry> entries) {
            this(digestId, since, incidentCount, alertCount, entries, 0, null);
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
