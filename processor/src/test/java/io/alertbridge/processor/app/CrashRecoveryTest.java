package io.alertbridge.processor.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrashRecoveryTest {

    @Test
    void shouldWipeStateLeftByAnUncleanRunUnderExactlyOnce() {
        CrashRecovery.Verdict verdict = CrashRecovery.decide(false, "exactly_once_v2", true);

        assertThat(verdict.wipe()).isTrue();
        assertThat(verdict.reason()).contains("did not close cleanly", "uncommitted writes");
    }

    @Test
    void shouldKeepStateAfterACleanClose() {
        CrashRecovery.Verdict verdict = CrashRecovery.decide(true, "exactly_once_v2", true);

        assertThat(verdict.wipe()).isFalse();
        assertThat(verdict.reason()).contains("closed cleanly");
    }

    @Test
    void shouldKeepStateLeftByAnUncleanRunUnderAtLeastOnce() {
        CrashRecovery.Verdict verdict = CrashRecovery.decide(false, "at_least_once", true);

        assertThat(verdict.wipe()).isFalse();
        assertThat(verdict.reason()).contains("at_least_once", "committed offsets");
    }

    @Test
    void shouldHaveNothingToWipeWithoutLocalState() {
        CrashRecovery.Verdict verdict = CrashRecovery.decide(false, "exactly_once_v2", false);

        assertThat(verdict.wipe()).isFalse();
        assertThat(verdict.reason()).isEqualTo("no local state");
    }
}
