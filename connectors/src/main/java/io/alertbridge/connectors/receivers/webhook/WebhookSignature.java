package io.alertbridge.connectors.receivers.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The webhook signature: {@code Alertbridge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} where the HMAC is
 * computed with the receiver's secret over {@code t + "." + body} (the body's raw bytes). Signing the timestamp with
 * the body lets a receiver refuse a replayed request ({@link #verify} with a tolerance). Pure functions.
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "Alertbridge-Signature";

    private WebhookSignature() {}

    /** The header value for {@code body} sent at {@code timestamp}. */
    public static String header(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /**
     * Checks a header as a receiver would: a {@code v1} signature must match and {@code t} must be within
     * {@code tolerance} of {@code now}.
     */
    public static boolean verify(String header, byte[] body, String secret, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        for (String part : header.split(",")) {
            String item = part.trim();
            if (item.startsWith("t=")) {
                try {
                    timestamp = Long.parseLong(item.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        if (timestamp == null || Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hmac(secret, timestamp, body);
        for (String part : header.split(",")) {
            String item = part.trim();
            if (item.startsWith("v1=")) {
                try {
                    if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(item.substring(3)))) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    // Not hex: not a match; another v1 may follow.
                }
            }
        }
        return false;
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
