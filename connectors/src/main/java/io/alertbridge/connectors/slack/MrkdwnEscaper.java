package io.alertbridge.connectors.slack;

import java.net.URI;
import java.util.Locale;

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
 * <p>Stateless and thread-safe.
 */
public final class MrkdwnEscaper {

    private MrkdwnEscaper() {}

    /** The text with {@code &}, {@code <} and {@code >} escaped; null becomes the empty string. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
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
        String safeLabel = escape(label);
        if (!isWebUrl(url)) {
            return safeLabel;
        }
        String safeUrl = escape(url.strip()).replace("|", "%7C").replace(" ", "%20");
        return "<" + safeUrl + "|" + safeLabel + ">";
    }

    /** True for an absolute {@code http} or {@code https} URL with a host. */
    static boolean isWebUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(url.strip().replace(" ", "%20").replace("|", "%7C"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Cuts text to at most {@code max} characters (ending with an ellipsis when cut) without splitting an escape
     * sequence such as {@code &amp;} or a surrogate pair. Use on already escaped mrkdwn.
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
        if (cut > 0 && Character.isHighSurrogate(mrkdwn.charAt(cut - 1))) {
            cut--;
        }
        return mrkdwn.substring(0, cut) + "\u2026";
    }
}
