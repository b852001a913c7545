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
     * @return the file, or why not (the reason is logged)
     */
    Upload upload(byte[] png, String filename, String title, String altText, String channelId, String threadTs);

    /**
     * How an upload ended.
     *
     * @param fileId the uploaded file, or null
     * @param retryIn when Slack could not take it now (unreachable, rate limited, a token being rotated): how long to
     *     wait before drawing it again; null when it was uploaded, or refused for good
     */
    record Upload(String fileId, java.time.Duration retryIn) {

        /** Slack refused it; trying again would fail the same way. */
        public static Upload refused() {
            return new Upload(null, null);
        }
    }

    /** Deletes a file this sink uploaded; a file already gone is fine. */
    void delete(String fileId);
}
