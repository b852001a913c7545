package io.alertbridge.devkit.slack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Slack's request signature: {@code v0=} followed by the hex HMAC-SHA256 of {@code v0:{timestamp}:{raw body}} keyed
 * with the app's signing secret, sent as {@code X-Slack-Signature} beside {@code X-Slack-Request-Timestamp}
 * (epoch seconds). Slack's apps reject a timestamp more than five minutes away.
 *
 * <p>Stateless; thread-safe.
 */
public final class SlackSignature {

    /** The header carrying the signature. */
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";

    /** The header carrying the timestamp, in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

    /** How far a request's timestamp may be from now before apps reject it. */
    public static final long MAX_AGE_SECONDS = 5 * 60;

    private SlackSignature() {}

    /** The signature of {@code body} sent at {@code timestampSeconds}. */
    public static String sign(String signingSecret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestampSeconds + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }

    /**
     * Whether a request is genuine: the signature matches (compared in constant time) and the timestamp is within
     * {@link #MAX_AGE_SECONDS} of {@code nowSeconds}.
     */
    public static boolean verify(
            String signingSecret, String timestampHeader, String signatureHeader, String body, long nowSeconds) {
        if (timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - timestamp) > MAX_AGE_SECONDS) {
            return false;
        }
        byte[] expected = sign(signingSecret, timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.UTF_8));
    }
}
