package io.alertbridge.connectors.sqs;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsBridgeTest {

    private static final Map<String, Object> BOOTSTRAP =
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");

    @Test
    void shouldProduceIdempotentlyWithAcksAllAndWaitForKafkaAsLongAsItTakes() {
        Map<String, Object> settings = SqsBridge.producerSettings(BOOTSTRAP);

        assertThat(settings)
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "alertbridge-sqs-bridge");
    }

    @Test
    void shouldKeepTheCallersTuning() {
        Map<String, Object> settings = SqsBridge.producerSettings(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "kafka:9092",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                30_000,
                ProducerConfig.ACKS_CONFIG,
                "-1",
                ProducerConfig.LINGER_MS_CONFIG,
                20));

        assertThat(settings)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }

    @Test
    void shouldRefuseSettingsThatWouldMakeDeletesUnsafe() {
        assertThatThrownBy(() -> SqsBridge.producerSettings(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092", ProducerConfig.ACKS_CONFIG, "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acks");
        assertThatThrownBy(() -> SqsBridge.producerSettings(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "k:9092",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        false)))
                .hasMessageContaining("enable.idempotence");
        assertThatThrownBy(() -> SqsBridge.producerSettings(Map.of())).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void shouldBeReadyAndIdleWithoutQueues() {
        SqsBridge bridge = SqsBridge.start(SqsBridgeConfig.of(List.of()), null, BOOTSTRAP, new SimpleMeterRegistry());

        assertThat(bridge.health().ready()).isTrue();
        assertThat(bridge.health().queues()).isEmpty();
        bridge.close();
        assertThat(bridge.health().ready()).isFalse();
        assertThat(bridge.health().running()).isFalse();
    }

    @Test
    void shouldNameThreadsAfterTheQueue() {
        assertThat(SqsBridge.queueName("https://sqs.eu-west-1.amazonaws.com/1/alarms"))
                .isEqualTo("alarms");
        assertThat(SqsBridge.queueName("weird/")).isEqualTo("weird/");
    }
}
