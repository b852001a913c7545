package io.alertbridge.connectors.receivers.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"incidentId\":\"INC-1\",\"version\":3}".getBytes(StandardCharsets.UTF_8);
    private static final long T = 1_764_676_800L;
    private static final Instant NOW = Instant.ofEpochSecond(T);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void shouldSignTheTimestampAndTheBodyWithHmacSha256() {
        // Computed independently:
        // printf '1764676800.{"incidentId":"INC-1","version":3}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.header("whsec_test", T, BODY))
                .isEqualTo("t=1764676800,v1=81c603f04403e9513d887be73a77c15cea51b706e25cb04f4759fdb6eadcf632");
    }

    @Test
    void shouldVerifyWhatItSigned() {
        String header = WebhookSignature.header("whsec_test", T, BODY);

        assertThat(WebhookSignature.verify(header, BODY, "whsec_test", NOW.plusSeconds(60), FIVE_MINUTES))
                .isTrue();
    }

    @Test
    void shouldRefuseAnotherBodyAnotherSecretOrAnotherTimestamp() {
        String header = WebhookSignature.header("whsec_test", T, BODY);
        byte[] tampered = "{\"incidentId\":\"INC-1\",\"version\":4}".getBytes(StandardCharsets.UTF_8);
        String movedTimestamp = header.replace("t=" + T, "t=" + (T + 1));

        assertThat(WebhookSignature.verify(header, tampered, "whsec_test", NOW, FIVE_MINUTES))
                .isFalse();
        assertThat(WebhookSignature.verify(header, BODY, "whsec_other", NOW, FIVE_MINUTES))
                .isFalse();
        assertThat(WebhookSignature.verify(movedTimestamp, BODY, "whsec_test", NOW, FIVE_MINUTES))
                .isFalse();
    }

    @Test
    void shouldRefuseAStaleOrMalformedHeader() {
        String header = WebhookSignature.header("whsec_test", T, BODY);

        assertThat(WebhookSignature.verify(header, BODY, "whsec_test", NOW.plusSeconds(301), FIVE_MINUTES))
                .isFalse();
        assertThat(WebhookSignature.verify(null, BODY, "whsec_test", NOW, FIVE_MINUTES))
                .isFalse();
        assertThat(WebhookSignature.verify("v1=abc", BODY, "whsec_test", NOW, FIVE_MINUTES))
                .isFalse();
        assertThat(WebhookSignature.verify("t=x,v1=abc", BODY, "whsec_test", NOW, FIVE_MINUTES))
                .isFalse();
        assertThat(WebhookSignature.verify("t=" + T + ",v1=zz", BODY, "whsec_test", NOW, FIVE_MINUTES))
                .isFalse();
    }
}
