package io.alertbridge.connectors.receivers;

import io.alertbridge.connectors.receivers.webhook.WebhookConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The receivers beside Slack ({@code receivers:} in the configuration), by kind and name:
 *
 * <pre>{@code
 * receivers:
 *   webhook:
 *     tickets: {url: https://tickets.example.com/hooks/alertbridge, secret: secretsmanager:alertbridge/tickets}
 * }</pre>
 *
 * <p>A route lists them as {@code webhook:tickets}; a route naming one that is not defined here is rejected when the
 * rules are loaded or applied. Empty by default. Immutable.
 *
 * @param webhook webhook receivers by name
 */
public record ReceiversConfig(Map<String, WebhookConfig> webhook) {

    public ReceiversConfig {
        webhook = webhook == null ? Map.of() : Map.copyOf(webhook);
        webhook.keySet().forEach(ReceiverId::webhook);
    }

    /** No receivers beside Slack. */
    public static ReceiversConfig none() {
        return new ReceiversConfig(null);
    }

    /** The same receivers plus (or with another) webhook {@code name}. */
    public ReceiversConfig withWebhook(String name, WebhookConfig hook) {
        Map<String, WebhookConfig> hooks = new LinkedHashMap<>(webhook);
        hooks.put(name, hook);
        return new ReceiversConfig(hooks);
    }

    /** The receivers as routes name them ({@code webhook:tickets}, ...), sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        webhook.keySet().forEach(name -> names.add(ReceiverId.webhook(name).toString()));
        return names;
    }

    /** True when no receiver is defined. */
    public boolean isEmpty() {
        return webhook.isEmpty();
    }

    /**
     * The same receivers with their secrets read.
     *
     * @param read turns a configured value (literal or secret reference) into the secret, given the key that holds it
     *     ({@code receivers.webhook.tickets.secret})
     */
    public ReceiversConfig withSecrets(BiFunction<String, String, String> read) {
        Map<String, WebhookConfig> hooks = new LinkedHashMap<>();
        webhook.forEach((name, hook) ->
                hooks.put(name, hook.withSecret(value -> read.apply("receivers.webhook." + name + ".secret", value))));
        return new ReceiversConfig(hooks);
    }
}
