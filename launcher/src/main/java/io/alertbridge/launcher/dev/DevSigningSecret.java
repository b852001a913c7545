package io.alertbridge.launcher.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The Slack signing secret of one {@code alertbridge dev} run: 32 random bytes from {@link SecureRandom}, new at every
 * start, so that knowing the source code (where the devkit's default secret lives) does not let anyone who reaches
 * {@code /slack/events} acknowledge, resolve or silence. The local workspace signs its page's requests with it, and it
 * is written to {@value #FILE_NAME} in the state directory (owner read/write only) so a developer can sign requests
 * by hand.
 *
 * <p>Not thread-safe; used once at start.
 */
public final class DevSigningSecret {

    /** The file in the state directory that holds the current run's secret. */
    public static final String FILE_NAME = "dev-signing-secret";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DevSigningSecret() {}

    /** A new secret: 64 hex digits (256 bits). */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Writes the secret to {@code <stateDir>/dev-signing-secret}, replacing an older one, readable by its owner only
     * (where the file system has POSIX permissions).
     *
     * @return the file
     */
    public static Path write(Path stateDir, String secret) {
        Path file = stateDir.resolve(FILE_NAME);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Files.createDirectories(stateDir);
            // Created afresh with owner-only permissions, so the secret is never readable by others, not even briefly.
            Files.deleteIfExists(file);
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            Files.writeString(
                    file,
                    secret + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dev signing secret to " + file, e);
        }
    }
}
