package io.alertbridge.launcher.dev;

import io.alertbridge.connectors.receivers.webhook.WebhookConfig;
import io.alertbridge.devkit.receivers.LocalWebhookReceiver;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Dev mode's webhook destination: the devkit's local webhook stand-in with a secret made at every start, verifying
 * each signature and logging each delivery, behind the receiver {@code webhook:local}. Kept behind this class so
 * that the launcher's commands never name a devkit type (the server jar has no devkit).
 */
public final class DevWebhook implements AutoCloseable {

    /** The receiver's name: routes list it as {@code webhook:local}. */
    public static final String NAME = "local";

    private final LocalWebhookReceiver receiver;
    private final String secret;

    private DevWebhook(LocalWebhookReceiver receiver, String secret) {
        this.receiver = receiver;
        this.secret = secret;
    }

    /** Starts the stand-in on a free loopback port. */
    public static DevWebhook start() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_dev_" + HexFormat.of().formatHex(key);
        return new DevWebhook(LocalWebhookReceiver.start(secret), secret);
    }

    /** Where {@code webhook:local} posts. */
    public URI url() {
        return receiver.url(NAME);
    }

    /** The receiver's configuration. */
    public WebhookConfig config() {
        return WebhookConfig.of(url(), secret);
    }

    @Override
    public void close() {
        receiver.close();
    }
}
