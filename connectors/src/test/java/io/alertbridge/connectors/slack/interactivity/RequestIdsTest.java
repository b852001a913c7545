package io.alertbridge.connectors.slack.interactivity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void shouldKnowARequestByItsTriggerIdElseByItsBody() {
        assertThat(RequestIds.requestKey("123.456.abc", "body")).isEqualTo("123.456.abc");
        assertThat(RequestIds.requestKey(null, "body")).isEqualTo(RequestIds.requestKey(" ", "body"));
        assertThat(RequestIds.requestKey(null, "body"))
                .startsWith("body:")
                .isNotEqualTo(RequestIds.requestKey(null, "body2"));
        assertThat(RequestIds.requestKey(null, null)).isNull();
        assertThat(RequestIds.requestKey(null, "")).isNull();
    }

    @Test
    void shouldDigestThePartsStablyAndKeepThemApart() {
        assertThat(RequestIds.digest("T1", "U1", "x")).hasSize(16).isEqualTo(RequestIds.digest("T1", "U1", "x"));
        assertThat(RequestIds.digest("T1", "U1x", "")).isNotEqualTo(RequestIds.digest("T1", "U1", "x"));
        assertThat(RequestIds.digest("a\nb", "c")).isNotEqualTo(RequestIds.digest("a", "b\nc"));
        assertThat(RequestIds.digest(null, "a")).isEqualTo(RequestIds.digest("", "a"));
    }
}
