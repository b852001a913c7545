package io.alertbridge.processor.app;

import io.alertbridge.processor.store.StateStores;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreLogTest {

    private static final TopicPartition INCIDENTS = changelog(StateStores.LIFECYCLE_INCIDENTS, 0);
    private static final TopicPartition CHANNELS = changelog(StateStores.THROTTLE_CHANNELS, 1);

    private static TopicPartition changelog(String store, int partition) {
        return new TopicPartition("app-" + store + "-changelog", partition);
    }

    @Test
    void shouldCountChangelogPartitionsStillRestoring() {
        RestoreLog log = new RestoreLog();
        assertThat(log.restoring()).isZero();

        log.onRestoreStart(INCIDENTS, StateStores.LIFECYCLE_INCIDENTS, 0, 25_000);
        log.onRestoreStart(CHANNELS, StateStores.THROTTLE_CHANNELS, 10, 3_400);
        log.onBatchRestored(INCIDENTS, StateStores.LIFECYCLE_INCIDENTS, 10_000, 10_000);

        assertThat(log.restoring()).isEqualTo(2);

        log.onRestoreEnd(INCIDENTS, StateStores.LIFECYCLE_INCIDENTS, 25_000);
        assertThat(log.restoring()).isEqualTo(1);

        log.onRestoreSuspended(CHANNELS, StateStores.THROTTLE_CHANNELS, 1_000);
        assertThat(log.restoring()).as("suspended: the task moved away").isZero();
    }
}
