package io.alertbridge.launcher.dev;

import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DevSigningSecretTest {

    @Test
    void shouldGenerateADifferent256BitSecretEveryTime() {
        SecureRandom random = new SecureRandom();
        String one = DevSigningSecret.generate(random);
        String two = DevSigningSecret.generate(random);

        assertThat(one).matches("[0-9a-f]{64}").isNotEqualTo(two);
        assertThat(one).isNotEqualTo(LocalSlackWorkspace.Config.DEFAULT_SIGNING_SECRET);
    }

    @Test
    void shouldWriteItForItsOwnerOnlyReplacingAnOlderOne(@TempDir Path state) throws Exception {
        Path stale = state.resolve(DevSigningSecret.FILE_NAME);
        Files.writeString(stale, "old-secret");
        Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));

        Path file = DevSigningSecret.write(state, "abc123");

        assertThat(file).isEqualTo(stale);
        assertThat(Files.readString(file).strip()).isEqualTo("abc123");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
