package io.alertbridge.connectors.receivers.webhook;

import io.alertbridge.connectors.receivers.DeliverySettings;
import io.alertbridge.connectors.receivers.ReceiverId;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * One webhook receiver ({@code receivers.webhook.<name>:} in the configuration).
 *
 * @param url where the changes are POSTed (http or https)
 * @param secret the HMAC key of {@code Alertbridge-Signature}; a literal or a secret reference
 *     ({@code secretsmanager:...}, {@code ssm:...}), read at start
 * @param timeout how long one POST may take (default 10 s); then it counts as no answer and is retried
 * @param initialBackoff first wait before a retry (default 1 s)
 * @param maxBackoff longest wait between retries (default 5 min)
 * @param giveUpAfter how long one change is retried before it goes to the dead-letter topic (default 24 h)
 * @param groupId the consumer group (default {@code alertbridge-receiver-webhook-<name>})
 */
public record WebhookConfig(
        URI url,
        String secret,
        Duration timeout,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration giveUpAfter,
        String groupId) {

    public WebhookConfig {
        if (url == null || url.getScheme() == null || !url.getScheme().matches("https?")) {
            throw new IllegalArgumentException("url: a webhook needs an http or https URL");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("secret: a webhook needs a signing secret");
        }
        timeout = timeout != null ? timeout : Duration.ofSeconds(10);
        initialBackoff = initialBackoff != null ? initialBackoff : Duration.ofSeconds(1);
        maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofMinutes(5);
        giveUpAfter = giveUpAfter != null ? giveUpAfter : Duration.ofHours(24);
    }

    /** A webhook to {@code url} signed with {@code secret}, everything else by default. */
    public static WebhookConfig of(URI url, String secret) {
        return new WebhookConfig(url, secret, null, null, null, null, null);
    }

    /** How the receiver named {@code name} delivers. */
    public DeliverySettings delivery(String name) {
        String group = groupId != null ? groupId : ReceiverId.webhook(name).defaultGroupId();
        return new DeliverySettings(group, timeout, initialBackoff, maxBackoff, giveUpAfter);
    }

    /** The same with its secret read ({@code read} turns a reference into the value). */
    public WebhookConfig withSecret(UnaryOperator<String> read) {
        return new WebhookConfig(url, read.apply(secret), timeout, initialBackoff, maxBackoff, giveUpAfter, groupId);
    }

    /** The same with other retry timings (tests, the soak). */
    public WebhookConfig withRetries(Duration initial, Duration max, Duration giveUp) {
        return new WebhookConfig(url, secret, timeout, initial, max, giveUp, groupId);
    }

    @Override
    public String toString() {
        // The URL may carry a token of its own (as Slack's incoming webhooks do): never printed.
        return "WebhookConfig[timeout=" + timeout + ", giveUpAfter=" + giveUpAfter + "]";
    }
}
