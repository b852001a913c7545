package io.alertbridge.schemas.text;

/**
 * Text from outside (alarm names, titles, fingerprints, event and message ids, message bodies, Slack's error text,
 * request fields, exception messages that quote input) made safe to put in a log line.
 *
 * <p>An attacker who can name an alarm can otherwise forge log lines (a newline followed by a fake {@code ERROR}),
 * colour or clear a terminal (ANSI escapes), hide text behind bidi overrides, cut a line short for some readers
 * (NUL), or fill the log with one 50 KB line. So {@link #safe(String)}:
 *
 * <ul>
 *   <li>writes {@code \n}, {@code \r} and {@code \t} as those two-character escapes, and every other control
 *       character (C0, DEL, C1), every format character (Unicode category Cf: bidi embeddings, overrides and
 *       isolates, zero-width spaces and joiners, the byte order mark, ...), the line and paragraph separators and
 *       lone surrogates as {@code \}{@code uXXXX}: the line stays one line and shows what was there;
 *   <li>keeps at most {@link #MAX_CHARS} characters of output, then says how much of the input was left out:
 *       {@code …(+N chars)}.
 * </ul>
 *
 * <p>A backslash is kept as it is: the escapes exist to stop forged lines and hidden text, not to make the log
 * reversible, and doubling every backslash would garble the Windows paths and regular expressions people log.
 *
 * <p>Use it as a parameter, {@code LOG.warn("Alarm {} ignored", LogText.safe(name))}; values that this program
 * makes itself (counts, topic names, durations) need nothing. Stateless and thread-safe.
 */
public final class LogText {

    /** Characters of escaped output kept in one value before it is cut. */
    public static final int MAX_CHARS = 200;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {}

    /** The text escaped and cut to {@link #MAX_CHARS}; {@code null} becomes {@code "null"}, as SLF4J writes it. */
    public static String safe(String text) {
        return safe(text, MAX_CHARS);
    }

    /** Any value's {@code toString()} made safe (a key, a list of matchers, an exception); null stays "null". */
    public static String safe(Object value) {
        return safe(value == null ? null : value.toString(), MAX_CHARS);
    }

    /**
     * The text escaped and cut so that the escaped part holds at most {@code max} characters, followed when cut by
     * {@code …(+N chars)} where N counts the input characters left out.
     */
    public static String safe(String text, int max) {
        if (text == null) {
            return "null";
        }
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            int width = Character.charCount(text.codePointAt(i));
            String escaped = escapeAt(text, i, width);
            int added = escaped == null ? width : escaped.length();
            if ((out == null ? i : out.length()) + added > max) {
                StringBuilder cut = out == null ? new StringBuilder(max + 20).append(text, 0, i) : out;
                return cut.append("\u2026(+")
                        .append(text.length() - i)
                        .append(" chars)")
                        .toString();
            }
            if (escaped != null && out == null) {
                out = new StringBuilder(Math.min(text.length(), max) + 16).append(text, 0, i);
            }
            if (escaped != null) {
                out.append(escaped);
            } else if (out != null) {
                out.append(text, i, i + width);
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    /** The message of a failure, made safe: its class and message, as {@code Throwable.toString()} gives them. */
    public static String safe(Throwable failure) {
        return safe(failure == null ? null : failure.toString(), MAX_CHARS);
    }

    /**
     * A stand-in for a failure to pass as the last logging argument, so the log keeps its stack trace but shows its
     * message (and its causes' messages, which often quote the input: Jackson's do) escaped and bounded. The
     * stand-in's message starts with the original class name; its stack trace is the original's.
     */
    public static Throwable failure(Throwable failure) {
        return failure == null ? null : new Escaped(failure, 0);
    }

    /** A failure with its message escaped; see {@link #failure(Throwable)}. */
    private static final class Escaped extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final int MAX_CAUSES = 8;

        Escaped(Throwable original, int depth) {
            super(
                    original.getClass().getName()
                            + (original.getMessage() == null ? "" : ": " + safe(original.getMessage())),
                    original.getCause() == null || original.getCause() == original || depth >= MAX_CAUSES
                            ? null
                            : new Escaped(original.getCause(), depth + 1),
                    false,
                    true);
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** The escape of the code point at {@code i} ({@code width} chars), or null when it stays as it is. */
    private static String escapeAt(String text, int i, int width) {
        if (width == 2) {
            return Character.getType(text.codePointAt(i)) == Character.FORMAT
                    ? unicodeEscape(text.charAt(i)) + unicodeEscape(text.charAt(i + 1))
                    : null;
        }
        char c = text.charAt(i);
        return needsEscape(c) ? escape(c) : null;
    }

    private static boolean needsEscape(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (c < 0xa0) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> unicodeEscape(c);
        };
    }

    private static String unicodeEscape(char c) {
        return new String(
                new char[] {'\\', 'u', HEX[(c >> 12) & 0xf], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf], HEX[c & 0xf]});
    }
}
