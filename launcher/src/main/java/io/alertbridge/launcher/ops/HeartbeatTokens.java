package io.alertbridge.launcher.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Heartbeat ping tokens: a fresh random token, its SHA-256 (what a {@code ping} heartbeat rule stores in
 * {@code tokenSha256}, so the clear token is never on the rules topic), and the constant-time check of a presented
 * token against that hash. Thread-safe.
 */
public final class HeartbeatTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private HeartbeatTokens() {}

    /** A fresh token: 32 random bytes, base64url without padding (43 characters). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The lower-case hex SHA-256 of the token's UTF-8 bytes. */
    public static String sha256(String token) {
        return HexFormat.of().formatHex(digest(token));
    }

    /**
     * True when {@code presented} hashes to {@code expectedSha256}. The digests are compared in constant time, so the
     * time taken says nothing of how much of a guess was right; a null or empty token never matches.
     */
    public static boolean matches(String presented, String expectedSha256) {
        if (presented == null || presented.isEmpty() || expectedSha256 == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(expectedSha256);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(presented), expected);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
