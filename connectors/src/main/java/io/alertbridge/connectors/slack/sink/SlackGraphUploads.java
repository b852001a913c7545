package io.alertbridge.connectors.slack.sink;

import com.slack.api.methods.MethodsClient;
import io.alertbridge.connectors.slack.files.FileUpload;
import io.alertbridge.connectors.slack.files.SlackFileUploader;
import io.alertbridge.connectors.slack.files.UploadResult;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Graph uploads through Slack's external upload flow ({@link SlackFileUploader}), with the sink's Slack client of
 * the moment (its token may have been re-read after a rotation). Nothing is retried: a refused upload leaves the
 * message as it was, and the next change of the incident tries again. Thread-safe.
 */
public final class SlackGraphUploads implements GraphUploads {

    private static final Logger LOG = LoggerFactory.getLogger(SlackGraphUploads.class);

    private final Supplier<MethodsClient> slack;

    /** Uploads through the client {@code slack} gives at the time of each upload. */
    public SlackGraphUploads(Supplier<MethodsClient> slack) {
        this.slack = Objects.requireNonNull(slack, "slack");
    }

    @Override
    public String upload(byte[] png, String filename, String title, String altText, String channelId, String threadTs) {
        UploadResult result = new SlackFileUploader(slack.get())
                .upload(new FileUpload(filename, png, title, altText, channelId, threadTs, null));
        if (!result.ok()) {
            LOG.warn("Slack refused the graph {}: {}", LogText.safe(filename), LogText.safe(result.reason()));
            return null;
        }
        return result.fileId();
    }

    @Override
    public void delete(String fileId) {
        UploadResult result = new SlackFileUploader(slack.get()).delete(fileId);
        if (!result.ok()) {
            LOG.info("Could not delete the replaced graph {}: {}", fileId, LogText.safe(result.reason()));
        }
    }
}
