package io.alertbridge.connectors.slack.files;

import java.util.Objects;

/**
 * What to upload.
 *
 * @param filename the file's name ({@code cpu-INC-7.png}); Slack derives the type from it
 * @param bytes the content (not copied: do not change it while uploading)
 * @param title the title Slack shows, or {@code null} for the name
 * @param altText the description for screen readers (at most 1,000 characters), or {@code null}
 * @param channelId the channel to share it to, or {@code null} to keep it private. Slack refuses an image block of
 *     a file that was never shared ({@code invalid slack file}), so an image block needs one
 * @param threadTs the parent message's ts, to share it as a reply in that thread rather than in the channel, or
 *     {@code null}
 * @param replaces the file this one replaces, deleted once this one is uploaded, or {@code null}
 */
public record FileUpload(
        String filename,
        byte[] bytes,
        String title,
        String altText,
        String channelId,
        String threadTs,
        String replaces) {

    public FileUpload {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(bytes, "bytes");
        if (filename.isBlank()) {
            throw new IllegalArgumentException("a file name is required");
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("Slack takes no empty file");
        }
    }

    /** A PNG shared to {@code channelId}, replacing nothing. */
    public static FileUpload png(String filename, byte[] bytes, String altText, String channelId) {
        return new FileUpload(filename, bytes, null, altText, channelId, null, null);
    }

    /** This upload, in the thread of {@code parentTs}. */
    public FileUpload inThread(String parentTs) {
        return new FileUpload(filename, bytes, title, altText, channelId, parentTs, replaces);
    }

    /** This upload, deleting {@code previousFileId} once it is done. */
    public FileUpload replacing(String previousFileId) {
        return new FileUpload(filename, bytes, title, altText, channelId, threadTs, previousFileId);
    }
}
