package io.alertbridge.connectors.slack.sink;

/**
 * Puts a graph's PNG into Slack as a file the message's image block can reference, and deletes a replaced one. Runs
 * on the graph worker's thread; never throws.
 */
public interface GraphUploads {

    /**
     * Uploads a PNG and shares it in the incident's thread: Slack refuses an image block of a file never shared to a
     * conversation, and the thread keeps it out of the channel's flow.
     *
     * @param channelId the incident message's channel
     * @param threadTs the incident message's ts
     * @return the file id, or null when Slack refused or could not be reached (the reason is logged)
     */
    String upload(byte[] png, String filename, String title, String altText, String channelId, String threadTs);

    /** Deletes a file this sink uploaded; a file already gone is fine. */
    void delete(String fileId);
}
