package io.alertbridge.connectors.slack.interactivity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids derived from the request rather than drawn at random, so that the same request, wherever and however often it
 * arrives, creates the same silence id and the same action id: the compacted rules topic then keeps one rule, and
 * the processor applies one action (it remembers the ids it applied per incident). Pure and thread-safe.
 */
final class RequestIds {

    private RequestIds() {}

    /**
     * What identifies one Slack request: its {@code trigger_id} when it has one (unique per interaction), else a
     * digest of its raw body (which holds the user, the text or the clicked action and its {@code action_ts}).
     *
     * @return the key, or null when there is neither
     */
    static String requestKey(String triggerId, String rawBody) {
        if (triggerId != null && !triggerId.isBlank()) {
            return triggerId;
        }
        return rawBody == null || rawBody.isEmpty() ? null : "body:" + sha256(rawBody);
    }

    /** The first 16 hex digits (64 bits) of the SHA-256 of the parts, each followed by a newline; nulls as empty. */
    static String digest(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            joined.append(part == null ? "" : part.replace("\n", "\\n")).append('\n');
        }
        return sha256(joined.toString()).substring(0, 16);
    }

    /** Hex SHA-256 of the text's UTF-8 bytes. */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
