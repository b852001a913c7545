package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.alertbridge.connectors.reports.HistoryView;
import io.alertbridge.connectors.reports.Report;
import io.alertbridge.connectors.reports.ReportFigures;
import io.alertbridge.connectors.reports.ReportFilter;
import io.alertbridge.connectors.reports.ReportRange;
import io.alertbridge.connectors.reports.WorkingHours;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /alerts report [RANGE] [route:R|service:S|channel:C] [public]}: the figures of the incident history
 * ({@link ReportFigures}) from the local {@link HistoryView}, never a read of the topic.
 *
 * <p>What cannot be reported is answered at once, ephemeral, in one or two sentences: a range it cannot read (with
 * what it accepts), an unknown route, service or channel (with some that exist), a range wholly before the history
 * kept (with where it starts), a view still loading after a start. Otherwise the command is acknowledged at once
 * ("Building…") and the report follows as a new message through the {@code response_url}, from the after-ack pool: a
 * 30-day report over 100,000 incidents takes a few hundred milliseconds, within Slack's 3 seconds, but a request
 * thread never waits on it. A range with nothing in it says so and says what history exists, so that it cannot
 * pass for good news. Thread-safe.
 */
final class ReportCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ReportCommand.class);

    /** Values listed at most when a filter names nothing known. */
    static final int KNOWN_SHOWN = 8;

    private final HistoryView view;
    private final AfterAck afterAck;
    private final java.time.Clock clock;
    private final WorkingHours.ByRoute hours;
    private final String command;
    private final ReportChartImages charts;

    /**
     * @param view the history, or null when this process does not keep it
     * @param hours working hours by route; its default's zone is the zone days are counted in
     * @param command the slash command's name, for the answers
     * @param charts where a shared report's chart image comes from, or null for the text chart only
     */
    ReportCommand(
            HistoryView view,
            AfterAck afterAck,
            java.time.Clock clock,
            WorkingHours.ByRoute hours,
            String command,
            ReportChartImages charts) {
        this.view = view;
        this.afterAck = afterAck;
        this.clock = clock;
        this.hours = hours;
        this.command = command;
        this.charts = charts;
    }

    private ZoneId zone() {
        return hours.defaults().zone();
    }

    /** What to acknowledge the command with; a report follows through the response URL. */
    Reply acknowledge(AlertsRequest.Report request, Caller caller, boolean shared) {
        if (view == null) {
            return Reply.ephemeral(":grey_question: Reports are not enabled in this Alertbridge.");
        }
        if (!view.isReady()) {
            return Reply.ephemeral(":hourglass_flowing_sand: I am still reading the incident history after a start ("
                    + view.index().size() + " transitions so far). Please try again in a minute.");
        }
        Instant now = clock.instant();
        ReportRange.Parsed parsed = ReportRange.parse(request.range(), now, zone());
        Optional<Instant> earliest = view.index().earliest();
        String available = earliest.map(e -> "History is available from " + AlertsFormatter.date(e) + ".")
                .orElse("No incident history has been recorded yet.");
        if (!parsed.ok()) {
            return Reply.ephemeral(":grey_question: " + MrkdwnEscaper.escapeLine(parsed.problem()) + " " + available);
        }
        ReportRange range = parsed.range();
        if (earliest.isEmpty()) {
            return Reply.ephemeral(":grey_question: No incidents in " + ReportFormatter.range(range, zone())
                    + ": no incident history has been recorded yet.");
        }
        if (!range.to().isAfter(earliest.get())) {
            return Reply.ephemeral(":grey_question: " + ReportFormatter.range(range, zone())
                    + " is before the history kept. " + available);
        }
        ReportFilter filter = request.filter();
        if (!view.index().knows(filter)) {
            Set<String> known = view.index().known(filter.by(), KNOWN_SHOWN);
            String kind = filter.by().name().toLowerCase(Locale.ROOT);
            return Reply.ephemeral(":grey_question: I know no " + kind + " `" + MrkdwnEscaper.escapeLine(filter.value())
                    + "` in the incident history."
                    + (known.isEmpty() ? "" : " Known: " + MrkdwnEscaper.escapeLine(String.join(", ", known)) + ".")
                    + " " + available);
        }
        afterAck.answer(
                caller,
                () -> answer(range, filter, shared, caller.channelId()),
                "report " + LogText.safe(range.toString()),
                false);
        return new Reply(
                ":hourglass_flowing_sand: Building the incident report for " + ReportFormatter.range(range, zone())
                        + "…",
                shared);
    }

    /**
     * The report (blocking: a few hundred milliseconds at most for a month of a busy history, and for a shared report
     * up to {@link ReportChartImages#DEFAULT_BOUND} more for its chart image).
     *
     * <p>Only a report shown to the channel gets the image: Slack shows an image block only of a file shared to a
     * conversation, and sharing the chart of an ephemeral report to its channel would show everyone what only the
     * asker was to see. An ephemeral report keeps the text chart.
     */
    Reply answer(ReportRange range, ReportFilter filter, boolean shared, String channelId) {
        long started = System.nanoTime();
        Report report =
                ReportFigures.compute(view.index().since(range.previous().from()), range, filter, hours);
        Instant availableFrom = view.index().earliest().orElse(range.from());
        LOG.debug(
                "Report {} {} computed in {} ms",
                range,
                LogText.safe(filter.describe()),
                (System.nanoTime() - started) / 1_000_000);
        if (report.isEmpty()) {
            return new Reply(ReportFormatter.empty(report, zone(), availableFrom), shared);
        }
        ArrayNode blocks = ReportFormatter.blocks(report, zone(), availableFrom);
        if (shared && charts != null) {
            charts.upload(report, zone(), channelId)
                    .ifPresent(id -> ReportFormatter.withChart(blocks, id, ReportChart.altText(report, zone())));
        }
        return new Reply(ReportFormatter.fallback(report, zone()), shared, blocks);
    }
}
