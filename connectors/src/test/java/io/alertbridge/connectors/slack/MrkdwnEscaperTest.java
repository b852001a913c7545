package io.alertbridge.connectors.slack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MrkdwnEscaperTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "<!channel>                       | &lt;!channel&gt;",
                "<!here>                          | &lt;!here&gt;",
                "<@U024BE7LH>                     | &lt;@U024BE7LH&gt;",
                "\"<https://evil.example|click>\" | \"&lt;https://evil.example|click&gt;\"",
                "&lt;                             | &amp;lt;",
                "a & b                            | a &amp; b",
                "@here                            | @here",
                "plain text                       | plain text",
            })
    void shouldEscapeTheThreeControlCharactersSoNothingPingsOrLinks(String raw, String escaped) {
        assertThat(MrkdwnEscaper.escape(raw)).isEqualTo(escaped);
    }

    @Test
    void shouldTurnNullIntoEmptyText() {
        assertThat(MrkdwnEscaper.escape(null)).isEmpty();
    }

    @Test
    void shouldReturnTheSameStringWhenNothingNeedsEscaping() {
        String text = "api-5xx is in ALARM";

        assertThat(MrkdwnEscaper.escape(text)).isSameAs(text);
    }

    @Test
    void shouldLinkWebUrlsWithAnEscapedLabelThatCannotCloseTheLink() {
        String link = MrkdwnEscaper.link("https://console.aws.amazon.com/a?b=1&c=2", "x>|<!channel>");

        assertThat(link).isEqualTo("<https://console.aws.amazon.com/a?b=1&amp;c=2|x&gt;|&lt;!channel&gt;>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "/relative/path", "ftp://example.com/x", "not a url", ""})
    void shouldNotLinkAnythingButAbsoluteWebUrls(String url) {
        assertThat(MrkdwnEscaper.link(url, "<b>label</b>")).isEqualTo("&lt;b&gt;label&lt;/b&gt;");
    }

    @Test
    void shouldKeepAPipeInAUrlFromEndingTheLinkEarly() {
        assertThat(MrkdwnEscaper.link("https://evil.example/a|b", "ok")).isEqualTo("<https://evil.example/a%7Cb|ok>");
    }

    @Test
    void shouldCutWithoutSplittingAnEntity() {
        String escaped = MrkdwnEscaper.escape("abcdefgh&ij");

        String cut = MrkdwnEscaper.truncate(escaped, 11);

        assertThat(cut).isEqualTo("abcdefgh\u2026");
        assertThat(cut.length()).isLessThanOrEqualTo(11);
    }

    @Test
    void shouldLeaveShortTextUncut() {
        assertThat(MrkdwnEscaper.truncate("short", 10)).isEqualTo("short");
    }
}
