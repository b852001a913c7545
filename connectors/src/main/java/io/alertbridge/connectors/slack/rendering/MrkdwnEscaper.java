package io.alertbridge.connectors.slack.rendering;

import io.alertbridge.schemas.model.Link;

/**
 * Makes text from the outside world (alarm names and descriptions, labels, user-supplied notes) safe to place in
 * Slack {@code mrkdwn}.
 *
 * <p>Slack parses only three characters as control characters in message text: {@code &}, {@code <} and
 * {@code >}. Everything that can ping or forge ({@code <!channel>}, {@code <!here>}, {@code <@U123>},
 * {@code <https://evil.example|click>}) needs a {@code <}, so escaping those three makes any text literal: Slack
 * shows {@code &lt;!channel&gt;} as {@code <!channel>} and pings nobody. A bare {@code @here} is not a mention in
 * API messages (the sink never sets {@code link_names}), so it is left as it is. An already escaped
 * {@code &lt;} becomes {@code &amp;lt;}, so the reader sees the five characters the source wrote.
 *
 * <p>Text can also disguise itself without any markup: a right-to-left override (U+202E) shows
 * {@code prod-db-\u202Eyp.kcatta} as {@code prod-db-attack.py}, zero-width characters make two different names
 * look the same, and control characters (ANSI escapes, NUL, a newline in a title) break the layout. So both
 * escaping methods also <em>neutralise</em> such characters: every bidi embedding, override and isolate
 * (U+202A–U+202E, U+2066–U+2069), every other format character (Unicode category Cf: U+200B–U+200F, U+FEFF, the
 * soft hyphen, tag characters, ...), every control character (C0, DEL, C1) other than the line breaks and tabs a
 * field may keep, and lone surrogates become U+FFFD (�). They are replaced rather than dropped so that the
 * reader sees that something was there: dropping would turn {@code admin\u200B} into a perfect copy of
 * {@code admin}. The cost is that an emoji joined by U+200D shows as its parts with a � between them, which
 * alarm names and descriptions can afford.
 *
 * <ul>
 *   <li>{@link #escape(String)} is for multi-line text (descriptions, notes, replies): it keeps line breaks
 *       (CR LF, CR, U+2028 and U+2029 become LF) and tabs.
 *   <li>{@link #escapeLine(String)} is for single-line fields (titles, names, ids, label values, link labels): line
 *       breaks and tabs become spaces, so a title cannot push text onto a line of its own.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class MrkdwnEscaper {

    private MrkdwnEscaper() {}

    /** The character that stands in for a neutralised one. */
    public static final char REPLACEMENT = '\uFFFD';

    /**
     * Multi-line text with {@code &}, {@code <} and {@code >} escaped and disguising characters neutralised (line
     * breaks and tabs kept); null becomes the empty string.
     */
    public static String escape(String text) {
        return escapeMarkup(neutralise(text, false));
    }

    /**
     * Single-line text with {@code &}, {@code <} and {@code >} escaped, disguising characters neutralised, and line
     * breaks and tabs turned into spaces; null becomes the empty string.
     */
    public static String escapeLine(String text) {
        return escapeMarkup(neutralise(text, true));
    }

    /**
     * The text with disguising characters replaced by {@link #REPLACEMENT}: format characters (bidi controls,
     * zero-width characters, ...), control characters and lone surrogates. Line breaks and tabs become spaces when
     * {@code singleLine}, else line breaks become {@code \n} and tabs stay. Null becomes the empty string.
     */
    static String neutralise(String text, boolean singleLine) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            String replacement = replacement(cp, singleLine);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.appendCodePoint(cp);
                }
            }
            if (cp == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                width = 2;
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    /** What replaces the code point at {@code i}, or null when it stays. */
    private static String replacement(int cp, boolean singleLine) {
        switch (cp) {
            case '\n':
                return singleLine ? " " : null;
            case '\r':
            case '\u2028':
            case '\u2029':
                return singleLine ? " " : "\n";
            case '\t':
                return singleLine ? " " : null;
            default:
                break;
        }
        if (cp >= 0x20 && cp < 0x7f) {
            return null;
        }
        int type = Character.getType(cp);
        boolean hostile = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
        return hostile ? String.valueOf(REPLACEMENT) : null;
    }

    private static String escapeMarkup(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement =
                    switch (c) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        default -> null;
                    };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * A Slack link {@code <url|label>} to an http(s) URL, with the label escaped and the URL made unable to close
     * the link early. Anything that is not an absolute http(s) URL (a {@code javascript:} URL, a relative path,
     * garbage) is not linked: the escaped label alone is returned, so a payload cannot smuggle a link in.
     */
    public static String link(String url, String label) {
        // Slack splits a link at its first '|': a '|' in the label is text, one in the URL must be encoded.
        String safeLabel = escapeLine(label);
        if (!isWebUrl(url)) {
            return safeLabel;
        }
        String safeUrl = escape(url.strip()).replace("|", "%7C").replace(" ", "%20");
        return "<" + safeUrl + "|" + safeLabel + ">";
    }

    /** True for an absolute {@code http} or {@code https} URL with a host (see {@link Link#isWebUrl}). */
    static boolean isWebUrl(String url) {
        return Link.isWebUrl(url);
    }

    /**
     * Cuts text to at most {@code max} characters (ending with an ellipsis when cut) without splitting an escape
     * sequence such as {@code &amp;}, a {@code <...>} token (a date, link or mention) or a surrogate pair. Use on already escaped mrkdwn.
     */
    public static String truncate(String mrkdwn, int max) {
        if (mrkdwn.length() <= max) {
            return mrkdwn;
        }
        int cut = Math.max(0, max - 1);
        int amp = mrkdwn.lastIndexOf('&', cut);
        if (amp >= 0 && amp > cut - 6 && mrkdwn.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        int open = mrkdwn.lastIndexOf('<', cut - 1);
        if (open >= 0 && mrkdwn.lastIndexOf('>', cut - 1) < open) {
            // Escaped text holds '<' only where a token (a date, a link, a mention) starts: never cut one in half.
            cut = open;
        }
        if (cut > 0 && Character.isHighSurrogate(mrkdwn.charAt(cut - 1))) {
            cut--;
        }
        return mrkdwn.substring(0, cut) + "\u2026";
    }
}
