package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.reports.HistoryIndex;
import io.alertbridge.connectors.reports.HistoryLoad;
import io.alertbridge.connectors.reports.Report;
import io.alertbridge.connectors.reports.ReportFigures;
import io.alertbridge.connectors.reports.ReportFilter;
import io.alertbridge.connectors.reports.ReportRange;
import io.alertbridge.connectors.reports.ReportText;
import io.alertbridge.connectors.reports.WorkingHours;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.schemas.serde.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/**
 * {@code alertbridge report --from 7d [--to now] [--route R | --service S | --channel C] [--format text|json|csv]}:
 * the figures of {@code /alerts report} for machines, read from the incident history topic (once, start to end).
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Incident figures from the incident history: incidents opened, MTTA and MTTR (median, p90),",
            "unacknowledged and auto-resolved shares, noisiest and flapping alarms, pages outside working",
            "hours, and the previous period of the same length. Exit code 2 on bad input."
        })
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Option(
            names = "--from",
            defaultValue = "7d",
            description = "Start: a length back from now (7d, 24h), a date (2026-11-01, start of day) or an instant.")
    String from;

    @Option(
            names = "--to",
            defaultValue = "now",
            description = "End (exclusive): now, a date (2026-11-30, that day included) or an instant.")
    String to;

    @Option(names = "--route", description = "Only this route's incidents.")
    String route;

    @Option(names = "--service", description = "Only incidents whose service label is this.")
    String service;

    @Option(names = "--channel", description = "Only incidents routed to this channel.")
    String channel;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default text).")
    String format;

    @Option(
            names = "--zone",
            defaultValue = "UTC",
            description = "Time zone of dates, of the per-day counts and of the working hours (default UTC).")
    String zone;

    @Option(
            names = "--working-hours",
            defaultValue = "09:00-18:00",
            description = "Working hours, Monday to Friday in --zone (default 09:00-18:00).")
    String workingHours;

    @Option(names = "--timeout", defaultValue = "2m", description = "How long reading the history may take.")
    String timeout;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ZoneId zoneId;
        ReportRange range;
        ReportFilter filter;
        WorkingHours hours;
        try {
            zoneId = ZoneId.of(zone);
            Instant now = clock.instant();
            range = new ReportRange(instant(from, now, zoneId, false), instant(to, now, zoneId, true));
            filter = filter();
            String[] span = workingHours.split("-", 2);
            hours = new WorkingHours(
                    zoneId, java.time.LocalTime.parse(span[0]), java.time.LocalTime.parse(span[1]), null);
            if (!format.matches("text|json|csv")) {
                throw new IllegalArgumentException("--format must be text, json or csv");
            }
        } catch (RuntimeException e) {
            err.println("alertbridge report: " + e.getMessage());
            return 2;
        }
        ProcessorConfig config = options.clusterConfig();
        HistoryLoad.Result loaded = HistoryLoad.read(
                config.topicCatalog().incidentHistory(),
                config.kafka().clientProperties(),
                HistoryIndex.Bounds.DEFAULT,
                Json.parseDuration(timeout));
        HistoryIndex index = loaded.index();
        if (!index.knows(filter)) {
            err.println("alertbridge report: no " + filter.describe() + " in the incident history; known: "
                    + index.known(filter.by(), 20));
            return 2;
        }
        if (index.earliest().isEmpty() || !range.to().isAfter(index.earliest().get())) {
            err.println("alertbridge report: no incident history in " + range.from() + " .. " + range.to()
                    + index.earliest().map(e -> "; history available from " + e).orElse("; the history is empty"));
            return 2;
        }
        Report report = ReportFigures.compute(
                index.since(range.previous().from()), range, filter, new WorkingHours.ByRoute(hours, null));
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case "json" -> out.println(ReportText.json(report));
            case "csv" -> out.print(ReportText.csv(report));
            default -> {
                out.print(ReportText.table(report));
                out.println("(history available from " + index.earliest().get() + "; " + index.size()
                        + " transitions read in " + loaded.took().toMillis() + " ms)");
            }
        }
        out.flush();
        return 0;
    }

    private ReportFilter filter() {
        int given = (route == null ? 0 : 1) + (service == null ? 0 : 1) + (channel == null ? 0 : 1);
        if (given > 1) {
            throw new IllegalArgumentException("give at most one of --route, --service, --channel");
        }
        if (route != null) {
            return ReportFilter.of(ReportFilter.By.ROUTE, route);
        }
        if (service != null) {
            return ReportFilter.of(ReportFilter.By.SERVICE, service);
        }
        return channel == null ? ReportFilter.ALL : ReportFilter.of(ReportFilter.By.CHANNEL, channel);
    }

    /** {@code now}, a length back from now, a date (its start; the next day's start for an inclusive end) or an instant. */
    static Instant instant(String text, Instant now, ZoneId zone, boolean end) {
        String t = text.strip();
        if (t.equalsIgnoreCase("now")) {
            return now;
        }
        try {
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate day = LocalDate.parse(t);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            if (t.matches("\\d+[smhdw]")) {
                Duration back = t.endsWith("w")
                        ? Duration.ofDays(7L * Long.parseLong(t.substring(0, t.length() - 1)))
                        : Json.parseDuration(t);
                return now.minus(back);
            }
            return Instant.parse(t);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot read `" + text + "` as a time: use now, 7d, 2026-11-01 or " + "2026-11-01T00:00:00Z");
        }
    }
}
