package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.methods.MethodsClient;
import io.alertbridge.connectors.graphs.ChartRenderer;
import io.alertbridge.connectors.reports.Report;
import io.alertbridge.connectors.slack.files.FileUpload;
import io.alertbridge.connectors.slack.files.SlackFileUploader;
import io.alertbridge.connectors.slack.files.UploadResult;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A report's chart image ({@link ReportChart}) drawn by the incident graphs' {@link ChartRenderer} and uploaded with
 * the graphs' {@link SlackFileUploader}, shared to the channel the report goes to (Slack shows an image block only of
 * a file shared to a conversation).
 *
 * <p>Never fails a report: a chart that cannot be drawn, a refused upload, Slack out of reach or slower than the
 * bound all give no image (logged), and the report keeps its text chart. The wait is bounded ({@link #DEFAULT_BOUND})
 * so that the report still arrives; an upload that finishes after it leaves a file shared in the channel that no
 * report shows. Thread-safe: the work runs on daemon threads that end when idle.
 */
final class ReportChartImages {

    private static final Logger LOG = LoggerFactory.getLogger(ReportChartImages.class);

    /** How long a report waits for its image at most. */
    static final Duration DEFAULT_BOUND = Duration.ofSeconds(5);

    /** Reports are rare and each waits for its own image: threads are made on demand and end after a minute idle. */
    private static final ExecutorService WORK = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "report-chart");
        t.setDaemon(true);
        return t;
    });

    private final Supplier<MethodsClient> slack;
    private final ChartRenderer renderer;
    private final Duration bound;

    /**
     * @param slack the bot's Slack client of the moment
     * @param bound how long to wait for the image at most
     */
    ReportChartImages(Supplier<MethodsClient> slack, ChartRenderer renderer, Duration bound) {
        this.slack = Objects.requireNonNull(slack, "slack");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.bound = Objects.requireNonNull(bound, "bound");
    }

    /** Images of the default size, waited for {@link #DEFAULT_BOUND} at most. */
    ReportChartImages(Supplier<MethodsClient> slack) {
        this(slack, new ChartRenderer(), DEFAULT_BOUND);
    }

    /** The id of the uploaded chart of {@code report}, shared to {@code channelId}; empty when there is none. */
    Optional<String> upload(Report report, ZoneId zone, String channelId) {
        if (channelId == null || channelId.isBlank()) {
            return Optional.empty();
        }
        CompletableFuture<Optional<String>> work =
                CompletableFuture.supplyAsync(() -> renderAndUpload(report, zone, channelId), WORK);
        try {
            return work.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            work.cancel(true);
            LOG.info("No chart image in the report: not drawn and uploaded within {}", bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.info("No chart image in the report: {}", LogText.safe(e));
        }
        return Optional.empty();
    }

    private Optional<String> renderAndUpload(Report report, ZoneId zone, String channelId) {
        ChartRenderer.Rendered rendered = renderer.render(ReportChart.model(report, zone));
        if (!rendered.hasImage()) {
            LOG.info("No chart image in the report: {}", LogText.safe(rendered.reason()));
            return Optional.empty();
        }
        String filename =
                "incidents-per-day-" + report.range().from().atZone(zone).toLocalDate() + ".png";
        UploadResult result = new SlackFileUploader(slack.get())
                .upload(new FileUpload(
                        filename,
                        rendered.png(),
                        ReportChart.TITLE,
                        ReportChart.altText(report, zone),
                        channelId,
                        null,
                        null));
        if (!result.ok()) {
            LOG.info("No chart image in the report: Slack did not take it: {}", LogText.safe(result.reason()));
            return Optional.empty();
        }
        return Optional.of(result.fileId());
    }
}
