package io.alertbridge.schemas.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckTest {

    @Test
    void shouldNameTheKeyInEveryFailure() {
        assertThatThrownBy(() -> Check.notBlank("streams.applicationId", " "))
                .hasMessage("streams.applicationId must not be blank");
        assertThatThrownBy(() -> Check.atLeast("streams.numThreads", 0, 1))
                .hasMessage("streams.numThreads must be at least 1, was 0");
        assertThatThrownBy(() -> Check.positive("dedupe.retention", Duration.ZERO))
                .hasMessage("dedupe.retention must be a positive duration, was PT0S");
        assertThatThrownBy(() -> Check.require(false, "slack.apiUrl", "an http(s) URL ending in /: x"))
                .hasMessage("slack.apiUrl: an http(s) URL ending in /: x");
    }

    @Test
    void shouldCheckUrlsAndDurationsAndMaskSecrets() {
        assertThat(Check.isHttpUrl("https://slack.com/api/")).isTrue();
        assertThat(Check.isHttpUrl(URI.create("http://localhost:9324"))).isTrue();
        assertThat(Check.isHttpUrl("localhost:9324")).isFalse();
        assertThat(Check.isHttpUrl("http://")).isFalse();
        assertThat(Check.isHttpUrl((String) null)).isFalse();
        assertThat(Check.positive(Duration.ofMillis(1))).isTrue();
        assertThat(Check.positive(Duration.ZERO)).isFalse();
        assertThat(Check.mask("xoxb-1234-secret")).isEqualTo("xoxb-****");
        assertThat(Check.mask("signingsecret-abc")).isEqualTo("****");
        assertThat(Check.mask(null)).isEqualTo("null");
        assertThat(Check.commaSeparated(" a, ,b ,")).containsExactly("a", "b");
        assertThat(Check.commaSeparated(null)).isEmpty();
    }
}
