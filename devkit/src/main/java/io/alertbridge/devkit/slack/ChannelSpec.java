package io.alertbridge.devkit.slack;

import java.util.List;
import java.util.Objects;

/**
 * A channel that exists when a {@link LocalSlackWorkspace} starts.
 *
 * @param name the channel's name, without {@code #} (lower case, digits, {@code -} and {@code _}, as Slack wants)
 * @param isPrivate whether it is a private channel (invisible to the bot unless the bot is a member)
 * @param botIsMember whether the app's bot user is in it (posting anywhere else answers {@code not_in_channel})
 * @param members the {@link UserSpec#name() names} of the people in it; an empty list means every configured user,
 *     as in a small team's workspace
 */
public record ChannelSpec(String name, boolean isPrivate, boolean botIsMember, List<String> members) {

    public ChannelSpec {
        Objects.requireNonNull(name, "name");
        if (name.startsWith("#")) {
            name = name.substring(1);
        }
        members = List.copyOf(members);
    }

    /** A public channel with the bot and everyone in it. */
    public static ChannelSpec publicChannel(String name) {
        return new ChannelSpec(name, false, true, List.of());
    }

    /** A private channel with the bot and everyone in it. */
    public static ChannelSpec privateChannel(String name) {
        return new ChannelSpec(name, true, true, List.of());
    }

    /** The same channel without the bot in it. */
    public ChannelSpec withoutBot() {
        return new ChannelSpec(name, isPrivate, false, members);
    }

    /** The same channel with only the named people in it. */
    public ChannelSpec withMembers(String... userNames) {
        return new ChannelSpec(name, isPrivate, botIsMember, List.of(userNames));
    }
}
