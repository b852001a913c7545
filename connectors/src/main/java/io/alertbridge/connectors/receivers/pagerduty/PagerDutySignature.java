package io.alertbridge.connectors.receivers.pagerduty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * PagerDuty's v3 webhook signature: {@code X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw body with the
 * subscription's secret>}, possibly several comma-separated {@code v1=} values while a secret is being rotated; one
 * match is enough. Compared in constant time. Pure functions.
 */
public final class PagerDutySignature {

    /** The header. */
    public static final String HEADER = "X-PagerDuty-Signature";

    private PagerDutySignature() {}

    /** True when one of the header's {@code v1} signatures is the body's with {@code secret}. */
    public static boolean verify(String header, byte[] body, String secret) {
        if (header == null || secret == null) {
            return false;
        }
        byte[] expected = hmac(secret, body);
        for (String part : header.split(",")) {
            String item = part.trim();
            if (item.startsWith("v1=")) {
                String hex = item.substring(3);
                if (hex.length() == expected.length * 2 && hex.chars().allMatch(PagerDutySignature::isHex)) {
                    if (MessageDigest.isEqual(expected, HexFormat.of().parseHex(hex))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The header value PagerDuty would send for {@code body} (tests, the stand-in's client). */
    public static String sign(String secret, byte[] body) {
        return "v1=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
