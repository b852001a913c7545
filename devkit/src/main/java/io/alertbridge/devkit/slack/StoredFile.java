package io.alertbridge.devkit.slack;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A file as the workspace holds it, from {@code files.getUploadURLExternal} to {@code files.delete}. Mutable;
 * guarded by the {@link WorkspaceState}'s lock, never handed out: callers get {@link SlackFile} snapshots or JSON.
 */
final class StoredFile {

    final String id;
    final String name;
    final int length;
    final String altTxt;
    final String snippetType;
    final String user;
    final long created;
    /** The secret part of the upload URL: whoever holds it may send the bytes, once. */
    final String uploadTicket;

    final String uploadUrl;
    final String urlPrivate;
    final String urlPrivateDownload;
    final String permalink;

    String title;
    /** The bytes sent to the upload URL, or {@code null} until then. */
    byte[] bytes;
    /** Whether {@code files.completeUploadExternal} finished it; until then it is nobody's file. */
    boolean completed;

    boolean deleted;
    /** Channel ids it was shared to, in order. */
    final Set<String> channels = new LinkedHashSet<>();

    StoredFile(
            String id,
            String name,
            int length,
            String altTxt,
            String snippetType,
            String user,
            long created,
            Urls urls) {
        this.id = id;
        this.name = name;
        this.length = length;
        this.altTxt = altTxt;
        this.snippetType = snippetType;
        this.user = user;
        this.created = created;
        this.uploadTicket = urls.upload().substring(urls.upload().lastIndexOf('/') + 1);
        this.uploadUrl = urls.upload();
        this.urlPrivate = urls.urlPrivate();
        this.urlPrivateDownload = urls.urlPrivateDownload();
        this.permalink = urls.permalink();
        this.title = name;
    }

    /** Where a file's bytes are sent and then found. */
    record Urls(String upload, String urlPrivate, String urlPrivateDownload, String permalink) {}

    /** Whether {@code url} is one of the addresses Slack gives this file. */
    boolean isAt(String url) {
        return url.equals(urlPrivate) || url.equals(urlPrivateDownload) || url.equals(permalink);
    }

    boolean uploaded() {
        return bytes != null;
    }

    /** Whether an image block may show it: complete, not deleted, and shared to a conversation. */
    boolean usableInBlocks() {
        return completed && !deleted && !channels.isEmpty();
    }

    /** The file type Slack derives from the name: {@code png}, {@code text}... */
    String filetype() {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        return switch (extension) {
            case "png", "jpg", "gif", "webp", "pdf", "csv", "json" -> extension;
            case "jpeg" -> "jpg";
            case "" -> "binary";
            default -> snippetType != null && !snippetType.isBlank() ? snippetType : "text";
        };
    }

    String mimetype() {
        return switch (filetype()) {
            case "png" -> "image/png";
            case "jpg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "pdf" -> "application/pdf";
            case "csv" -> "text/csv";
            case "json" -> "application/json";
            case "binary" -> "application/octet-stream";
            default -> "text/plain";
        };
    }

    boolean isImage() {
        return mimetype().startsWith("image/");
    }

    SlackFile snapshot() {
        return new SlackFile(
                id,
                name,
                title,
                altTxt,
                mimetype(),
                length,
                bytes == null ? null : bytes.clone(),
                completed,
                deleted,
                java.util.List.copyOf(channels));
    }
}
