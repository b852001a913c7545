package io.alertbridge.devkit.slack;

/**
 * A snapshot of a user of a {@link LocalSlackWorkspace}, for tests.
 *
 * @param id the user id ({@code U...})
 * @param name the handle
 * @param realName the full name
 * @param email the e-mail address (empty for the bot)
 * @param isBot whether this is the app's bot user
 */
public record SlackUser(String id, String name, String realName, String email, boolean isBot) {}
