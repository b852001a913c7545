package io.alertbridge.connectors.receivers.pagerduty;

import io.alertbridge.connectors.receivers.DeliverySettings;
import io.alertbridge.connectors.receivers.ReceiverId;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * One PagerDuty receiver ({@code receivers.pagerduty.<name>:} in the configuration).
 *
 * @param routingKey the Events API v2 integration key of the PagerDuty service; a literal or a secret reference
 * @param url the Events API's base URL (default {@code https://events.pagerduty.com}); events go to
 *     {@code <url>/v2/enqueue}
 * @param webhookSecret the v3 webhook subscription's signing secret, or null for no way back; a literal or a secret
 *     reference. With it, {@code POST /pagerduty/<name>/webhooks} on the HTTP port accepts PagerDuty's webhooks
 * @param source {@code payload.source} of triggers (default {@code alertbridge})
 * @param webhookTolerance how old (or how far ahead) a webhook's {@code occurred_at} may be (default 5 min)
 * @param timeout how long one call may take (default 10 s)
 * @param initialBackoff first wait before a retry (default 1 s)
 * @param maxBackoff longest wait between retries (default 5 min)
 * @param giveUpAfter how long one event is retried before it goes to the dead-letter topic (default 24 h)
 * @param groupId the consumer group (default {@code alertbridge-receiver-pagerduty-<name>})
 */
public record PagerDutyConfig(
        String routingKey,
        URI url,
        String webhookSecret,
        String source,
        Duration webhookTolerance,
        Duration timeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration giveUpAfter,
        String groupId) {

    /** PagerDuty's Events API. */
    public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com");

    public PagerDutyConfig {
        if (routingKey == null || routingKey.isBlank()) {
            throw new IllegalArgumentException("routingKey: the PagerDuty service's Events API v2 integration key");
        }
        url = url != null ? url : DEFAULT_URL;
        if (url.getScheme() == null || !url.getScheme().matches("https?")) {
            throw new IllegalArgumentException("url: an http or https URL");
        }
        source = source != null && !source.isBlank() ? source : "alertbridge";
        webhookTolerance = webhookTolerance != null ? webhookTolerance : Duration.ofMinutes(5);
        timeout = timeout != null ? timeout : Duration.ofSeconds(10);
        initialBackoff = initialBackoff != null ? initialBackoff : Duration.ofSeconds(1);
        maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofMinutes(5);
        giveUpAfter = giveUpAfter != null ? giveUpAfter : Duration.ofHours(24);
    }

    /** A receiver with this key against {@code url}, webhooks signed with {@code webhookSecret} (or none). */
    public static PagerDutyConfig of(String routingKey, URI url, String webhookSecret) {
        return new PagerDutyConfig(routingKey, url, webhookSecret, null, null, null, null, null, null, null);
    }

    /** How the receiver named {@code name} delivers. */
    public DeliverySettings delivery(String name) {
        String group = groupId != null ? groupId : ReceiverId.pagerDuty(name).defaultGroupId();
        return new DeliverySettings(group, timeout, initialBackoff, maxBackoff, giveUpAfter);
    }

    /** The same with its secrets read. */
    public PagerDutyConfig withSecrets(UnaryOperator<String> readKey, UnaryOperator<String> readWebhookSecret) {
        return new PagerDutyConfig(
                readKey.apply(routingKey),
                url,
                webhookSecret == null ? null : readWebhookSecret.apply(webhookSecret),
                source,
                webhookTolerance,
                timeout,
                initialBackoff,
                maxBackoff,
                giveUpAfter,
                groupId);
    }

    /** The same with other retry timings and consumer group (tests). */
    public PagerDutyConfig withRetries(Duration initial, Duration max, Duration giveUp, String group) {
        return new PagerDutyConfig(
                routingKey, url, webhookSecret, source, webhookTolerance, timeout, initial, max, giveUp, group);
    }

    @Override
    public String toString() {
        return "PagerDutyConfig[url=" + url + ", source=" + source + ", webhooks=" + (webhookSecret != null) + "]";
    }
}
