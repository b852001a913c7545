package io.alertbridge.connectors.slack.replay;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Digest;
import io.alertbridge.schemas.model.NotificationCommand.DigestEntry;
import io.alertbridge.schemas.model.NotificationCommand.Type;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Rewrites a replay's notification commands so that posting them for review can never act on production: every
 * identity moves into the run's namespace ({@code replay-<run>-<id>}), every command targets the one review
 * channel, and nothing pings anyone.
 *
 * <ul>
 *   <li>Incident ids, group keys, digest ids (and the incident ids listed in a digest) and command ids become
 *       {@code replay-<run>-<original>}. A replayed incident id can equal a real one (replay numbers incidents
 *       afresh); its namespaced form cannot, since real ids start with {@code INC-}. A button on a replayed message
 *       therefore names an incident and a group that production does not have, and the processor ignores an action
 *       whose incident id differs from its group's ({@code Lifecycle.apply}); interactivity refuses such a click
 *       before that ({@link #isReplayId}). Message metadata carries the namespaced ids too, so the sink's look-ups
 *       by metadata can only find this run's messages, never a production message in the same channel.
 *   <li>The incident's own Slack message reference and incident channel are dropped: a snapshot must never point
 *       the sink at a production message to edit.
 *   <li>Every command's channel (and the incident's) becomes the review channel, whatever the route said.
 *   <li>Mentions are dropped: a first post mentions nobody, an escalation says in its (escaped, hence literal) text
 *       whom it would have mentioned.
 *   <li>Incident-channel commands are <b>mapped to the review channel</b>, never carried out: {@code CHANNEL_CREATE},
 *       {@code CHANNEL_INVITE}, {@code CHANNEL_KICK} and {@code CHANNEL_ARCHIVE} become a thread reply under the
 *       incident's replayed message saying what would have happened (the channel's name, how many people). No
 *       channel is created, nobody is invited or removed, nothing is archived.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ReplayRewrite {

    /** The prefix of every namespaced id. Production ids never start with it (they start with {@code INC-}). */
    public static final String PREFIX = "replay-";

    private static final Pattern RUN = Pattern.compile("[a-z0-9]{1,16}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,79}");
    private static final String RUN_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final int RUN_LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String run;
    private final String channel;

    /**
     * @param run the run's id: lowercase letters and digits (see {@link #newRun()})
     * @param channel the review channel, as {@link #reviewChannel} returns it (an id is best: routes name channels)
     */
    public ReplayRewrite(String run, String channel) {
        if (run == null || !RUN.matcher(run).matches()) {
            throw new IllegalArgumentException("a replay run id is 1..16 lowercase letters and digits: " + run);
        }
        this.run = run;
        this.channel = reviewChannel(channel);
    }

    /** A fresh run id: six random lowercase letters and digits. */
    public static String newRun() {
        StringBuilder out = new StringBuilder(RUN_LENGTH);
        for (int i = 0; i < RUN_LENGTH; i++) {
            out.append(RUN_ALPHABET.charAt(RANDOM.nextInt(RUN_ALPHABET.length())));
        }
        return out.toString();
    }

    /**
     * The review channel as given on the command line, normalised: an id ({@code C0123ABCD}) as it is, a name with
     * or without {@code #} as {@code #name} in lowercase.
     *
     * @throws IllegalArgumentException when it is neither a channel id nor a name Slack accepts
     */
    public static String reviewChannel(String given) {
        String text = given == null ? "" : given.strip();
        if (CHANNEL_ID.matcher(text).matches()) {
            return text;
        }
        String name = (text.startsWith("#") ? text.substring(1) : text).toLowerCase(Locale.ROOT);
        if (!CHANNEL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--post-to takes a channel name (#replay-review, with or without #) or "
                    + "a channel id (C0123ABCD), not '" + given + "'");
        }
        return "#" + name;
    }

    /** True when the id (an incident id, group key, digest id) belongs to some replay, not to production. */
    public static boolean isReplayId(String id) {
        return id != null && id.startsWith(PREFIX);
    }

    /** The run's id. */
    public String run() {
        return run;
    }

    /** The review channel every rewritten command targets. */
    public String channel() {
        return channel;
    }

    /** The id in this run's namespace; null stays null, an id of this run stays as it is. */
    public String id(String original) {
        if (original == null) {
            return null;
        }
        String namespace = PREFIX + run + "-";
        return original.startsWith(namespace) ? original : namespace + original;
    }

    /** The command as the review channel gets it (see the class comment). */
    public NotificationCommand rewrite(NotificationCommand command) {
        Objects.requireNonNull(command, "command");
        return switch (command.type()) {
            case CHANNEL_CREATE, CHANNEL_INVITE, CHANNEL_KICK, CHANNEL_ARCHIVE -> channelNote(command);
            default ->
                new NotificationCommand(
                        id(command.commandId()),
                        command.type(),
                        id(command.groupKey()),
                        id(command.incidentId()),
                        channel,
                        command.incident() == null ? null : incident(command.incident()),
                        text(command),
                        null,
                        command.digest() == null ? null : digest(command.digest()),
                        null,
                        List.of(),
                        command.createdAt(),
                        command.reason());
        };
    }

    /** True when the rewritten command stands for an incident-channel command (a note in the thread). */
    public static boolean isChannelNote(NotificationCommand original) {
        return switch (original.type()) {
            case CHANNEL_CREATE, CHANNEL_INVITE, CHANNEL_KICK, CHANNEL_ARCHIVE -> true;
            default -> false;
        };
    }

    private String text(NotificationCommand command) {
        String text = command.text();
        if (text == null) {
            return null;
        }
        if (command.incidentId() != null) {
            text = text.replace(command.incidentId(), id(command.incidentId()));
        }
        if (command.type() == Type.ESCALATION
                && command.mention() != null
                && !command.mention().isBlank()) {
            // The renderer escapes reply text: the mention shows literally and pings nobody.
            text = text + "\n(replay: would have mentioned " + command.mention() + ")";
        }
        return text;
    }

    private NotificationCommand channelNote(NotificationCommand command) {
        String incidentId = command.incidentId() != null
                ? command.incidentId()
                : command.incident() != null ? command.incident().incidentId() : null;
        int people = command.users().size();
        String text =
                switch (command.type()) {
                    case CHANNEL_CREATE ->
                        "Replay: would have created the private incident channel #" + command.channelName()
                                + " and invited " + people(people) + " (not done in a replay)";
                    case CHANNEL_INVITE ->
                        "Replay: would have invited " + people(people)
                                + " to the incident channel (not done in a replay)";
                    case CHANNEL_KICK ->
                        "Replay: would have removed " + people(people)
                                + " from the incident channel (not done in a replay)";
                    default -> "Replay: would have archived the incident channel (not done in a replay)";
                };
        return NotificationCommand.reply(
                id(command.commandId()) + ":note",
                id(command.groupKey()),
                id(incidentId),
                channel,
                text,
                command.createdAt());
    }

    private static String people(int count) {
        return count == 1 ? "1 person" : count + " people";
    }

    private Incident incident(Incident i) {
        return i.toBuilder()
                .groupKey(id(i.groupKey()))
                .incidentId(id(i.incidentId()))
                .channel(channel)
                .slackMessage(null)
                .incidentChannelId(null)
                .build();
    }

    private Digest digest(Digest d) {
        List<DigestEntry> entries = d.entries().stream()
                .map(e -> new DigestEntry(id(e.incidentId()), e.title(), e.severity(), e.state()))
                .toList();
        return new Digest(
                id(d.digestId()),
                d.since(),
                d.incidentCount(),
                d.alertCount(),
                entries,
                d.resolvedCount(),
                d.endedAt());
    }
}
