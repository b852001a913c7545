package io.alertbridge.connectors.slack.sink;

/**
 * Puts a graph's PNG into Slack as a file the message's image block can reference, and deletes a replaced one. Runs
 * on the graph worker's thread; never throws.
 */
public interface GraphUploads {

    /**
     * Uploads a PNG, unshared (the image block shows it).
     *
     * @return the file id, or null when Slack refused or could not be reached (the reason is logged and counted)
     */
    String upload(byte[] png, String filename, String title, String altText);

    /** Deletes a file this sink uploaded; a file already gone is fine. */
    void delete(String fileId);
}
