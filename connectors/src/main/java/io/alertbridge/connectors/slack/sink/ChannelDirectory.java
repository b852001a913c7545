package io.alertbridge.connectors.slack.sink;

import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import io.alertbridge.connectors.slack.SlackErrorClassifier;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Channel names to ids. Routes name channels ({@code #payments-alerts}); {@code conversations.history} and
 * {@code chat.update} insist on ids. Ids are cached; a name not in the cache triggers one
 * {@code conversations.list} walk (Tier 2, so at most one every 30 seconds). Also joins public channels for the
 * {@code not_in_channel} fallback.
 *
 * <p>Used by the sink's loop thread only.
 */
public final class ChannelDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelDirectory.class);
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
    private static final Duration REFRESH_AT_MOST_EVERY = Duration.ofSeconds(30);

    /** What the directory knows of a channel. */
    public record Channel(String id, String name, boolean member, boolean archived) {}

    private final SlackCalls slack;
    private final Clock clock;
    private final Map<String, Channel> byName = new HashMap<>();
    private Instant lastRefresh = Instant.EPOCH;

    public ChannelDirectory(SlackCalls slack, Clock clock) {
        this.slack = slack;
        this.clock = clock;
    }

    /** True when the text is a channel id rather than a name. */
    public static boolean isId(String channel) {
        return channel != null && CHANNEL_ID.matcher(channel).matches();
    }

    /** The channel's id, or the name itself (without {@code #}) when no channel of that name is visible. */
    String idOf(String channel) {
        if (isId(channel)) {
            return channel;
        }
        return find(channel).map(Channel::id).orElse(bare(channel));
    }

    /** The visible channel of that name, refreshing the cache when it is not known. */
    public Optional<Channel> find(String name) {
        String key = bare(name);
        Channel known = byName.get(key);
        if (known == null && refreshAllowed()) {
            refresh();
            known = byName.get(key);
        }
        return Optional.ofNullable(known);
    }

    /** Forces a fresh listing for this name (after {@code name_taken}: the channel must be there). */
    public Optional<Channel> findFresh(String name) {
        refresh();
        return Optional.ofNullable(byName.get(bare(name)));
    }

    /** Remembers a channel the sink created. */
    public void remember(String name, String id) {
        byName.put(bare(name), new Channel(id, bare(name), true, false));
    }

    /** Joins a public channel; false when Slack refuses (a private channel, a missing scope). */
    boolean join(String channelId) {
        SlackCalls.Outcome<?> outcome =
                slack.call(SlackErrorClassifier.JOIN, m -> m.conversationsJoin(r -> r.channel(channelId)));
        if (!outcome.ok()) {
            LOG.warn(
                    "Could not join channel {}: {}",
                    LogText.safe(channelId),
                    LogText.safe(outcome.failure().reason()));
        }
        return outcome.ok();
    }

    private boolean refreshAllowed() {
        return Duration.between(lastRefresh, clock.instant()).compareTo(REFRESH_AT_MOST_EVERY) >= 0;
    }

    private void refresh() {
        lastRefresh = clock.instant();
        String cursor = null;
        int pages = 0;
        do {
            String page = cursor;
            SlackCalls.Outcome<ConversationsListResponse> outcome = slack.call(
                    SlackErrorClassifier.LIST,
                    m -> m.conversationsList(
                            r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                                    .excludeArchived(false)
                                    .limit(1000)
                                    .cursor(page)));
            if (!outcome.ok()) {
                LOG.warn(
                        "Could not list channels: {}",
                        LogText.safe(outcome.failure().reason()));
                return;
            }
            ConversationsListResponse response = outcome.response();
            for (Conversation c : response.getChannels() == null ? List.<Conversation>of() : response.getChannels()) {
                if (c.getName() != null && c.getId() != null) {
                    byName.put(
                            c.getName().toLowerCase(Locale.ROOT),
                            new Channel(c.getId(), c.getName(), c.isMember(), c.isArchived()));
                }
            }
            cursor = response.getResponseMetadata() == null
                    ? null
                    : response.getResponseMetadata().getNextCursor();
            pages++;
        } while (cursor != null && !cursor.isEmpty() && pages < 20);
    }

    private static String bare(String channel) {
        String name = channel.strip();
        return (name.startsWith("#") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    }
}
