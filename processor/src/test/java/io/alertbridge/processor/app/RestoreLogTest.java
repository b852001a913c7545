package io.alertbridge.processor.app;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreLogTest {

    private static final TopicPartition INCIDENTS = new TopicPartition("app-lifecycle-incidents-changelog", 0);
    private static final TopicPartition CHANNELS = new TopicPartition("app-throttle-channels-changelog", 1);

    @Test
    void shouldCountChangelogPartitionsStillRestoring() {
        RestoreLog log = new RestoreLog();
        assertThat(log.restoring()).isZero();

        log.onRestoreStart(INCIDENTS, "lifecycle-incidents", 0, 25_000);
        log.onRestoreStart(CHANNELS, "throttle-channels", 10, 3_400);
        log.onBatchRestored(INCIDENTS, "lifecycle-incidents", 10_000, 10_000);

        assertThat(log.restoring()).isEqualTo(2);

        log.onRestoreEnd(INCIDENTS, "lifecycle-incidents", 25_000);
        assertThat(log.restoring()).isEqualTo(1);

        log.onRestoreSuspended(CHANNELS, "throttle-channels", 1_000);
        assertThat(log.restoring()).as("suspended: the task moved away").isZero();
    }
}
