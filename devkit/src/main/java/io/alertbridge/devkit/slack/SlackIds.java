package io.alertbridge.devkit.slack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Slack-looking ids ({@code C0A1B2C3D4E}) derived from a name, so the same configuration gives the same ids on
 * every start (dev mode keeps message references in Kafka across restarts).
 */
final class SlackIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 10;

    private SlackIds() {}

    /** {@code prefix} followed by ten characters derived from {@code seed}. */
    static String of(char prefix, String seed) {
        byte[] hash = sha256(seed);
        StringBuilder id = new StringBuilder(LENGTH + 1).append(prefix);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET[(hash[i] & 0xff) % ALPHABET.length]);
        }
        return id.toString();
    }

    private static byte[] sha256(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
