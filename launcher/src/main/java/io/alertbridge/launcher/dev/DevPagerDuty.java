package io.alertbridge.launcher.dev;

import io.alertbridge.connectors.receivers.pagerduty.PagerDutyConfig;
import io.alertbridge.devkit.receivers.LocalPagerDuty;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Dev mode's PagerDuty: the devkit's Events API v2 stand-in behind the receiver {@code pagerduty:local}, which
 * validates every event as PagerDuty does and logs what it got. Its routing key and webhook secret are made at every
 * start. Kept behind this class so that the launcher's commands never name a devkit type.
 */
public final class DevPagerDuty implements AutoCloseable {

    /** The receiver's name: routes list it as {@code pagerduty:local}. */
    public static final String NAME = "local";

    private final LocalPagerDuty pagerDuty;
    private final String routingKey;
    private final String webhookSecret;

    private DevPagerDuty(LocalPagerDuty pagerDuty, String routingKey, String webhookSecret) {
        this.pagerDuty = pagerDuty;
        this.routingKey = routingKey;
        this.webhookSecret = webhookSecret;
    }

    /** Starts the stand-in on a free loopback port. */
    public static DevPagerDuty start() {
        String key = random(16);
        return new DevPagerDuty(LocalPagerDuty.start(Set.of(key)), key, "pd_dev_" + random(16));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** The Events API's base URL. */
    public URI url() {
        return pagerDuty.url();
    }

    /** The receiver's configuration. */
    public PagerDutyConfig config() {
        return PagerDutyConfig.of(routingKey, url(), webhookSecret);
    }

    @Override
    public void close() {
        pagerDuty.close();
    }
}
