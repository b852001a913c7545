package io.alertbridge.connectors.receivers;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiverStatusTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    private static final class MovableClock extends Clock {
        private Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldBeReadyButDegradedWhileRetryingAndRecoverOnDelivery() {
        ReceiverStatus status = new ReceiverStatus(Clock.fixed(T0, ZoneOffset.UTC));
        status.running();

        status.retrying("HTTP 503");
        assertThat(status.health().ready()).isTrue();
        assertThat(status.health().degraded()).isTrue();
        assertThat(status.health().detail()).contains("RETRYING").contains("HTTP 503");

        status.delivered();
        assertThat(status.health().degraded()).isFalse();
        assertThat(status.health().detail()).contains("RUNNING").contains("delivered 1");
    }

    @Test
    void shouldShowARefusalForFifteenMinutes() {
        MovableClock clock = new MovableClock();
        ReceiverStatus status = new ReceiverStatus(clock);
        status.running();

        status.refused("HTTP 400 invalid routing key");
        assertThat(status.health().degraded()).isTrue();
        assertThat(status.health().detail()).contains("refused 1").contains("invalid routing key");

        clock.now = T0.plus(ReceiverStatus.REFUSAL_SHOWN).minusSeconds(1);
        assertThat(status.health().degraded()).isTrue();
        clock.now = T0.plus(ReceiverStatus.REFUSAL_SHOWN).plus(Duration.ofSeconds(1));
        assertThat(status.health().degraded()).isFalse();
        assertThat(status.health().detail()).contains("refused 1");
    }

    @Test
    void shouldNotBeReadyBeforeStartingNorAfterAFailure() {
        ReceiverStatus status = new ReceiverStatus(Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(status.health().ready()).isFalse();

        status.ended(ReceiverStatus.State.FAILED, "KafkaException: gone");
        assertThat(status.health().ready()).isFalse();
        assertThat(status.health().detail()).contains("FAILED").contains("gone");
    }

    @Test
    void shouldForgetTheLeastRecentlyChangedIncidentsFirst() {
        DeliveryMemory memory = new DeliveryMemory(2);
        memory.put("A", new Delivered(1, io.alertbridge.schemas.model.IncidentState.OPEN));
        memory.put("B", new Delivered(1, io.alertbridge.schemas.model.IncidentState.OPEN));
        memory.get("A");
        memory.put("C", new Delivered(1, io.alertbridge.schemas.model.IncidentState.OPEN));

        assertThat(memory.get("A")).isNotNull();
        assertThat(memory.get("B")).isNull();
        assertThat(memory.get("C")).isNotNull();
    }
}
