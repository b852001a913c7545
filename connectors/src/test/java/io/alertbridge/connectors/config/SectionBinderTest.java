package io.alertbridge.connectors.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SectionBinderTest {

    /** A section as the connectors' records are: nullable keys, checked in the constructor. */
    record Demo(String url, Duration delay, ZoneId zone, List<String> items) {
        Demo {
            SectionBinder.require(url == null || SectionBinder.isHttpUrl(url), "demo.url", "an http(s) URL: " + url);
        }
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheFileButNeverWithNothing() {
        Map<String, Object> file = Map.of("url", "http://file.example", "delay", "30s", "items", List.of("a"));

        Demo bound = SectionBinder.of("demo", file)
                .overlay("url", "https://env.example")
                .overlay("delay", " ")
                .overlay("items", List.of())
                .overlay("zone", null)
                .bind(Demo.class);

        assertThat(bound).isEqualTo(new Demo("https://env.example", Duration.ofSeconds(30), null, List.of("a")));
        assertThat(SectionBinder.of("demo", null)
                        .overlay("items", List.of("b", "c"))
                        .bind(Demo.class))
                .isEqualTo(new Demo(null, null, null, List.of("b", "c")));
    }

    @Test
    void shouldRefuseAKeyTheRecordDoesNotHave() {
        assertThatThrownBy(() -> SectionBinder.of("demo", Map.of("wiat", "1s")).onlyKeysOf(Demo.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("demo.wiat: unknown key (known: [delay, items, url, zone])");
    }

    @Test
    void shouldNameTheKeyOfEveryFailure() {
        assertThatThrownBy(
                        () -> SectionBinder.of("demo", Map.of("url", "ftp://x")).bind(Demo.class))
                .hasMessage("demo.url: an http(s) URL: ftp://x");
        assertThatThrownBy(
                        () -> SectionBinder.of("demo", Map.of("delay", "soon")).bind(Demo.class))
                .hasMessageStartingWith("demo: ")
                .hasMessageContaining("delay");
        assertThatThrownBy(() -> SectionBinder.of("demo", Map.of("zone", "Mars/Olympus"))
                        .timeKeys("zone", "morning")
                        .bind(Demo.class))
                .hasMessageStartingWith("demo.zone/morning: ")
                .hasMessageContaining("Mars/Olympus");
    }

    @Test
    void shouldCheckUrlsAndDurationsAndMaskSecrets() {
        assertThat(SectionBinder.isHttpUrl("https://slack.com/api/")).isTrue();
        assertThat(SectionBinder.isHttpUrl(URI.create("http://localhost:9324"))).isTrue();
        assertThat(SectionBinder.isHttpUrl("localhost:9324")).isFalse();
        assertThat(SectionBinder.isHttpUrl("http://")).isFalse();
        assertThat(SectionBinder.isHttpUrl((String) null)).isFalse();
        assertThat(SectionBinder.positive(Duration.ofMillis(1))).isTrue();
        assertThat(SectionBinder.positive(Duration.ZERO)).isFalse();
        assertThat(SectionBinder.mask("xoxb-1234-secret")).isEqualTo("xoxb-****");
        assertThat(SectionBinder.mask("signingsecret-abc")).isEqualTo("****");
        assertThat(SectionBinder.mask(null)).isEqualTo("null");
        assertThat(SectionBinder.commaSeparated(" a, ,b ,")).containsExactly("a", "b");
        assertThat(SectionBinder.commaSeparated(null)).isEmpty();
    }
}
