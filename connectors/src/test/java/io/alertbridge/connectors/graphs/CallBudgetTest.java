package io.alertbridge.connectors.graphs;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallBudgetTest {

    static final class MutableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T00:00:00Z"));

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void shouldAllowTheBudgetAtOnceThenRefuseUntilItRefillsOverTheMinute() {
        MutableClock clock = new MutableClock();
        CallBudget budget = new CallBudget(3, clock);

        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        clock.advance(Duration.ofSeconds(19));
        assertThat(budget.tryAcquire()).as("a third of a minute not yet passed").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        clock.advance(Duration.ofHours(1));
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire())
                .as("never more than the budget, however long idle")
                .isFalse();
    }

    @Test
    void shouldRejectABudgetOfNothing() {
        assertThatThrownBy(() -> new CallBudget(0, Clock.systemUTC())).hasMessageContaining("at least 1");
    }
}
