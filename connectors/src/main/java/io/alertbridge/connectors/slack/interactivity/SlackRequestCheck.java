package io.alertbridge.connectors.slack.interactivity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Decides whether a request to {@code /slack/events} comes from Slack, by Slack's own rule: its
 * {@code X-Slack-Request-Timestamp} is at most five minutes away from now, <em>either way</em>, and its
 * {@code X-Slack-Signature} is {@code v0=} + hex HMAC-SHA256 of {@code v0:{timestamp}:{raw body}} under the signing
 * secret (compared in constant time).
 *
 * <p>Bolt's own verifier only refuses timestamps in the past, so a request signed for next year would be valid for a
 * year; this check runs first, for every request that reaches the HTTP endpoint in every mode. Pure and thread-safe.
 */
final class SlackRequestCheck {

    /** How far a request's timestamp may be from now, either way (Slack's rule). */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;

    SlackRequestCheck(String signingSecret) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The decision on one request.
     *
     * @param accepted whether it is a fresh request signed with our secret
     * @param reason why it was refused, for the log (never the secret nor the signature); "signed and fresh"
     */
    record Verdict(boolean accepted, String reason) {}

    /**
     * Checks one request.
     *
     * @param timestamp the {@code X-Slack-Request-Timestamp} header, or null
     * @param signature the {@code X-Slack-Signature} header, or null
     * @param body the raw body as received
     * @param now the current time
     */
    Verdict check(String timestamp, String signature, String body, Instant now) {
        if (timestamp == null || signature == null) {
            return new Verdict(false, "no " + (timestamp == null ? "X-Slack-Request-Timestamp" : "X-Slack-Signature"));
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return new Verdict(false, "the timestamp is not a number of seconds");
        }
        long away = seconds - now.getEpochSecond();
        if (Math.abs(away) > TOLERANCE.toSeconds()) {
            return new Verdict(
                    false,
                    "the timestamp is " + Math.abs(away) + " s in the " + (away > 0 ? "future" : "past")
                            + ", more than the " + TOLERANCE.toSeconds() + " s allowed");
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
            return new Verdict(false, "the signature does not match");
        }
        return new Verdict(true, "signed and fresh");
    }

    private String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
