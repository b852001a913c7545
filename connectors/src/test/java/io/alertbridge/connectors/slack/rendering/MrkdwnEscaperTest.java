package io.alertbridge.connectors.slack.rendering;

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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b",
                "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad", "\u061c"
            })
    void shouldNeutraliseBidiControlsAndOtherFormatCharacters(String hostile) {
        String name = "prod-db-" + hostile + "yp.kcatta";

        assertThat(MrkdwnEscaper.escape(name)).isEqualTo("prod-db-\uFFFDyp.kcatta");
        assertThat(MrkdwnEscaper.escapeLine(name)).isEqualTo("prod-db-\uFFFDyp.kcatta");
    }

    @Test
    void shouldNeutraliseControlCharactersAnsiEscapesAndNul() {
        String hostile = "a\u0000b\u001b[31mred\u0007\u007f\u0085\u009bc";

        assertThat(MrkdwnEscaper.escape(hostile)).isEqualTo("a\uFFFDb\uFFFD[31mred\uFFFD\uFFFD\uFFFD\uFFFDc");
    }

    @Test
    void shouldNeutraliseFormatCharactersOutsideTheBasicPlaneAndLoneSurrogatesButKeepEmoji() {
        String tag = new String(Character.toChars(0xE0041));

        assertThat(MrkdwnEscaper.escape("a" + tag + "b\ud800c 😀")).isEqualTo("a\uFFFDb\uFFFDc 😀");
    }

    @Test
    void shouldKeepLineBreaksInMultiLineTextAndTurnThemIntoSpacesInASingleLine() {
        String text = "Runbook:\r\n1. restart\r2. check\u20283. page\u2029done\tok";

        assertThat(MrkdwnEscaper.escape(text)).isEqualTo("Runbook:\n1. restart\n2. check\n3. page\ndone\tok");
        assertThat(MrkdwnEscaper.escapeLine("api\n*FAKE* <!here>\r\nx\ty")).isEqualTo("api *FAKE* &lt;!here&gt; x y");
    }

    @Test
    void shouldEscapeAHugeHostileTextWhole() {
        String huge = ("\u202e<!channel>\u0000\n").repeat(50_000);

        String escaped = MrkdwnEscaper.escape(huge);

        assertThat(escaped)
                .hasSize(50_000 * "\uFFFD&lt;!channel&gt;\uFFFD\n".length())
                .doesNotContain("\u202e")
                .doesNotContain("\u0000")
                .doesNotContain("<");
        assertThat(MrkdwnEscaper.truncate(escaped, 3000)).hasSizeLessThanOrEqualTo(3000);
    }

    @Test
    void shouldNotLinkAUrlThatHidesWhereItLeadsAndShouldNeutraliseTheLabel() {
        assertThat(MrkdwnEscaper.link("https://evil.example/\u202egnp.exe", "ok"))
                .isEqualTo("ok");
        assertThat(MrkdwnEscaper.link("https://wiki.example/runbook", "run\nbook \u202e"))
                .isEqualTo("<https://wiki.example/runbook|run book \uFFFD>");
    }
}
