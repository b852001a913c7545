package io.alertbridge.connectors.sqs;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeHealthTest {

    @Test
    void shouldShowQueuesByNameWithoutTheAccountId() {
        BridgeHealth health = new BridgeHealth(
                false,
                true,
                true,
                Map.of(
                        "https://sqs.eu-west-1.amazonaws.com/123456789012/alarms",
                        new BridgeHealth.Queue(true, null, 3),
                        "https://sqs.eu-west-1.amazonaws.com/123456789012/gone",
                        new BridgeHealth.Queue(
                                false, "QueueDoesNotExist: arn:aws:sqs:eu-west-1:123456789012:gone", 0)));

        assertThat(health.queueSummary())
                .isEqualTo("alarms: connected, 3 in flight; gone: not connected (QueueDoesNotExist: "
                        + "arn:aws:sqs:eu-west-1:***:gone), 0 in flight")
                .doesNotContain("123456789012");
    }

    @Test
    void shouldSayWhenThereAreNoQueues() {
        assertThat(new BridgeHealth(true, true, true, Map.of()).queueSummary()).isEqualTo("no queues");
    }
}
