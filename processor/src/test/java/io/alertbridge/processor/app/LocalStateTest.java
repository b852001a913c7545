package io.alertbridge.processor.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStateTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldSeeARunThatNeverClosedCleanly() {
        LocalState first = new LocalState(stateDir, "app");
        assertThat(first.lastRunEndedCleanly()).as("no previous run").isTrue();

        first.markRunning();

        assertThat(new LocalState(stateDir, "app").lastRunEndedCleanly())
                .as("killed while running")
                .isFalse();
        assertThat(new LocalState(stateDir, "other-app").lastRunEndedCleanly())
                .as("another application id")
                .isTrue();

        first.markClosedCleanly();

        assertThat(new LocalState(stateDir, "app").lastRunEndedCleanly())
                .as("closed cleanly")
                .isTrue();
    }

    @Test
    void shouldWipeTaskAndGlobalStateButKeepTheProcessIdentity() throws IOException {
        Path app = stateDir.resolve("app");
        Files.createDirectories(app.resolve("0_0/rocksdb/store"));
        Files.writeString(app.resolve("0_0/rocksdb/store/000001.sst"), "data");
        Files.createDirectories(app.resolve("12_3"));
        Files.createDirectories(app.resolve("global/rocksdb"));
        Files.writeString(app.resolve("kafka-streams-process-metadata"), "{\"processId\": \"p\"}");
        Files.writeString(app.resolve(".lock"), "");
        LocalState state = new LocalState(stateDir, "app");
        String instance = state.instanceId();
        assertThat(state.hasLocalState()).isTrue();

        state.wipe();

        assertThat(state.hasLocalState()).isFalse();
        assertThat(app.resolve("0_0")).doesNotExist();
        assertThat(app.resolve("12_3")).doesNotExist();
        assertThat(app.resolve("global")).doesNotExist();
        assertThat(app.resolve("kafka-streams-process-metadata")).exists();
        assertThat(app.resolve(".lock")).exists();
        assertThat(new LocalState(stateDir, "app").instanceId()).isEqualTo(instance);
    }

    @Test
    void shouldKeepOneInstanceIdPerStateDirectoryAndApplication() {
        String id = new LocalState(stateDir, "app").instanceId();

        assertThat(id).isNotBlank();
        assertThat(new LocalState(stateDir, "app").instanceId()).isEqualTo(id);
        assertThat(new LocalState(stateDir, "other-app").instanceId()).isNotEqualTo(id);
    }

    @Test
    void shouldHaveNoLocalStateBeforeTheFirstRun() {
        LocalState state = new LocalState(stateDir.resolve("never-created"), "app");

        assertThat(state.hasLocalState()).isFalse();
        state.wipe();
        assertThat(state.hasLocalState()).isFalse();
    }
}
