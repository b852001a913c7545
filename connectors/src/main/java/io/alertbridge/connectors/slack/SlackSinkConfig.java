package io.alertbridge.connectors.slack;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.alertbridge.connectors.secrets.SecretReference;
import io.alertbridge.schemas.topics.Topics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.alertbridge.schemas.config.Check.isHttpUrl;
import static io.alertbridge.schemas.config.Check.mask;
import static io.alertbridge.schemas.config.Check.positive;
import static io.alertbridge.schemas.config.Check.require;

/**
 * The Slack sink's configuration: the {@code slack} section of the YAML file with the environment's overrides
 * ({@code SLACK_API_URL}, {@code SLACK_BOT_TOKEN}, {@code SLACK_DEFAULT_CHANNEL}), bound by the one configuration
 * loader, which also sets {@code topicPrefix} from {@code topics.prefix} unless the section sets it.
 * Validated on construction: a bad value fails with a message naming its key. The token never appears in
 * {@link #toString()}. Immutable.
 *
 * @param apiUrl base URL of Slack's Web API, ending in {@code /} (default {@code https://slack.com/api/})
 * @param token the bot token ({@code xoxb-...}); required
 * @param defaultChannel where messages go when their channel cannot take them (default {@code #alerts})
 * @param topicPrefix prefix of every topic name (default {@code alertbridge.})
 * @param groupId the sink's consumer group (default {@code alertbridge-slack-sink})
 * @param inviteOptOuts e-mail addresses (any case) or Slack user ids never invited to incident channels
 * @param archiveAfter how long after resolve an incident channel is archived, when its route does not say
 * @param initialBackoff first wait after a 5xx or network error (default 1 s)
 * @param maxBackoff longest wait between retries (default 60 s)
 * @param callTimeout HTTP timeout of one Slack call (default 15 s)
 * @param reconcilePages how many pages of 200 messages of channel history are searched when reconciling
 * @param refRetention how long the sink remembers a resolved incident's message (default 7 days)
 * @param templates message templates by route id (see {@link MessageTemplate})
 * @param graphs the graphs in incident messages (see {@link GraphSettings})
 */
public record SlackSinkConfig(
        String apiUrl,
        String token,
        String defaultChannel,
        String topicPrefix,
        String groupId,
        Set<String> inviteOptOuts,
        Duration archiveAfter,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration callTimeout,
        Integer reconcilePages,
        Duration refRetention,
        Map<String, MessageTemplate> templates,
        GraphSettings graphs) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final String DEFAULT_GROUP_ID = "alertbridge-slack-sink";

    public SlackSinkConfig {
        apiUrl = text(apiUrl, DEFAULT_API_URL);
        defaultChannel = text(defaultChannel, "#alerts");
        topicPrefix = topicPrefix == null ? Topics.DEFAULT_PREFIX : topicPrefix;
        groupId = text(groupId, DEFAULT_GROUP_ID);
        inviteOptOuts = normalise(inviteOptOuts);
        archiveAfter = or(archiveAfter, Duration.ofHours(24));
        initialBackoff = or(initialBackoff, Duration.ofSeconds(1));
        maxBackoff = or(maxBackoff, Duration.ofSeconds(60));
        callTimeout = or(callTimeout, Duration.ofSeconds(15));
        reconcilePages = or(reconcilePages, 5);
        refRetention = or(refRetention, Duration.ofDays(7));
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        graphs = graphs == null ? GraphSettings.defaults() : graphs;
        require(token != null && !token.isBlank(), "slack.token", "required (set SLACK_BOT_TOKEN)");
        SecretReference.Parsed reference = SecretReference.parse(token);
        require(!reference.isInvalid(), "slack.token", String.valueOf(reference.reason()));
        require(isHttpUrl(apiUrl) && apiUrl.endsWith("/"), "slack.apiUrl", "an http(s) URL ending in /: " + apiUrl);
        validateDurations(archiveAfter, initialBackoff, maxBackoff, callTimeout, refRetention);
        require(reconcilePages >= 1 && reconcilePages <= 50, "slack.reconcilePages", "must be 1..50");
    }

    private static void validateDurations(
            Duration archiveAfter,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration callTimeout,
            Duration refRetention) {
        require(!archiveAfter.isNegative(), "slack.archiveAfter", "must not be negative");
        require(positive(initialBackoff), "slack.initialBackoff", "must be positive");
        require(
                positive(maxBackoff) && maxBackoff.compareTo(initialBackoff) >= 0,
                "slack.maxBackoff",
                "must be at least slack.initialBackoff");
        require(positive(callTimeout), "slack.callTimeout", "must be positive");
        require(positive(refRetention), "slack.refRetention", "must be positive");
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** Defaults everywhere but the token. */
    public static SlackSinkConfig defaults(String token) {
        return new SlackSinkConfig(null, token, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The topic catalog under this configuration's prefix. */
    @JsonIgnore
    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    /** The compacted topic that holds incident → Slack message references: {@code <prefix>slack.refs}. */
    @JsonIgnore
    public String refsTopic() {
        return topicPrefix + "slack.refs";
    }

    /** The template of a route: its own, else the one configured under {@code default}, else the built-in one. */
    public MessageTemplate templateFor(String routeId) {
        MessageTemplate own = routeId == null ? null : templates.get(routeId);
        if (own != null) {
            return own;
        }
        return templates.getOrDefault("default", MessageTemplate.DEFAULT);
    }

    /** True when this person (e-mail in any case, or user id) asked never to be invited. */
    public boolean optedOut(String emailOrUserId) {
        return emailOrUserId != null
                && inviteOptOuts.contains(emailOrUserId.strip().toLowerCase(Locale.ROOT));
    }

    /** Everything but the token, which is shown masked. */
    @Override
    public String toString() {
        return "SlackSinkConfig[apiUrl=" + apiUrl + ", token=" + mask(token) + ", defaultChannel=" + defaultChannel
                + ", topicPrefix=" + topicPrefix + ", groupId=" + groupId + ", inviteOptOuts=" + inviteOptOuts.size()
                + ", archiveAfter=" + archiveAfter + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", callTimeout=" + callTimeout + ", reconcilePages=" + reconcilePages
                + ", refRetention=" + refRetention + ", templates=" + templates.keySet() + ", graphs=" + graphs + "]";
    }

    private static Set<String> normalise(Set<String> in) {
        Set<String> out = new TreeSet<>();
        if (in != null) {
            for (String s : in) {
                if (s != null && !s.isBlank()) {
                    out.add(s.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Set.copyOf(out);
    }

    /** A builder with nothing set (the constructor's defaults): set what differs, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@code SlackSinkConfig}; {@link #build()} validates as the constructor does. Not thread-safe. */
    public static final class Builder {
        private String apiUrl;
        private String token;
        private String defaultChannel;
        private String topicPrefix;
        private String groupId;
        private Set<String> inviteOptOuts;
        private Duration archiveAfter;
        private Duration initialBackoff;
        private Duration maxBackoff;
        private Duration callTimeout;
        private Integer reconcilePages;
        private Duration refRetention;
        private Map<String, MessageTemplate> templates;
        private GraphSettings graphs;

        private Builder() {}

        private Builder(SlackSinkConfig from) {
            apiUrl = from.apiUrl;
            token = from.token;
            defaultChannel = from.defaultChannel;
            topicPrefix = from.topicPrefix;
            groupId = from.groupId;
            inviteOptOuts = from.inviteOptOuts;
            archiveAfter = from.archiveAfter;
            initialBackoff = from.initialBackoff;
            maxBackoff = from.maxBackoff;
            callTimeout = from.callTimeout;
            reconcilePages = from.reconcilePages;
            refRetention = from.refRetention;
            templates = from.templates;
            graphs = from.graphs;
        }

        public Builder apiUrl(String value) {
            apiUrl = value;
            return this;
        }

        public Builder token(String value) {
            token = value;
            return this;
        }

        public Builder defaultChannel(String value) {
            defaultChannel = value;
            return this;
        }

        public Builder topicPrefix(String value) {
            topicPrefix = value;
            return this;
        }

        public Builder groupId(String value) {
            groupId = value;
            return this;
        }

        public Builder inviteOptOuts(Set<String> value) {
            inviteOptOuts = value;
            return this;
        }

        public Builder archiveAfter(Duration value) {
            archiveAfter = value;
            return this;
        }

        public Builder initialBackoff(Duration value) {
            initialBackoff = value;
            return this;
        }

        public Builder maxBackoff(Duration value) {
            maxBackoff = value;
            return this;
        }

        public Builder callTimeout(Duration value) {
            callTimeout = value;
            return this;
        }

        public Builder reconcilePages(Integer value) {
            reconcilePages = value;
            return this;
        }

        public Builder refRetention(Duration value) {
            refRetention = value;
            return this;
        }

        public Builder templates(Map<String, MessageTemplate> value) {
            templates = value;
            return this;
        }

        public Builder graphs(GraphSettings value) {
            graphs = value;
            return this;
        }

        /** The prefix of this topic catalog. */
        public Builder topics(Topics catalog) {
            topicPrefix = catalog.prefix();
            return this;
        }

        /** The configuration, validated. */
        public SlackSinkConfig build() {
            return new SlackSinkConfig(
                    apiUrl,
                    token,
                    defaultChannel,
                    topicPrefix,
                    groupId,
                    inviteOptOuts,
                    archiveAfter,
                    initialBackoff,
                    maxBackoff,
                    callTimeout,
                    reconcilePages,
                    refRetention,
                    templates,
                    graphs);
        }
    }
}
