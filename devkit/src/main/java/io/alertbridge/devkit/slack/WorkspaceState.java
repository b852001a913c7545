package io.alertbridge.devkit.slack;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the workspace holds: its identity, users, channels and their messages, and the ephemeral messages
 * shown on the page.
 *
 * <p>Threading: one lock, this object's monitor, guards all of it. Callers that read or change several things
 * at once hold it themselves ({@code synchronized (state)}); the methods here are synchronized for the others.
 * Every change calls {@link #changed()}, which wakes the page's live-update streams.
 */
final class WorkspaceState {

    final String teamId;
    final String teamName;
    final String teamDomain;
    final SlackUser bot;
    final String botId;
    final String appId;

    private final Clock clock;
    private final Map<String, SlackUser> usersById = new LinkedHashMap<>();
    private final Map<String, StoredChannel> channelsById = new LinkedHashMap<>();
    private final List<Ephemeral> ephemerals = new ArrayList<>();
    private final Map<String, StoredFile> filesById = new LinkedHashMap<>();
    private final BlockKitValidator validator = new BlockKitValidator(this::fileUsableInBlocks);
    private long fileCount;
    private long lastTsMicros;
    private long version;
    /** The workspace preference that keeps the bot from removing people from channels ({@code restricted_action}). */
    volatile boolean kicksRestricted;

    /**
     * An ephemeral message: seen only by {@code userId}, never in the channel's history (as in Slack).
     *
     * @param userId who sees it
     * @param message the message (not stored in its channel)
     */
    record Ephemeral(String userId, StoredMessage message) {}

    WorkspaceState(String teamName, String botName, Clock clock) {
        this.clock = clock;
        this.teamName = teamName;
        this.teamDomain = teamName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        this.teamId = SlackIds.of('T', teamName);
        this.bot = new SlackUser(SlackIds.of('U', teamName + "/bot/" + botName), botName, botName, "", true);
        this.botId = SlackIds.of('B', teamName + "/bot/" + botName);
        this.appId = SlackIds.of('A', teamName + "/app/" + botName);
        usersById.put(bot.id(), bot);
    }

    Clock clock() {
        return clock;
    }

    long nowSeconds() {
        return clock.millis() / 1000;
    }

    /** A new message timestamp: microseconds since the epoch, strictly increasing across the workspace. */
    synchronized String nextTs() {
        long micros = Math.max(clock.millis() * 1000, lastTsMicros + 1);
        lastTsMicros = micros;
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    synchronized SlackUser addUser(UserSpec spec) {
        SlackUser user = new SlackUser(
                SlackIds.of('U', teamName + "/user/" + spec.name()), spec.name(), spec.realName(), spec.email(), false);
        usersById.put(user.id(), user);
        return user;
    }

    synchronized StoredChannel addChannel(String name, boolean isPrivate, String creator) {
        String id = SlackIds.of('C', teamName + "/channel/" + name);
        for (int i = 2; channelsById.containsKey(id); i++) {
            id = SlackIds.of('C', teamName + "/channel/" + name + "/" + i);
        }
        StoredChannel channel = new StoredChannel(id, name, isPrivate, name.equals("general"), creator, nowSeconds());
        channelsById.put(id, channel);
        changed();
        return channel;
    }

    synchronized Optional<SlackUser> userById(String id) {
        return Optional.ofNullable(usersById.get(id));
    }

    synchronized Optional<SlackUser> userByEmail(String email) {
        return usersById.values().stream()
                .filter(u -> !u.email().isEmpty() && u.email().equalsIgnoreCase(email.trim()))
                .findFirst();
    }

    synchronized Optional<SlackUser> userByName(String name) {
        return usersById.values().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** A user by id, handle or e-mail: what a test or the page finds convenient. */
    synchronized Optional<SlackUser> findUser(String idNameOrEmail) {
        return userById(idNameOrEmail).or(() -> userByName(idNameOrEmail)).or(() -> userByEmail(idNameOrEmail));
    }

    synchronized List<SlackUser> users() {
        return List.copyOf(usersById.values());
    }

    synchronized Optional<StoredChannel> channelById(String id) {
        return Optional.ofNullable(channelsById.get(id));
    }

    synchronized Optional<StoredChannel> channelByName(String name) {
        String bare = name.startsWith("#") ? name.substring(1) : name;
        return channelsById.values().stream().filter(c -> c.name.equals(bare)).findFirst();
    }

    /** By id, {@code #name} or {@code name}: what {@code chat.postMessage} accepts. */
    synchronized Optional<StoredChannel> channelByIdOrName(String idOrName) {
        return channelById(idOrName).or(() -> channelByName(idOrName));
    }

    synchronized Collection<StoredChannel> channels() {
        return List.copyOf(channelsById.values());
    }

    /** The Block Kit validator of this workspace: it knows which files an image block may show. */
    BlockKitValidator validator() {
        return validator;
    }

    /** A new file id, unique in this workspace. */
    synchronized String nextFileId() {
        fileCount++;
        return SlackIds.of('F', teamName + "/file/" + fileCount + "/" + clock.millis());
    }

    synchronized void addFile(StoredFile file) {
        filesById.put(file.id, file);
        changed();
    }

    synchronized Optional<StoredFile> fileById(String id) {
        return Optional.ofNullable(filesById.get(id));
    }

    synchronized Optional<StoredFile> fileByTicket(String ticket) {
        return filesById.values().stream()
                .filter(f -> f.uploadTicket.equals(ticket))
                .findFirst();
    }

    synchronized List<StoredFile> files() {
        return List.copyOf(filesById.values());
    }

    private synchronized boolean fileUsableInBlocks(String reference, boolean byUrl) {
        return filesById.values().stream()
                .filter(f -> byUrl ? f.isAt(reference) : f.id.equals(reference))
                .anyMatch(StoredFile::usableInBlocks);
    }

    /** Adds a message to its channel, or to its parent's thread (and the channel too when broadcast). */
    synchronized void store(StoredChannel channel, StoredMessage parent, StoredMessage message, boolean broadcast) {
        channel.byTs.put(message.ts, message);
        if (parent == null) {
            channel.messages.put(message.ts, message);
        } else {
            parent.replies.add(message);
            message.broadcast = broadcast;
            if (broadcast) {
                channel.messages.put(message.ts, message);
            }
        }
        changed();
    }

    /** Deletes a message; a parent with replies stays as Slack's tombstone so the thread survives. */
    synchronized void delete(StoredChannel channel, StoredMessage message) {
        if (!message.isReply() && !message.replies.isEmpty()) {
            message.tombstone = true;
            message.text = "This message was deleted.";
            message.blocks = null;
            message.attachments = null;
            message.metadata = null;
        } else {
            channel.byTs.remove(message.ts);
            channel.messages.remove(message.ts);
            if (message.isReply()) {
                channel.byTs.get(message.parentTs).replies.remove(message);
            }
        }
        changed();
    }

    synchronized void addEphemeral(Ephemeral ephemeral) {
        ephemerals.add(ephemeral);
        changed();
    }

    /** The ephemeral messages {@code userId} sees in the channel, oldest first. */
    synchronized List<StoredMessage> ephemerals(String channelId, String userId) {
        return ephemerals.stream()
                .filter(e ->
                        e.message().channelId.equals(channelId) && e.userId().equals(userId))
                .map(Ephemeral::message)
                .toList();
    }

    /** Marks a change and wakes whoever waits in {@link #awaitChange}. */
    synchronized void changed() {
        version++;
        notifyAll();
    }

    synchronized long version() {
        return version;
    }

    /** Waits until the version differs from {@code seen} or the timeout passes; returns the current version. */
    synchronized long awaitChange(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (version == seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return version;
    }
}
