package io.alertbridge.connectors.slack.files;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesDeleteResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import io.alertbridge.connectors.slack.files.UploadResult.Outcome;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Uploads a file with Slack's current flow, as the Slack SDK's own {@code filesUploadV2} does it:
 * {@code files.getUploadURLExternal} (filename, length, alt_txt), a POST of the raw bytes to the answered
 * {@code upload_url} (through the SDK's own HTTP client, no token: the URL is the authority), then
 * {@code files.completeUploadExternal} (files=[{id,title}], channel_id, thread_ts). Then, when the upload replaces an
 * earlier file, {@code files.delete} of that one; a replaced file already gone counts as deleted.
 *
 * <p>Never throws: every failure comes back as an {@link UploadResult} saying whether it was a rate limit (with
 * {@code Retry-After}), an invalid token, a refusal or Slack out of reach. Nothing is retried here: the caller owns
 * the pacing (a graph is skipped, never queued, and never holds up a message's text).
 *
 * <p>Thread-safe as the SDK's {@link MethodsClient} is.
 */
public final class SlackFileUploader {

    private static final Logger LOG = LoggerFactory.getLogger(SlackFileUploader.class);
    static final String GET_URL = "files.getUploadURLExternal";
    static final String COMPLETE = "files.completeUploadExternal";
    static final String DELETE = "files.delete";
    /** A file already gone is what a delete wants. */
    private static final Set<String> ALREADY_GONE = Set.of("file_not_found", "file_deleted");

    private final MethodsClient slack;
    private final OkHttpClient http;

    /** An uploader calling Slack through {@code slack} (its token, its endpoint, its HTTP client). */
    public SlackFileUploader(MethodsClient slack) {
        this.slack = Objects.requireNonNull(slack, "slack");
        this.http = slack.getSlackHttpClient().getOkHttpClient();
    }

    /** Uploads the file and shares it as asked; then deletes the file it replaces. */
    public UploadResult upload(FileUpload upload) {
        UploadResult uploaded = uploadOnly(upload);
        if (!uploaded.ok() || upload.replaces() == null || upload.replaces().equals(uploaded.fileId())) {
            return uploaded;
        }
        UploadResult deleted = delete(upload.replaces());
        return new UploadResult(
                uploaded.outcome(), uploaded.fileId(), uploaded.retryAfter(), null, uploaded.reason(), deleted);
    }

    private UploadResult uploadOnly(FileUpload upload) {
        String fileId;
        try {
            FilesGetUploadURLExternalResponse url = slack.filesGetUploadURLExternal(r ->
                    r.filename(upload.filename()).length(upload.bytes().length).altTxt(upload.altText()));
            if (!url.isOk()) {
                return UploadFailures.ofError(GET_URL, url.getError());
            }
            fileId = url.getFileId();
            UploadResult sent = send(url.getUploadUrl(), upload.bytes());
            if (sent != null) {
                return sent;
            }
            FilesCompleteUploadExternalResponse done = slack.filesCompleteUploadExternal(
                    r -> r.files(List.of(new FileDetails(fileId, upload.title(), null)))
                            .channelId(upload.channelId())
                            .threadTs(upload.threadTs()));
            if (!done.isOk()) {
                return UploadFailures.ofError(COMPLETE, done.getError());
            }
        } catch (Exception e) {
            return UploadFailures.of(GET_URL + "/" + COMPLETE, e);
        }
        LOG.debug("Uploaded {} ({} bytes) as {}", upload.filename(), upload.bytes().length, fileId);
        return new UploadResult(Outcome.UPLOADED, fileId, null, null, "uploaded", null);
    }

    /** POSTs the bytes; {@code null} when the upload URL took them, else the failure. */
    private UploadResult send(String uploadUrl, byte[] bytes) throws java.io.IOException {
        Request request = new Request.Builder()
                .url(uploadUrl)
                .post(RequestBody.create(bytes))
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 200) {
                return null;
            }
            return UploadFailures.ofUploadStatus(response.code(), response.header("Retry-After"));
        }
    }

    /** Deletes a file; a file already gone counts as deleted. */
    public UploadResult delete(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        try {
            FilesDeleteResponse response = slack.filesDelete(r -> r.file(fileId));
            if (response.isOk() || ALREADY_GONE.contains(response.getError())) {
                return new UploadResult(
                        Outcome.DELETED,
                        fileId,
                        null,
                        null,
                        response.isOk() ? "deleted" : "gone already: " + response.getError(),
                        null);
            }
            return UploadFailures.ofError(DELETE, response.getError());
        } catch (Exception e) {
            return UploadFailures.of(DELETE, e);
        }
    }
}
