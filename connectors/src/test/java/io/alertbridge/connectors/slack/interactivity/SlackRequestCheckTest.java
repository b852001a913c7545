package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.secrets.RotatingSecret;
import io.alertbridge.connectors.secrets.SecretReference;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SlackRequestCheckTest {

    private static final String SECRET = "s3cret";
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final String BODY = "payload=%7B%7D";

    private final SlackRequestCheck check = new SlackRequestCheck(SECRET);

    private SlackRequestCheck.Verdict at(long secondsFromNow) {
        String ts = String.valueOf(NOW.getEpochSecond() + secondsFromNow);
        return check.check(ts, SignedRequests.signature(SECRET, ts, BODY), BODY, NOW);
    }

    @Test
    void shouldAcceptARequestSignedNowOrUpToFiveMinutesAwayEitherWay() {
        assertThat(at(0).accepted()).isTrue();
        assertThat(at(300).accepted()).isTrue();
        assertThat(at(-300).accepted()).isTrue();
    }

    @Test
    void shouldRejectATimestampMoreThanFiveMinutesInTheFutureAndSaySo() {
        SlackRequestCheck.Verdict nextYear = at(365L * 24 * 3600);

        assertThat(nextYear.accepted()).isFalse();
        assertThat(nextYear.reason())
                .isEqualTo("the timestamp is 31536000 s in the future, more than the 300 s allowed");
        assertThat(at(301).accepted()).isFalse();
    }

    @Test
    void shouldRejectATimestampMoreThanFiveMinutesInThePast() {
        assertThat(at(-301).reason()).contains("301 s in the past");
    }

    @Test
    void shouldRejectAWrongSignatureAMissingHeaderAndAGarbledTimestamp() {
        String ts = String.valueOf(NOW.getEpochSecond());
        assertThat(check.check(ts, SignedRequests.signature("other", ts, BODY), BODY, NOW)
                        .reason())
                .isEqualTo("the signature does not match");
        assertThat(check.check(ts, SignedRequests.signature(SECRET, ts, BODY), BODY + "x", NOW)
                        .accepted())
                .isFalse();
        assertThat(check.check(null, "v0=00", BODY, NOW).reason()).isEqualTo("no X-Slack-Request-Timestamp");
        assertThat(check.check(ts, null, BODY, NOW).reason()).isEqualTo("no X-Slack-Signature");
        assertThat(check.check("soon", "v0=00", BODY, NOW).reason()).contains("not a number");
    }

    @Test
    void shouldReadARotatedSigningSecretAgainOnAMismatchAtMostOncePerInterval() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        AtomicReference<String> stored = new AtomicReference<>(SECRET);
        AtomicInteger fetches = new AtomicInteger();
        RotatingSecret secret = RotatingSecret.fetchNow(
                new SecretReference(SecretReference.Store.SECRETS_MANAGER, "slack", "signingSecret"),
                () -> {
                    fetches.incrementAndGet();
                    return stored.get();
                },
                clock,
                Duration.ofSeconds(5));
        SlackRequestCheck rotating = new SlackRequestCheck(secret);
        String ts = String.valueOf(NOW.getEpochSecond());

        stored.set("rotated");
        now.set(NOW.plusSeconds(10));
        for (int i = 0; i < 50; i++) {
            assertThat(rotating.check(ts, SignedRequests.signature("forged", ts, BODY), BODY, NOW)
                            .accepted())
                    .isFalse();
        }
        SlackRequestCheck.Verdict rotated =
                rotating.check(ts, SignedRequests.signature("rotated", ts, BODY), BODY, NOW);

        assertThat(rotated.accepted()).isTrue();
        assertThat(fetches)
                .as("one read at start, one after the first mismatch")
                .hasValue(2);
        assertThat(rotating.check(ts, SignedRequests.signature(SECRET, ts, BODY), BODY, NOW)
                        .accepted())
                .as("the old secret no longer signs")
                .isFalse();
    }
}
