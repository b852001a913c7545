package io.alertbridge.schemas.model;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A link rendered next to an alert (the AWS console page of the alarm, pipeline or build).
 *
 * @param title what the link opens
 * @param url absolute URL
 */
public record Link(String title, String url) {
    public Link {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
    }

    /**
     * True for an absolute {@code http} or {@code https} URL with a host and without control or format characters
     * (a bidi override in a URL disguises where it leads). Spaces and {@code |} are tolerated here: whoever
     * renders the URL encodes them. A {@code javascript:} or relative URL, or garbage, is not a web URL.
     */
    public static boolean isWebUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        String stripped = url.strip();
        boolean disguised = stripped.codePoints()
                .map(Character::getType)
                .anyMatch(type -> type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE);
        if (disguised) {
            return false;
        }
        try {
            URI uri = URI.create(stripped.replace(" ", "%20").replace("|", "%7C"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
