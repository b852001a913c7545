package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.secrets.RotatingSecret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Decides whether a request to {@code /slack/events} comes from Slack, by Slack's own rule: its
 * {@code X-Slack-Request-Timestamp} is at most five minutes away from now, <em>either way</em>, and its
 * {@code X-Slack-Signature} is {@code v0=} + hex HMAC-SHA256 of {@code v0:{timestamp}:{raw body}} under the signing
 * secret (compared in constant time).
 *
 * <p>Bolt's own verifier only refuses timestamps in the past, so a request signed for next year would be valid for a
 * year; this check runs first, for every request that reaches the HTTP endpoint in every mode.
 *
 * <p>A signing secret kept in AWS ({@link RotatingSecret}) is read again when a signature does not match, at most
 * once per the secret's interval however many forged requests arrive, so a rotated secret is taken without a
 * restart. Otherwise pure. Thread-safe.
 */
final class SlackRequestCheck {

    /** How far a request's timestamp may be from now, either way (Slack's rule). */
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Supplier<String> secret;

    SlackRequestCheck(String signingSecret) {
        this(() -> signingSecret);
    }

    /** A check against the secret {@code signingSecret} gives now (read on every request; never logged). */
    SlackRequestCheck(Supplier<String> signingSecret) {
        this.secret = signingSecret;
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
        String used = secret.get();
        if (matches(used, timestamp.strip(), signature, body)) {
            return new Verdict(true, "signed and fresh");
        }
        if (secret instanceof RotatingSecret rotating) {
            rotating.stale();
            String fresh = rotating.get();
            if (!fresh.equals(used) && matches(fresh, timestamp.strip(), signature, body)) {
                return new Verdict(true, "signed and fresh (with the signing secret read again)");
            }
        }
        return new Verdict(false, "the signature does not match");
    }

    private static boolean matches(String signingSecret, String timestamp, String signature, String body) {
        byte[] expected = sign(signingSecret, timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String signingSecret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
