package io.alertbridge.connectors.receivers.assembly;

import io.alertbridge.connectors.receivers.ReceiverId;
import io.alertbridge.connectors.receivers.email.EmailConfig;
import io.alertbridge.connectors.receivers.pagerduty.PagerDutyConfig;
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
 *   pagerduty:
 *     oncall: {routingKey: secretsmanager:alertbridge/pagerduty#oncall, webhookSecret: ssm:/alertbridge/pd-webhook}
 * }</pre>
 *
 * <p>A route lists them as {@code webhook:tickets}; a route naming one that is not defined here is rejected when the
 * rules are loaded or applied. Empty by default. Immutable.
 *
 * @param webhook webhook receivers by name
 * @param pagerduty PagerDuty receivers by name
 * @param email e-mail receivers by name
 */
public record ReceiversConfig(
        Map<String, WebhookConfig> webhook, Map<String, PagerDutyConfig> pagerduty, Map<String, EmailConfig> email) {

    public ReceiversConfig {
        webhook = webhook == null ? Map.of() : Map.copyOf(webhook);
        pagerduty = pagerduty == null ? Map.of() : Map.copyOf(pagerduty);
        webhook.keySet().forEach(ReceiverId::webhook);
        pagerduty.keySet().forEach(ReceiverId::pagerDuty);
        email = email == null ? Map.of() : Map.copyOf(email);
        email.keySet().forEach(name -> new ReceiverId(ReceiverId.Kind.EMAIL, name));
    }

    /** No receivers beside Slack. */
    public static ReceiversConfig none() {
        return new ReceiversConfig(null, null, null);
    }

    /** The same receivers plus (or with another) webhook {@code name}. */
    public ReceiversConfig withWebhook(String name, WebhookConfig hook) {
        Map<String, WebhookConfig> hooks = new LinkedHashMap<>(webhook);
        hooks.put(name, hook);
        return new ReceiversConfig(hooks, pagerduty, email);
    }

    /** The same receivers plus (or with another) PagerDuty receiver {@code name}. */
    public ReceiversConfig withPagerDuty(String name, PagerDutyConfig config) {
        Map<String, PagerDutyConfig> services = new LinkedHashMap<>(pagerduty);
        services.put(name, config);
        return new ReceiversConfig(webhook, services, email);
    }

    /** The receivers as routes name them ({@code webhook:tickets}, ...), sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        webhook.keySet().forEach(name -> names.add(ReceiverId.webhook(name).toString()));
        pagerduty.keySet().forEach(name -> names.add(ReceiverId.pagerDuty(name).toString()));
        email.keySet().forEach(name -> names.add(new ReceiverId(ReceiverId.Kind.EMAIL, name).toString()));
        return names;
    }

    /** True when no receiver is defined. */
    public boolean isEmpty() {
        return webhook.isEmpty() && pagerduty.isEmpty() && email.isEmpty();
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
        Map<String, PagerDutyConfig> services = new LinkedHashMap<>();
        pagerduty.forEach((name, service) -> services.put(
                name,
                service.withSecrets(
                        value -> read.apply("receivers.pagerduty." + name + ".routingKey", value),
                        value -> read.apply("receivers.pagerduty." + name + ".webhookSecret", value))));
        Map<String, EmailConfig> mails = new LinkedHashMap<>();
        email.forEach((name, mail) -> mails.put(
                name, mail.withPassword(value -> read.apply("receivers.email." + name + ".password", value))));
        return new ReceiversConfig(hooks, services, mails);
    }
}
