package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code conversations.*} methods: create, invite, kick, archive, info, list, members, history, replies, join. All
 * take channel ids (a name answers {@code channel_not_found}), as Slack's do; {@code create} takes the new name.
 * A private channel the bot is not in does not exist for it. Paging uses Slack's base64 cursors.
 *
 * <p>Called with the state's lock held.
 */
final class ConversationMethods {

    private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern ONLY_PUNCTUATION = Pattern.compile("[_-]+");
    private static final int MAX_NAME = 80;

    private final WorkspaceState state;
    private final SlackShapes shapes;

    ConversationMethods(WorkspaceState state, SlackShapes shapes) {
        this.state = state;
        this.shapes = shapes;
    }

    void register(Map<String, ApiMethod.Spec> methods) {
        // Tiers as the project's STACK.md states them (create/invite/kick/archive at Tier 2, the strictest reading).
        methods.put("conversations.create", new ApiMethod.Spec(RateLimiter.Tier.TIER_2, this::create));
        methods.put("conversations.invite", new ApiMethod.Spec(RateLimiter.Tier.TIER_2, this::invite));
        methods.put("conversations.kick", new ApiMethod.Spec(RateLimiter.Tier.TIER_2, this::kick));
        methods.put("conversations.archive", new ApiMethod.Spec(RateLimiter.Tier.TIER_2, this::archive));
        methods.put("conversations.info", new ApiMethod.Spec(RateLimiter.Tier.TIER_3, this::info));
        methods.put("conversations.list", new ApiMethod.Spec(RateLimiter.Tier.TIER_2, this::list));
        methods.put("conversations.members", new ApiMethod.Spec(RateLimiter.Tier.TIER_4, this::members));
        methods.put("conversations.history", new ApiMethod.Spec(RateLimiter.Tier.TIER_3, this::history));
        methods.put("conversations.replies", new ApiMethod.Spec(RateLimiter.Tier.TIER_3, this::replies));
        methods.put("conversations.join", new ApiMethod.Spec(RateLimiter.Tier.TIER_3, this::join));
    }

    ObjectNode create(ApiRequest request) throws SlackApiError {
        String name = request.string("name");
        if (name == null || name.isEmpty()) {
            throw SlackApiError.of("invalid_name_required");
        }
        if (name.length() > MAX_NAME) {
            throw SlackApiError.of("invalid_name_maxlength");
        }
        if (!VALID_NAME.matcher(name).matches()) {
            throw SlackApiError.of("invalid_name_specials");
        }
        if (ONLY_PUNCTUATION.matcher(name).matches()) {
            throw SlackApiError.of("invalid_name_punctuation");
        }
        // Names stay taken by archived channels too.
        if (state.channelByName(name).isPresent()) {
            throw SlackApiError.of("name_taken");
        }
        StoredChannel channel = state.addChannel(name, request.bool("is_private"), state.bot.id());
        channel.members.add(state.bot.id());
        return withChannel(channel, false);
    }

    ObjectNode invite(ApiRequest request) throws SlackApiError {
        StoredChannel channel = channel(request);
        if (channel.archived) {
            throw SlackApiError.of("is_archived");
        }
        if (!channel.members.contains(state.bot.id())) {
            throw SlackApiError.of("not_in_channel");
        }
        String users = request.required("users", "no_user");
        List<String> ids = Arrays.stream(users.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        if (ids.isEmpty()) {
            throw SlackApiError.of("no_user");
        }
        for (String id : ids) {
            if (id.equals(state.bot.id())) {
                throw SlackApiError.of("cant_invite_self");
            }
            if (state.userById(id).isEmpty()) {
                throw SlackApiError.of("user_not_found");
            }
        }
        if (channel.members.containsAll(ids)) {
            throw SlackApiError.of("already_in_channel");
        }
        channel.members.addAll(ids);
        state.changed();
        return withChannel(channel, false);
    }

    /**
     * Slack's documented refusals, in Slack's order of checks: {@code channel_not_found}, {@code user_not_found},
     * {@code cant_kick_self}, {@code cant_kick_from_general}, {@code restricted_action} (the workspace preference, see
     * {@link LocalSlackWorkspace#restrictKicks}), {@code not_in_channel} (the bot or the user is not a member).
     */
    ObjectNode kick(ApiRequest request) throws SlackApiError {
        StoredChannel channel = channel(request);
        String user = request.required("user", "user_not_found");
        if (state.userById(user).isEmpty()) {
            throw SlackApiError.of("user_not_found");
        }
        if (user.equals(state.bot.id())) {
            throw SlackApiError.of("cant_kick_self");
        }
        if (channel.isGeneral) {
            throw SlackApiError.of("cant_kick_from_general");
        }
        if (state.kicksRestricted) {
            throw SlackApiError.of("restricted_action");
        }
        if (!channel.members.contains(state.bot.id()) || !channel.members.contains(user)) {
            throw SlackApiError.of("not_in_channel");
        }
        channel.members.remove(user);
        state.changed();
        return SlackJson.object();
    }

    ObjectNode archive(ApiRequest request) throws SlackApiError {
        StoredChannel channel = channel(request);
        if (channel.archived) {
            throw SlackApiError.of("already_archived");
        }
        if (channel.isGeneral) {
            throw SlackApiError.of("cant_archive_general");
        }
        if (!channel.members.contains(state.bot.id())) {
            throw SlackApiError.of("not_in_channel");
        }
        channel.archived = true;
        state.changed();
        return SlackJson.object();
    }

    ObjectNode info(ApiRequest request) throws SlackApiError {
        return withChannel(channel(request), request.bool("include_num_members"));
    }

    ObjectNode join(ApiRequest request) throws SlackApiError {
        StoredChannel channel = channel(request);
        if (channel.isPrivate) {
            throw SlackApiError.of("method_not_supported_for_channel_type");
        }
        if (channel.archived) {
            throw SlackApiError.of("is_archived");
        }
        ObjectNode answer = SlackJson.object();
        if (!channel.members.add(state.bot.id())) {
            answer.put("warning", "already_in_channel");
            answer.putObject("response_metadata").set("warnings", SlackShapes.strings("already_in_channel"));
        }
        state.changed();
        answer.set("channel", shapes.conversation(channel, false));
        return answer;
    }

    ObjectNode list(ApiRequest request) throws SlackApiError {
        String types = request.string("types");
        Set<String> wanted = Set.of((types == null || types.isBlank() ? "public_channel" : types)
                .toLowerCase(Locale.ROOT)
                .replace(" ", "")
                .split(","));
        boolean excludeArchived = request.bool("exclude_archived");
        List<StoredChannel> matching = state.channels().stream()
                .filter(this::visible)
                .filter(c -> wanted.contains(c.isPrivate ? "private_channel" : "public_channel"))
                .filter(c -> !(excludeArchived && c.archived))
                .toList();
        int start = 0;
        String after = decodeCursor(request.string("cursor"), "team:");
        if (after != null) {
            start = indexAfter(matching, after);
        }
        int limit = request.integer("limit", 100, 1000);
        ArrayNode channels = SlackJson.array();
        int end = Math.min(matching.size(), start + limit);
        for (int i = start; i < end; i++) {
            channels.add(shapes.conversation(matching.get(i), true));
        }
        ObjectNode answer = SlackJson.object();
        answer.set("channels", channels);
        String next = end < matching.size() ? encodeCursor("team:" + matching.get(end).id) : "";
        answer.set("response_metadata", SlackShapes.responseMetadata(next));
        return answer;
    }

    /**
     * {@code conversations.members}: the member ids in the order they joined, {@code limit} (default 100, at most
     * 1000) per page, {@code response_metadata.next_cursor} empty on the last page. A private channel the bot is not
     * in answers {@code not_in_channel}, an unknown one {@code channel_not_found}, a cursor this method did not give
     * {@code invalid_cursor}.
     */
    ObjectNode members(ApiRequest request) throws SlackApiError {
        String id = request.required("channel", "channel_not_found");
        StoredChannel channel = state.channelById(id).orElseThrow(() -> SlackApiError.of("channel_not_found"));
        if (channel.isPrivate && !channel.members.contains(state.bot.id())) {
            throw SlackApiError.of("not_in_channel");
        }
        List<String> all = List.copyOf(channel.members);
        int start = 0;
        String after = decodeCursor(request.string("cursor"), "member:");
        if (after != null) {
            start = all.indexOf(after);
            if (start < 0) {
                throw SlackApiError.of("invalid_cursor");
            }
        }
        int limit = request.integer("limit", 100, 1000);
        int end = Math.min(all.size(), start + limit);
        ObjectNode answer = SlackJson.object();
        answer.set("members", SlackShapes.strings(all.subList(start, end).toArray(String[]::new)));
        answer.set(
                "response_metadata",
                SlackShapes.responseMetadata(end < all.size() ? encodeCursor("member:" + all.get(end)) : ""));
        return answer;
    }

    private static int indexAfter(List<StoredChannel> channels, String id) throws SlackApiError {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).id.equals(id)) {
                return i;
            }
        }
        throw SlackApiError.of("invalid_cursor");
    }

    ObjectNode history(ApiRequest request) throws SlackApiError {
        StoredChannel channel = readableChannel(request);
        boolean withMetadata = request.bool("include_all_metadata");
        BigDecimal latest = ts(request, "latest", "invalid_ts_latest");
        BigDecimal oldest = ts(request, "oldest", "invalid_ts_oldest");
        boolean inclusive = request.bool("inclusive");
        String cursorTs = decodeCursor(request.string("cursor"), "next_ts:");
        List<StoredMessage> newestFirst =
                new ArrayList<>(channel.messages.descendingMap().values());
        List<StoredMessage> page = new ArrayList<>();
        int limit = request.integer("limit", 100, 999);
        boolean hasMore = false;
        for (StoredMessage message : newestFirst) {
            if (!inRange(message.ts, oldest, latest, inclusive)
                    || (cursorTs != null && message.ts.compareTo(cursorTs) > 0)) {
                continue;
            }
            if (page.size() == limit) {
                hasMore = true;
                cursorTs = message.ts;
                break;
            }
            page.add(message);
        }
        ObjectNode answer = SlackJson.object();
        ArrayNode messages = answer.putArray("messages");
        page.forEach(m -> messages.add(shapes.message(m, withMetadata)));
        answer.put("has_more", hasMore);
        answer.put("pin_count", 0);
        answer.put("channel_actions_ts", (String) null);
        answer.put("channel_actions_count", 0);
        answer.set(
                "response_metadata", SlackShapes.responseMetadata(hasMore ? encodeCursor("next_ts:" + cursorTs) : ""));
        return answer;
    }

    ObjectNode replies(ApiRequest request) throws SlackApiError {
        StoredChannel channel = readableChannel(request);
        String ts = request.required("ts", "thread_not_found");
        StoredMessage target = channel.byTs.get(ts);
        if (target == null) {
            throw SlackApiError.of("thread_not_found");
        }
        StoredMessage parent = target.isReply() ? channel.byTs.get(target.parentTs) : target;
        boolean withMetadata = request.bool("include_all_metadata");
        BigDecimal latest = ts(request, "latest", "invalid_ts_latest");
        BigDecimal oldest = ts(request, "oldest", "invalid_ts_oldest");
        boolean inclusive = request.bool("inclusive");
        String cursorTs = decodeCursor(request.string("cursor"), "next_ts:");
        List<StoredMessage> thread = new ArrayList<>();
        thread.add(parent);
        thread.addAll(parent.replies);
        int limit = request.integer("limit", 1000, 1000);
        List<StoredMessage> page = new ArrayList<>();
        boolean hasMore = false;
        for (StoredMessage message : thread) {
            boolean isParent = message == parent;
            if (!isParent && !inRange(message.ts, oldest, latest, inclusive)) {
                continue;
            }
            if (!isParent && cursorTs != null && message.ts.compareTo(cursorTs) < 0) {
                continue;
            }
            if (page.size() == limit) {
                hasMore = true;
                cursorTs = message.ts;
                break;
            }
            page.add(message);
        }
        ObjectNode answer = SlackJson.object();
        ArrayNode messages = answer.putArray("messages");
        page.forEach(m -> messages.add(shapes.message(m, withMetadata)));
        answer.put("has_more", hasMore);
        answer.set(
                "response_metadata", SlackShapes.responseMetadata(hasMore ? encodeCursor("next_ts:" + cursorTs) : ""));
        return answer;
    }

    private static boolean inRange(String ts, BigDecimal oldest, BigDecimal latest, boolean inclusive) {
        BigDecimal value = new BigDecimal(ts);
        if (oldest != null) {
            int c = value.compareTo(oldest);
            if (c < 0 || (c == 0 && !inclusive)) {
                return false;
            }
        }
        if (latest != null) {
            int c = value.compareTo(latest);
            return c < 0 || (c == 0 && inclusive);
        }
        return true;
    }

    private static BigDecimal ts(ApiRequest request, String name, String error) throws SlackApiError {
        String value = request.string(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw SlackApiError.of(error);
        }
    }

    /** A channel the bot can read: public channels need it to be a member, private ones are invisible otherwise. */
    private StoredChannel readableChannel(ApiRequest request) throws SlackApiError {
        StoredChannel channel = channel(request);
        if (!channel.members.contains(state.bot.id())) {
            throw SlackApiError.of("not_in_channel");
        }
        return channel;
    }

    private StoredChannel channel(ApiRequest request) throws SlackApiError {
        String id = request.required("channel", "channel_not_found");
        return state.channelById(id).filter(this::visible).orElseThrow(() -> SlackApiError.of("channel_not_found"));
    }

    private boolean visible(StoredChannel channel) {
        return !channel.isPrivate || channel.members.contains(state.bot.id());
    }

    private ObjectNode withChannel(StoredChannel channel, boolean withMemberCount) {
        ObjectNode answer = SlackJson.object();
        answer.set("channel", shapes.conversation(channel, withMemberCount));
        return answer;
    }

    private static String encodeCursor(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor, String prefix) throws SlackApiError {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (!decoded.startsWith(prefix)) {
                throw SlackApiError.of("invalid_cursor");
            }
            return decoded.substring(prefix.length());
        } catch (IllegalArgumentException e) {
            throw SlackApiError.of("invalid_cursor");
        }
    }
}
