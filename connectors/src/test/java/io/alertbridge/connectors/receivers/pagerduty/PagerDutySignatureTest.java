package io.alertbridge.connectors.receivers.pagerduty;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PagerDutySignatureTest {

    private static final byte[] BODY = "{\"event\":{\"id\":\"01EV\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldSignTheRawBodyWithHmacSha256() {
        // printf '{"event":{"id":"01EV"}}' | openssl dgst -sha256 -hmac pd_secret
        assertThat(PagerDutySignature.sign("pd_secret", BODY))
                .isEqualTo("v1=edb61f00001e2408f03e60bbad49b54688b99d12ed685d3cb163375fd6a59589");
    }

    @Test
    void shouldAcceptAnyOfSeveralSignaturesDuringARotation() {
        String current = PagerDutySignature.sign("pd_new", BODY);
        String old = PagerDutySignature.sign("pd_old", BODY);

        assertThat(PagerDutySignature.verify(old + "," + current, BODY, "pd_new"))
                .isTrue();
        assertThat(PagerDutySignature.verify(current + ", " + old, BODY, "pd_old"))
                .isTrue();
    }

    @Test
    void shouldRefuseAForgeryATamperedBodyOrAMalformedHeader() {
        String signature = PagerDutySignature.sign("pd_secret", BODY);

        assertThat(PagerDutySignature.verify(signature, BODY, "pd_other")).isFalse();
        assertThat(PagerDutySignature.verify(
                        signature, "{\"event\":{\"id\":\"02EV\"}}".getBytes(StandardCharsets.UTF_8), "pd_secret"))
                .isFalse();
        assertThat(PagerDutySignature.verify(null, BODY, "pd_secret")).isFalse();
        assertThat(PagerDutySignature.verify("v0=abc", BODY, "pd_secret")).isFalse();
        assertThat(PagerDutySignature.verify("v1=zz", BODY, "pd_secret")).isFalse();
        assertThat(PagerDutySignature.verify(signature.replace("v1=", "v2="), BODY, "pd_secret"))
                .isFalse();
    }
}
