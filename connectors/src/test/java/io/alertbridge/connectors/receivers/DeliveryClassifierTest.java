package io.alertbridge.connectors.receivers;

import io.alertbridge.connectors.receivers.DeliveryClassifier.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryClassifierTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void shouldTakeEvery2xxAsDelivered(int status) {
        assertThat(DeliveryClassifier.classify(DeliveryAnswer.of(status, null, null))
                        .action())
                .isEqualTo(Action.DELIVERED);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504, 599})
    void shouldRetryTimeoutsRateLimitsAndServerErrors(int status) {
        assertThat(DeliveryClassifier.classify(DeliveryAnswer.of(status, null, null))
                        .action())
                .isEqualTo(Action.RETRY);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 499, 301, 302, 307, 100, 600})
    void shouldRefuseWithoutRetryEveryOtherStatus(int status) {
        DeliveryClassifier.Verdict verdict =
                DeliveryClassifier.classify(DeliveryAnswer.of(status, Duration.ofSeconds(5), "invalid routing key"));

        assertThat(verdict.action()).isEqualTo(Action.REFUSED);
        assertThat(verdict.reason()).contains(String.valueOf(status)).contains("invalid routing key");
        assertThat(verdict.retryAfter()).isNull();
    }

    @Test
    void shouldCarryRetryAfterOnA429() {
        DeliveryClassifier.Verdict verdict =
                DeliveryClassifier.classify(DeliveryAnswer.of(429, Duration.ofSeconds(7), null));

        assertThat(verdict.action()).isEqualTo(Action.RETRY);
        assertThat(verdict.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void shouldRetryWhenThereWasNoAnswer() {
        for (IOException failure : new IOException[] {
            new ConnectException("Connection refused"), new HttpTimeoutException("request timed out")
        }) {
            DeliveryClassifier.Verdict verdict = DeliveryClassifier.classify(DeliveryAnswer.failed(failure));

            assertThat(verdict.action()).isEqualTo(Action.RETRY);
            assertThat(verdict.reason()).startsWith("no answer").contains(failure.getMessage());
        }
    }
}
