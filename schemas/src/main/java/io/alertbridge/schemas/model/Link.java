package io.alertbridge.schemas.model;

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
}
