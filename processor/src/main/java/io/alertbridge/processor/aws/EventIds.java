package io.alertbridge.processor.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Derived event ids, for messages that carry no id of their own: a hash of the content, stable across deliveries. */
public final class EventIds {

    private EventIds() {}

    /** {@code sha256:} and the first 128 bits of the SHA-256 of the text, in hex. */
    public static String contentHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
