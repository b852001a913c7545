package io.alertbridge.connectors.slack.sink;

import com.slack.api.methods.MethodsClient;
import io.alertbridge.connectors.slack.files.FileUpload;
import io.alertbridge.connectors.slack.files.SlackFileUploader;
import io.alertbridge.connectors.slack.files.UploadResult;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Graph uploads through Slack's external upload flow ({@link SlackFileUploader}), with the sink's Slack client of
 * the moment (its token may have been re-read after a rotation). A refused upload leaves the message as it was and
 * the next change of the incident tries again; Slack out of reach or rate limiting asks for the same graph again
 * after the sink's longest backoff (or Slack's {@code Retry-After}). Thread-safe.
 */
public final class SlackGraphUploads implements GraphUploads {

    private static final Logger LOG = LoggerFactory.getLogger(SlackGraphUploads.class);

    private final Supplier<MethodsClient> slack;
    private final Duration retry;

    /**
     * Uploads through the client {@code slack} gives at the time of each upload.
     *
     * @param retry how long after Slack was out of reach the graph is drawn again (the sink's longest backoff)
     */
    public SlackGraphUploads(Supplier<MethodsClient> slack, Duration retry) {
        this.slack = Objects.requireNonNull(slack, "slack");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    @Override
    public Upload upload(byte[] png, String filename, String title, String altText, String channelId, String threadTs) {
        UploadResult result = new SlackFileUploader(slack.get())
                .upload(new FileUpload(filename, png, title, altText, channelId, threadTs, null));
        if (result.ok()) {
            return new Upload(result.fileId(), null);
        }
        LOG.warn("Slack did not take the graph {}: {}", LogText.safe(filename), LogText.safe(result.reason()));
        return switch (result.outcome()) {
            case RATE_LIMITED -> new Upload(null, max(result.retryAfter(), retry));
            case UNREACHABLE, INVALID_TOKEN -> new Upload(null, retry);
            default -> Upload.refused();
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void delete(String fileId) {
        UploadResult result = new SlackFileUploader(slack.get()).delete(fileId);
        if (!result.ok()) {
            LOG.info("Could not delete the replaced graph {}: {}", fileId, LogText.safe(result.reason()));
        }
    }
}
