package io.alertbridge.schemas.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogTextTest {

    @Test
    void shouldLeavePlainTextAloneAndWriteNullAsSlf4jDoes() {
        String plain = "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:api-5xx (C:\\temp) é 日本 😀";

        assertThat(LogText.safe(plain)).isSameAs(plain);
        assertThat(LogText.safe((String) null)).isEqualTo("null");
        assertThat(LogText.safe((Object) null)).isEqualTo("null");
    }

    @Test
    void shouldKeepAForgedLogLineOnOneLine() {
        String name = "api-5xx\n2024-11-06 18:00:00 ERROR [main] Database wiped\r\nx\ty";

        assertThat(LogText.safe(name))
                .isEqualTo("api-5xx\\n2024-11-06 18:00:00 ERROR [main] Database wiped\\r\\nx\\ty")
                .doesNotContain("\n")
                .doesNotContain("\r");
    }

    @Test
    void shouldEscapeAnsiNulDelAndC1Controls() {
        assertThat(LogText.safe("\u001b[31mred\u001b[0m\u0000end\u007f\u0085\u009b"))
                .isEqualTo("\\u001b[31mred\\u001b[0m\\u0000end\\u007f\\u0085\\u009b");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200b",
                "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad", "\u2028", "\u2029", "\u061c"
            })
    void shouldEscapeBidiFormatAndSeparatorCharacters(String hostile) {
        String escaped = LogText.safe("db" + hostile + "prod");

        assertThat(escaped)
                .isEqualTo(String.format("db\\u%04x" + "prod", (int) hostile.charAt(0)))
                .doesNotContain(hostile);
    }

    @Test
    void shouldEscapeFormatCharactersOutsideTheBasicPlaneAndLoneSurrogates() {
        String tag = new String(Character.toChars(0xE0041));

        assertThat(LogText.safe("a" + tag + "b")).isEqualTo("a\\udb40\\udc41b");
        assertThat(LogText.safe("a\ud800b")).isEqualTo("a\\ud800b");
    }

    @Test
    void shouldBoundAHugeValueAndSayHowMuchWasLeftOut() {
        String huge = "x".repeat(50_000);

        String safe = LogText.safe(huge);

        assertThat(safe).startsWith("x".repeat(LogText.MAX_CHARS)).endsWith("\u2026(+49800 chars)");
        assertThat(safe.length()).isLessThan(LogText.MAX_CHARS + 20);
    }

    @Test
    void shouldBoundTheEscapedOutputNotJustTheInput() {
        String safe = LogText.safe("\u0000".repeat(1000));

        assertThat(safe).startsWith("\\u0000".repeat(33)).endsWith("\u2026(+967 chars)");
        assertThat(safe.length()).isLessThan(LogText.MAX_CHARS + 20);
    }

    @Test
    void shouldNeverSplitASurrogatePairOrAnEscapeWhenCutting() {
        String safe = LogText.safe("a" + "😀".repeat(10), 4);

        assertThat(safe).isEqualTo("a😀\u2026(+18 chars)");
        assertThat(LogText.safe("ab\ncd", 3)).isEqualTo("ab\u2026(+3 chars)");
        assertThatThrownBy(() -> LogText.safe("x", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldEscapeAFailuresMessageAndKeepItsStackTraceAndCause() {
        JsonProcessingException jackson = null;
        try {
            Json.mapper().readTree("{\"AlarmName\": \"x\n\u001b[2J ERROR forged\" " + "y".repeat(5000));
        } catch (JsonProcessingException e) {
            jackson = e;
        }
        RuntimeException wrapped = new IllegalStateException("cannot read\nERROR forged", jackson);

        Throwable safe = LogText.failure(wrapped);

        assertThat(safe.getMessage())
                .startsWith("java.lang.IllegalStateException: cannot read\\nERROR forged")
                .doesNotContain("\n");
        assertThat(safe.getStackTrace()).isEqualTo(wrapped.getStackTrace());
        assertThat(safe.getCause().getMessage())
                .startsWith(jackson.getClass().getName())
                .doesNotContain("\n")
                .doesNotContain("\u001b");
        assertThat(safe.getCause().getMessage().length())
                .isLessThan(jackson.getClass().getName().length() + LogText.MAX_CHARS + 25);
        assertThat(LogText.safe((Throwable) wrapped)).isEqualTo(LogText.safe(wrapped.toString()));
        assertThat(LogText.failure(null)).isNull();
    }
}
