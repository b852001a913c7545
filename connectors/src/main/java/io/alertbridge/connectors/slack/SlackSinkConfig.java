package io.alertbridge.connectors.slack;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.alertbridge.connectors.config.SectionBinder;
import io.alertbridge.schemas.topics.Topics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.alertbridge.connectors.config.SectionBinder.isHttpUrl;
import static io.alertbridge.connectors.config.SectionBinder.mask;
import static io.alertbridge.connectors.config.SectionBinder.positive;
import static io.alertbridge.connectors.config.SectionBinder.require;

/**
 * The Slack sink's configuration: the {@code slack} section of the YAML file with the environment's overrides
 * ({@code SLACK_API_URL}, {@code SLACK_BOT_TOKEN}, {@code SLACK_DEFAULT_CHANNEL}, {@code ALERTBRIDGE_TOPIC_PREFIX}).
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
        Map<String, MessageTemplate> templates) {

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
        require(token != null && !token.isBlank(), "slack.token", "required (set SLACK_BOT_TOKEN)");
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
        return new SlackSinkConfig(null, token, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Binds the YAML {@code slack} section (as a map; null for none) and applies the environment's overrides.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public static SlackSinkConfig from(Map<String, ?> section, Map<String, String> env) {
        return SectionBinder.of("slack", section)
                .overlay("apiUrl", env.get("SLACK_API_URL"))
                .overlay("token", env.get("SLACK_BOT_TOKEN"))
                .overlay("defaultChannel", env.get("SLACK_DEFAULT_CHANNEL"))
                .overlay("topicPrefix", env.get("ALERTBRIDGE_TOPIC_PREFIX"))
                .bind(SlackSinkConfig.class);
    }

    /** This configuration with another API URL (tests, the local workspace). */
    public SlackSinkConfig withApiUrl(String url) {
        return new SlackSinkConfig(
                url,
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
                templates);
    }

    /** This configuration with another topic prefix and consumer group. */
    public SlackSinkConfig withTopics(String prefix, String group) {
        return new SlackSinkConfig(
                apiUrl,
                token,
                defaultChannel,
                prefix,
                group,
                inviteOptOuts,
                archiveAfter,
                initialBackoff,
                maxBackoff,
                callTimeout,
                reconcilePages,
                refRetention,
                templates);
    }

    /** This configuration with other retry waits. */
    public SlackSinkConfig withBackoff(Duration initial, Duration max) {
        return new SlackSinkConfig(
                apiUrl,
                token,
                defaultChannel,
                topicPrefix,
                groupId,
                inviteOptOuts,
                archiveAfter,
                initial,
                max,
                callTimeout,
                reconcilePages,
                refRetention,
                templates);
    }

    /** This configuration with another default channel. */
    public SlackSinkConfig withDefaultChannel(String channel) {
        return new SlackSinkConfig(
                apiUrl,
                token,
                channel,
                topicPrefix,
                groupId,
                inviteOptOuts,
                archiveAfter,
                initialBackoff,
                maxBackoff,
                callTimeout,
                reconcilePages,
                refRetention,
                templates);
    }

    /** This configuration with incident-channel settings. */
    public SlackSinkConfig withIncidentChannels(Set<String> optOuts, Duration archiveDelay) {
        return new SlackSinkConfig(
                apiUrl,
                token,
                defaultChannel,
                topicPrefix,
                groupId,
                optOuts,
                archiveDelay,
                initialBackoff,
                maxBackoff,
                callTimeout,
                reconcilePages,
                refRetention,
                templates);
    }

    /** This configuration with message templates by route id. */
    public SlackSinkConfig withTemplates(Map<String, MessageTemplate> byRoute) {
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
                byRoute);
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
                + ", refRetention=" + refRetention + ", templates=" + templates.keySet() + "]";
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
}
