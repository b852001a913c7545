package io.alertbridge.connectors.aws;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectedTopicsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration FAILURE_TTL = Duration.ofSeconds(30);

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
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
            return now.get();
        }
    };

    @Test
    void shouldReadOnceWithinTheTtlAndAgainAfterIt() {
        AtomicInteger reads = new AtomicInteger();
        ConnectedTopics topics = new ConnectedTopics(
                () -> Set.of("arn:aws:sns:eu-west-1:123456789012:t" + reads.incrementAndGet()),
                1,
                clock,
                TTL,
                FAILURE_TTL);

        assertThat(topics.get().topics()).containsExactly("arn:aws:sns:eu-west-1:123456789012:t1");
        now.set(T0.plus(TTL).minusSeconds(1));
        assertThat(topics.get().topics()).containsExactly("arn:aws:sns:eu-west-1:123456789012:t1");
        now.set(T0.plus(TTL));
        assertThat(topics.get().topics()).containsExactly("arn:aws:sns:eu-west-1:123456789012:t2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void shouldRememberAFailureForAShorterTimeAndSayWhy() {
        AtomicInteger reads = new AtomicInteger();
        ConnectedTopics topics = new ConnectedTopics(
                () -> {
                    reads.incrementAndGet();
                    throw software.amazon.awssdk.services.sns.model.AuthorizationErrorException.builder()
                            .statusCode(403)
                            .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                    .errorCode("AuthorizationError")
                                    .build())
                            .build();
                },
                1,
                clock,
                TTL,
                FAILURE_TTL);

        ConnectedTopics.Snapshot failed = topics.get();
        now.set(T0.plus(FAILURE_TTL).minusSeconds(1));
        topics.get();
        now.set(T0.plus(FAILURE_TTL));
        topics.get();

        assertThat(failed.known()).isFalse();
        assertThat(failed.unknown()).contains("AuthorizationError");
        assertThat(reads).hasValue(2);
    }

    @Test
    void shouldAskNothingWhenTheBridgeHasNoQueue() {
        ConnectedTopics topics = new ConnectedTopics(
                () -> {
                    throw new AssertionError("no call expected");
                },
                0,
                clock,
                TTL,
                FAILURE_TTL);

        assertThat(topics.get().topics()).isEmpty();
        assertThat(topics.get().known()).isTrue();
    }

    @Test
    void shouldNotTrustAReadFromTheFuture() {
        ConnectedTopics.Snapshot read = new ConnectedTopics.Snapshot(Set.of(), 1, null, T0);

        assertThat(ConnectedTopics.fresh(read, T0.minusSeconds(1), TTL, FAILURE_TTL))
                .isFalse();
        assertThat(ConnectedTopics.fresh(null, T0, TTL, FAILURE_TTL)).isFalse();
        assertThat(ConnectedTopics.fresh(read, T0, TTL, FAILURE_TTL)).isTrue();
    }
}
