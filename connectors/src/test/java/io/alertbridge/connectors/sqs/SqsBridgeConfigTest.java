package io.alertbridge.connectors.sqs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsBridgeConfigTest {

    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/111122223333/alarms";
    private static final SqsBridgeConfig DEFAULTS = SqsBridgeConfig.of(List.of(QUEUE));

    @Test
    void shouldDefaultToLongPollingTwoReceiversTenPerReceive() {
        assertThat(DEFAULTS.receiversPerQueue()).isEqualTo(2);
        assertThat(DEFAULTS.waitTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(DEFAULTS.maxMessagesPerReceive()).isEqualTo(10);
        assertThat(DEFAULTS.maxInFlight()).isEqualTo(500);
        assertThat(DEFAULTS.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.extensionMargin()).isEqualTo(Duration.ofSeconds(10));
        assertThat(DEFAULTS.topics().awsRaw().name()).isEqualTo("alertbridge.aws.raw");
        assertThat(DEFAULTS.topics().deadLetters().name()).isEqualTo("alertbridge.dlq");
    }

    @Test
    void shouldNameTheBadFieldWhenInvalid() {
        assertInvalid(c -> c.toBuilder().receiversPerQueue(0).build(), "receiversPerQueue");
        assertInvalid(c -> c.toBuilder().waitTime(Duration.ofSeconds(21)).build(), "waitTime");
        assertInvalid(c -> c.toBuilder().waitTime(Duration.ofMillis(1500)).build(), "waitTime");
        assertInvalid(c -> c.toBuilder().maxMessagesPerReceive(11).build(), "maxMessagesPerReceive");
        assertInvalid(c -> c.toBuilder().maxMessagesPerReceive(0).build(), "maxMessagesPerReceive");
        assertInvalid(c -> c.toBuilder().maxInFlight(9).build(), "maxInFlight");
        assertInvalid(
                c -> c.toBuilder()
                        .visibilityTimeout(Duration.ofSeconds(1))
                        .extensionMargin(Duration.ofMillis(500))
                        .build(),
                "visibilityTimeout");
        assertInvalid(
                c -> c.toBuilder()
                        .visibilityTimeout(Duration.ofHours(13))
                        .extensionMargin(Duration.ofSeconds(10))
                        .build(),
                "visibilityTimeout");
        assertInvalid(
                c -> c.toBuilder()
                        .visibilityTimeout(Duration.ofSeconds(30))
                        .extensionMargin(Duration.ofSeconds(30))
                        .build(),
                "extensionMargin");
        assertInvalid(
                c -> c.toBuilder()
                        .visibilityTimeout(Duration.ofSeconds(30))
                        .extensionMargin(Duration.ofMillis(100))
                        .build(),
                "extensionMargin");
        assertInvalid(c -> c.toBuilder().closeTimeout(Duration.ofSeconds(-1)).build(), "closeTimeout");
        assertInvalid(c -> c.toBuilder().topicPrefix(null).build(), "topicPrefix");
    }

    @Test
    void shouldNameTheBadQueueUrlByItsPosition() {
        assertThatThrownBy(() -> SqsBridgeConfig.of(List.of(QUEUE, "alarms")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queueUrls[1]")
                .hasMessageContaining("'alarms'");
        assertThatThrownBy(() -> SqsBridgeConfig.of(List.of(QUEUE, QUEUE)))
                .hasMessageContaining("queueUrls[1]")
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> SqsBridgeConfig.of(List.of("ftp://host/1/q"))).hasMessageContaining("queueUrls[0]");
        assertThatThrownBy(() -> SqsBridgeConfig.of(List.of("https://sqs.eu-west-1.amazonaws.com/")))
                .hasMessageContaining("queueUrls[0]");
        assertThatThrownBy(() -> SqsBridgeConfig.of(Arrays.asList(QUEUE, null))).hasMessageContaining("queueUrls");
        assertThatThrownBy(() -> SqsBridgeConfig.of(null)).hasMessageContaining("queueUrls");
    }

    private static void assertInvalid(UnaryOperator<SqsBridgeConfig> change, String field) {
        assertThatThrownBy(() -> change.apply(DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sqs." + field + ": ");
    }
}
