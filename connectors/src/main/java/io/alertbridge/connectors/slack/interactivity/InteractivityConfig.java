package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.alertbridge.connectors.secrets.SecretReference;
import io.alertbridge.schemas.config.Check;
import io.alertbridge.schemas.topics.Topics;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static io.alertbridge.schemas.config.Check.isHttpUrl;
import static io.alertbridge.schemas.config.Check.mask;
import static io.alertbridge.schemas.config.Check.positive;

/**
 * Configuration of Slack interactivity (buttons and {@code /alerts}): the {@code interactivity} section of
 * the YAML file with the environment's overrides ({@code SLACK_SIGNING_SECRET}, {@code SLACK_BOT_TOKEN},
 * {@code SLACK_APP_TOKEN}, {@code SLACK_API_URL}), bound by the one configuration loader, which also sets
 * {@code topicPrefix} from {@code topics.prefix} unless the section sets it.
 *
 * <pre>
 * interactivity:
 *   mode: HTTP                      # or SOCKET; default SOCKET when SLACK_APP_TOKEN is set
 *   allowedUsers: [U0123ABCD]       # who may resolve and silence (with allowedUserGroup); empty: everyone
 *   allowedUserGroup: S0ONCALL
 *   zone: Europe/Paris              # "until tomorrow morning" is 09:00 here
 *   morning: "09:00"
 *   maxSnooze: 7d
 *   maxSilence: 30d
 *   listLimit: 20
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

    private static final String SECTION = "interactivity";
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

    /** A value that starts like a secret reference must be a valid one; the reason never quotes the value. */
    private static void referenceOk(String key, String value) {
        SecretReference.Parsed parsed = SecretReference.parse(value);
        if (parsed.isInvalid()) {
            require(false, key, parsed.reason());
        }
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
            require(
                    appToken.startsWith("xapp-") || SecretReference.looksLikeReference(appToken),
                    "appToken",
                    "an app-level token starts with xapp- (or is a secretsmanager: / ssm: reference)");
        }
        referenceOk("signingSecret", signingSecret);
        referenceOk("botToken", botToken);
        referenceOk("appToken", appToken);
        require(isHttpUrl(apiUrl) && apiUrl.endsWith("/"), "apiUrl", "an http(s) URL ending in /: " + apiUrl);
        require(path.startsWith("/"), "path", "must start with /: " + path);
        require(
                command.startsWith("/") && command.length() > 1 && !command.contains(" "),
                "command",
                "a slash command such as /alerts: " + command);
    }

    /** HTTP mode with defaults everywhere else. */
    public static InteractivityConfig http(String signingSecret, String botToken) {
        return builder()
                .mode(Mode.HTTP)
                .signingSecret(signingSecret)
                .botToken(botToken)
                .build();
    }

    /** Socket Mode with defaults everywhere else. */
    public static InteractivityConfig socketMode(String appToken, String botToken) {
        return builder().mode(Mode.SOCKET).appToken(appToken).botToken(botToken).build();
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

    /** A check of this section's key, named in the file's terms ({@code interactivity.listLimit}). */
    private static void require(boolean ok, String key, String message) {
        Check.require(ok, SECTION + "." + key, message);
    }

    /** A builder with nothing set (the constructor's defaults): set what differs, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@code InteractivityConfig}; {@link #build()} validates as the constructor does. Not thread-safe. */
    public static final class Builder {
        private Mode mode;
        private String signingSecret;
        private String botToken;
        private String appToken;
        private String apiUrl;
        private String path;
        private String command;
        private String topicPrefix;
        private Set<String> allowedUsers;
        private String allowedUserGroup;
        private ZoneId zone;
        private LocalTime morning;
        private Duration maxSnooze;
        private Duration maxSilence;
        private Integer listLimit;
        private Duration groupRefresh;

        private Builder() {}

        private Builder(InteractivityConfig from) {
            mode = from.mode;
            signingSecret = from.signingSecret;
            botToken = from.botToken;
            appToken = from.appToken;
            apiUrl = from.apiUrl;
            path = from.path;
            command = from.command;
            topicPrefix = from.topicPrefix;
            allowedUsers = from.allowedUsers;
            allowedUserGroup = from.allowedUserGroup;
            zone = from.zone;
            morning = from.morning;
            maxSnooze = from.maxSnooze;
            maxSilence = from.maxSilence;
            listLimit = from.listLimit;
            groupRefresh = from.groupRefresh;
        }

        public Builder mode(Mode value) {
            mode = value;
            return this;
        }

        public Builder signingSecret(String value) {
            signingSecret = value;
            return this;
        }

        public Builder botToken(String value) {
            botToken = value;
            return this;
        }

        public Builder appToken(String value) {
            appToken = value;
            return this;
        }

        public Builder apiUrl(String value) {
            apiUrl = value;
            return this;
        }

        public Builder path(String value) {
            path = value;
            return this;
        }

        public Builder command(String value) {
            command = value;
            return this;
        }

        public Builder topicPrefix(String value) {
            topicPrefix = value;
            return this;
        }

        public Builder allowedUsers(Set<String> value) {
            allowedUsers = value;
            return this;
        }

        public Builder allowedUserGroup(String value) {
            allowedUserGroup = value;
            return this;
        }

        public Builder zone(ZoneId value) {
            zone = value;
            return this;
        }

        public Builder morning(LocalTime value) {
            morning = value;
            return this;
        }

        public Builder maxSnooze(Duration value) {
            maxSnooze = value;
            return this;
        }

        public Builder maxSilence(Duration value) {
            maxSilence = value;
            return this;
        }

        public Builder listLimit(Integer value) {
            listLimit = value;
            return this;
        }

        public Builder groupRefresh(Duration value) {
            groupRefresh = value;
            return this;
        }

        /** The prefix of this topic catalog. */
        public Builder topics(Topics catalog) {
            topicPrefix = catalog.prefix();
            return this;
        }

        /** The configuration, validated. */
        public InteractivityConfig build() {
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
                    zone,
                    morning,
                    maxSnooze,
                    maxSilence,
                    listLimit,
                    groupRefresh);
        }
    }
}
