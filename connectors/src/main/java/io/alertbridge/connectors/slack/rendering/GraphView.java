package io.alertbridge.connectors.slack.rendering;

/**
 * The graph an incident's main message shows: an uploaded image (a Slack file, shown with an image block that
 * references it, so nothing is hosted publicly), or one line saying why there is none (no datapoints in the window,
 * a composite alarm's children).
 *
 * @param fileId the Slack file id of the PNG, or null
 * @param altText what the image shows, for screen readers and clients that do not show images
 * @param note one line instead of (or under) the image, or null
 */
public record GraphView(String fileId, String altText, String note) {

    /** No graph. */
    public static final GraphView NONE = new GraphView(null, null, null);

    /** True when there is nothing to show. */
    public boolean isEmpty() {
        return fileId == null && (note == null || note.isBlank());
    }
}
