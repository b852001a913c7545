package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Digest;
import io.alertbridge.schemas.model.NotificationCommand.Type;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.TimelineEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The {@link NotificationCommand}s themselves, keyed by the incident's group key (or {@code digest:<channel>}), with
 * ids that depend only on the change they carry, so the Slack sink recognises a command it has already carried out
 * (a command about version 7 of {@code INC-7F3A} is {@code INC-7F3A:v7:update}, whenever and however often it is
 * produced). Texts are plain: alert text is escaped by the renderer. Thread-safe (stateless).
 */
public final class Commands {

    /** Lines in one thread reply before the rest is summarised. */
    static final int MAX_REPLY_LINES = 20;

    private static final String DIGEST_ID_PREFIX = "digest:";
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Commands() {}

    /** The first post of an incident; {@code mentions} are the route's, for the first post only. */
    public static NotificationCommand post(Incident incident, List<String> mentions, Instant now) {
        String mention = mentions.isEmpty() ? null : String.join(" ", mentions);
        return NotificationCommand.post(incident.incidentId() + ":post", incident, mention, now);
    }

    /** An edit of the incident's message to show this snapshot. */
    public static NotificationCommand update(Incident incident, Instant now) {
        return NotificationCommand.update(id(incident, "update"), incident, now);
    }

    /** One thread reply carrying timeline entries, oldest first; long batches are summarised. */
    public static NotificationCommand reply(Incident incident, List<TimelineEntry> entries, Instant now) {
        StringJoiner text = new StringJoiner("\n");
        int shown = Math.min(entries.size(), MAX_REPLY_LINES);
        for (TimelineEntry entry : entries.subList(entries.size() - shown, entries.size())) {
            text.add(CLOCK.format(entry.at()) + " UTC  " + entry.text());
        }
        if (entries.size() > shown) {
            text.add("(and " + (entries.size() - shown) + " earlier changes, on the incident's timeline)");
        }
        return NotificationCommand.reply(id(incident, "reply"), incident, text.toString(), now);
    }

    /** An escalation reply: level 1 reminds, level 2 mentions. */
    public static NotificationCommand escalation(Incident incident, int level, String mention, Instant now) {
        String text = level >= 2
                ? incident.incidentId() + " is still not acknowledged. Please take a look."
                : "Reminder: " + incident.incidentId() + " is open and nobody has acknowledged it yet.";
        return NotificationCommand.escalation(
                id(incident, "escalation-" + level), incident, text, level >= 2 ? mention : null, now);
    }

    /** The channel's storm digest, as of its current version (first send posts, later ones edit). */
    public static NotificationCommand digest(String channel, DigestState digest, Instant now) {
        Digest content = new Digest(
                digest.digestId(),
                digest.since(),
                digest.incidentCount(),
                digest.alertCount(),
                digest.entries(),
                digest.resolvedIncidents(),
                digest.endedAt());
        return NotificationCommand.digest(
                DIGEST_ID_PREFIX + digest.digestId() + ":v" + digest.version(), channel, content, now);
    }

    /** One escalation for all the unacknowledged incidents of a digest. */
    public static NotificationCommand digestEscalation(
            String channel, DigestState digest, int level, String mention, Instant now) {
        String text = level >= 2
                ? "Incidents of this storm are still not acknowledged. Please take a look."
                : "Reminder: incidents of this storm are open and nobody has acknowledged them yet.";
        return NotificationCommand.digestEscalation(
                DIGEST_ID_PREFIX + digest.digestId() + ":escalation-" + level,
                channel,
                text,
                level >= 2 ? mention : null,
                now);
    }

    /** Create the incident's own channel and invite the responders. */
    public static NotificationCommand channelCreate(
            Incident incident, RouteRule.IncidentChannelOption option, Instant now) {
        return NotificationCommand.channelCreate(
                incident.incidentId() + ":channel-create",
                incident,
                channelName(option.namePrefix(), incident.incidentId()),
                option.responders(),
                now);
    }

    /** Invite more people to the incident's channel (responders added to the route later). */
    public static NotificationCommand channelInvite(Incident incident, List<String> users, Instant now) {
        return NotificationCommand.channelChange(
                incident.incidentId() + ":channel-invite-" + shortHash(String.join(",", users)),
                Type.CHANNEL_INVITE,
                incident,
                users,
                now);
    }

    /**
     * Take responders who left the route's {@code responders} out of the incident's channel; the snapshot lets the
     * sink spare the incident's last actor.
     */
    public static NotificationCommand responderRemoval(Incident incident, List<String> users, Instant now) {
        return NotificationCommand.membership(
                incident.incidentId() + ":channel-kick-" + shortHash(String.join(",", users)),
                Type.CHANNEL_KICK,
                incident,
                users,
                null,
                now);
    }

    /** The invitation or removal a person asked for (a {@code MEMBER_INVITED} or {@code MEMBER_REMOVED} entry). */
    public static NotificationCommand membership(Incident incident, TimelineEntry entry, Instant now) {
        boolean invite = entry.kind() == TimelineEntry.Kind.MEMBER_INVITED;
        return NotificationCommand.membership(
                incident.incidentId() + ":" + entry.at().toEpochMilli() + ":"
                        + (invite ? "member-invite-" : "member-remove-")
                        + shortHash(entry.actor() + "," + entry.subject()),
                invite ? Type.CHANNEL_INVITE : Type.CHANNEL_KICK,
                incident,
                List.of(entry.subject()),
                entry.actor(),
                now);
    }

    /** Archive the incident's channel. */
    public static NotificationCommand channelArchive(Incident incident, Instant now) {
        return NotificationCommand.channelChange(
                incident.incidentId() + ":channel-archive", Type.CHANNEL_ARCHIVE, incident, null, now);
    }

    /**
     * A Slack channel name for an incident: the prefix (lower-cased, anything Slack refuses made a dash) followed by
     * the id without its {@code INC-}: {@code inc-} and {@code INC-7F3A} give {@code inc-7f3a}.
     */
    public static String channelName(String prefix, String incidentId) {
        String suffix = incidentId.startsWith(IncidentIds.PREFIX)
                ? incidentId.substring(IncidentIds.PREFIX.length())
                : incidentId;
        String name = (prefix + suffix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        return name.length() > 80 ? name.substring(0, 80) : name;
    }

    private static String id(Incident incident, String what) {
        return incident.incidentId() + ":v" + incident.version() + ":" + what;
    }

    private static String shortHash(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
