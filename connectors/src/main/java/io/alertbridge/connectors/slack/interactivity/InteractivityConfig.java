package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.alertbridge.connectors.config.SectionBinder;
import io.alertbridge.schemas.topics.Topics;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.alertbridge.connectors.config.SectionBinder.isHttpUrl;
import static io.alertbridge.connectors.config.SectionBinder.mask;
import static io.alertbridge.connectors.config.SectionBinder.positive;

/**
 * Configuration of Slack interactivity (buttons and {@code /alerts}): the {@code slack.interactivity} section of
 * the YAML file with the environment's overrides ({@code SLACK_SIGNING_SECRET}, {@code SLACK_BOT_TOKEN},
 * {@code SLACK_APP_TOKEN}, {@code SLACK_API_URL}, {@code ALERTBRIDGE_TOPIC_PREFIX}).
 *
 * <pre>
 * slack:
 *   interactivity:
 *     mode: HTTP                      # or SOCKET; default SOCKET when SLACK_APP_TOKEN is set
 *     allowedUsers: [U0123ABCD]       # who may resolve and silence (with allowedUserGroup); empty: everyone
 *     allowedUserGroup: S0ONCALL
 *     zone: Europe/Paris              # "until tomorrow morning" is 09:00 here
 *     morning: "09:00"
 *     maxSnooze: 7d
 *     maxSilence: 30d
 *     listLimit: 20
 * </pre>
 *
 * <p>Validated on construction: a bad or unknown key fails with a message naming it. The signing secret and the
 * tokens never appear in {@link #toString()} (they are masked), nor in any log line. Immutable.
 *
 * @param mode how Slack reaches us: {@link Mode#HTTP} ({@code /slack/events}, signed requests) or
 *     {@link Mode#SOCKET} (Socket Mode, no public URL); default SOCKET when an app token is set, else HTTP
 * @param signingSecret the app's signing secret; required in HTTP mode
 * @param botToken the bot token ({@code xoxb-...}); required (Bolt checks it with {@code auth.test}, and the
 *     allow-list group is read with it)
 * @param appToken the app-level token ({@code xapp-...}); required in Socket Mode
 * @param apiUrl base URL of Slack's Web API, ending in {@code /} (default {@code https://slack.com/api/})
 * @param path the HTTP path Slack posts to (default {@code /slack/events})
 * @param command the slash command (default {@code /alerts})
 * @param topicPrefix prefix of every topic name (default {@code alertbridge.})
 * @param allowedUsers Slack user ids who may resolve and silence; empty with no group means everyone may
 * @param allowedUserGroup a Slack user group id ({@code S...}) whose members may resolve and silence, or null
 * @param zone the time zone of "until tomorrow morning" (default UTC)
 * @param morning the time of "tomorrow morning" (default 09:00)
 * @param maxSnooze the longest snooze anyone may ask for (default 7 days)
 * @param maxSilence the longest silence anyone may create (default 30 days)
 * @param listLimit how many incidents {@code /alerts list} shows at most (default 20, at most 50)
 * @param groupRefresh how often the allow-list group's members are read again (default 5 minutes)
 */
public record InteractivityConfig(
        Mode mode,
        String signingSecret,
        String botToken,
        String appToken,
        String apiUrl,
        String path,
        String command,
        String topicPrefix,
        Set<String> allowedUsers,
        String allowedUserGroup,
        ZoneId zone,
        LocalTime morning,
        Duration maxSnooze,
        Duration maxSilence,
        Integer listLimit,
        Duration groupRefresh) {

    /** Slack's public Web API. */
    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    /** Where Slack's HTTP requests arrive by default. */
    public static final String DEFAULT_PATH = "/slack/events";
    /** The slash command by default. */
    public static final String DEFAULT_COMMAND = "/alerts";

    private static final String SECTION = "slack.interactivity";
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern GROUP_ID = Pattern.compile("S[A-Z0-9]{2,}");

    public InteractivityConfig {
        appToken = blankToNull(appToken);
        signingSecret = blankToNull(signingSecret);
        botToken = blankToNull(botToken);
        mode = mode != null ? mode : appToken != null ? Mode.SOCKET : Mode.HTTP;
        apiUrl = text(apiUrl, DEFAULT_API_URL);
        path = text(path, DEFAULT_PATH);
        command = text(command, DEFAULT_COMMAND);
        topicPrefix = topicPrefix == null ? Topics.DEFAULT_PREFIX : topicPrefix;
        allowedUsers = normaliseUsers(allowedUsers);
        allowedUserGroup = blankToNull(allowedUserGroup);
        zone = zone == null ? ZoneId.of("UTC") : zone;
        morning = morning == null ? LocalTime.of(9, 0) : morning;
        maxSnooze = maxSnooze == null ? Duration.ofDays(7) : maxSnooze;
        maxSilence = maxSilence == null ? Duration.ofDays(30) : maxSilence;
        listLimit = listLimit == null ? 20 : listLimit;
        groupRefresh = groupRefresh == null ? Duration.ofMinutes(5) : groupRefresh;
        validate(mode, signingSecret, botToken, appToken, apiUrl, path, command);
        require(
                allowedUserGroup == null || GROUP_ID.matcher(allowedUserGroup).matches(),
                "allowedUserGroup",
                "a Slack user group id such as S0123ABCD: " + allowedUserGroup);
        require(positive(maxSnooze), "maxSnooze", "must be positive");
        require(positive(maxSilence), "maxSilence", "must be positive");
        require(listLimit >= 1 && listLimit <= 50, "listLimit", "must be 1..50");
        require(positive(groupRefresh), "groupRefresh", "must be positive");
    }

    private static void validate(
            Mode mode,
            String signingSecret,
            String botToken,
            String appToken,
            String apiUrl,
            String path,
            String command) {
        require(botToken != null, "botToken", "required (set SLACK_BOT_TOKEN)");
        if (mode == Mode.HTTP) {
            require(signingSecret != null, "signingSecret", "required in HTTP mode (set SLACK_SIGNING_SECRET)");
        } else {
            require(appToken != null, "appToken", "required in Socket Mode (set SLACK_APP_TOKEN)");
            require(appToken.startsWith("xapp-"), "appToken", "an app-level token starts with xapp-");
        }
        require(isHttpUrl(apiUrl) && apiUrl.endsWith("/"), "apiUrl", "an http(s) URL ending in /: " + apiUrl);
        require(path.startsWith("/"), "path", "must start with /: " + path);
        require(
                command.startsWith("/") && command.length() > 1 && !command.contains(" "),
                "command",
                "a slash command such as /alerts: " + command);
    }

    /** HTTP mode with defaults everywhere else. */
    public static InteractivityConfig http(String signingSecret, String botToken) {
        return new InteractivityConfig(
                Mode.HTTP,
                signingSecret,
                botToken,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Socket Mode with defaults everywhere else. */
    public static InteractivityConfig socketMode(String appToken, String botToken) {
        return new InteractivityConfig(
                Mode.SOCKET,
                null,
                botToken,
                appToken,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * Binds the YAML {@code slack.interactivity} section (as a map; null for none) and applies the environment's
     * overrides.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public static InteractivityConfig from(Map<String, ?> section, Map<String, String> env) {
        return SectionBinder.of(SECTION, section)
                .onlyKeysOf(InteractivityConfig.class)
                .overlay("signingSecret", env.get("SLACK_SIGNING_SECRET"))
                .overlay("botToken", env.get("SLACK_BOT_TOKEN"))
                .overlay("appToken", env.get("SLACK_APP_TOKEN"))
                .overlay("apiUrl", env.get("SLACK_API_URL"))
                .overlay("topicPrefix", env.get("ALERTBRIDGE_TOPIC_PREFIX"))
                .timeKeys("zone", "morning")
                .bind(InteractivityConfig.class);
    }

    /** This configuration with another Web API URL (tests, the local workspace). */
    public InteractivityConfig withApiUrl(String url) {
        return new InteractivityConfig(
                mode,
                signingSecret,
                botToken,
                appToken,
                url,
                path,
                command,
                topicPrefix,
                allowedUsers,
                allowedUserGroup,
                zone,
                morning,
                maxSnooze,
                maxSilence,
                listLimit,
                groupRefresh);
    }

    /** This configuration with another topic prefix. */
    public InteractivityConfig withTopicPrefix(String prefix) {
        return new InteractivityConfig(
                mode,
                signingSecret,
                botToken,
                appToken,
                apiUrl,
                path,
                command,
                prefix,
                allowedUsers,
                allowedUserGroup,
                zone,
                morning,
                maxSnooze,
                maxSilence,
                listLimit,
                groupRefresh);
    }

    /** This configuration with an allow-list of who may resolve and silence. */
    public InteractivityConfig withAllowList(Set<String> users, String userGroup) {
        return new InteractivityConfig(
                mode,
                signingSecret,
                botToken,
                appToken,
                apiUrl,
                path,
                command,
                topicPrefix,
                users,
                userGroup,
                zone,
                morning,
                maxSnooze,
                maxSilence,
                listLimit,
                groupRefresh);
    }

    /** This configuration with another "tomorrow morning". */
    public InteractivityConfig withMorning(ZoneId inZone, LocalTime at) {
        return new InteractivityConfig(
                mode,
                signingSecret,
                botToken,
                appToken,
                apiUrl,
                path,
                command,
                topicPrefix,
                allowedUsers,
                allowedUserGroup,
                inZone,
                at,
                maxSnooze,
                maxSilence,
                listLimit,
                groupRefresh);
    }

    /** The topic catalog under this configuration's prefix. */
    @JsonIgnore
    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    /** True when an allow-list restricts who may resolve and silence. */
    @JsonIgnore
    public boolean restricted() {
        return !allowedUsers.isEmpty() || allowedUserGroup != null;
    }

    /** Everything but the secrets, which are shown masked. */
    @Override
    public String toString() {
        return "InteractivityConfig[mode=" + mode + ", signingSecret=" + mask(signingSecret) + ", botToken="
                + mask(botToken) + ", appToken=" + mask(appToken) + ", apiUrl=" + apiUrl + ", path=" + path
                + ", command=" + command + ", topicPrefix=" + topicPrefix + ", allowedUsers=" + allowedUsers
                + ", allowedUserGroup=" + allowedUserGroup + ", zone=" + zone + ", morning=" + morning
                + ", maxSnooze=" + maxSnooze + ", maxSilence=" + maxSilence + ", listLimit=" + listLimit
                + ", groupRefresh=" + groupRefresh + "]";
    }

    /** How Slack's requests reach the app. */
    public enum Mode {
        /** Slack posts signed requests to {@link #path()} on the process's HTTP port. */
        HTTP,
        /** The app opens a WebSocket to Slack with the app-level token; no public URL is needed. */
        SOCKET
    }

    private static Set<String> normaliseUsers(Set<String> in) {
        Set<String> out = new TreeSet<>();
        if (in != null) {
            for (String s : in) {
                if (s == null || s.isBlank()) {
                    continue;
                }
                String id = s.strip().toUpperCase(Locale.ROOT);
                require(USER_ID.matcher(id).matches(), "allowedUsers", "a Slack user id such as U0123ABCD: " + s);
                out.add(id);
            }
        }
        return Set.copyOf(out);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** A check of this section's key, named in the file's terms ({@code slack.interactivity.listLimit}). */
    private static void require(boolean ok, String key, String message) {
        SectionBinder.require(ok, SECTION + "." + key, message);
    }
}
