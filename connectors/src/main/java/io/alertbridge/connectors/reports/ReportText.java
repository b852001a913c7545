package io.alertbridge.connectors.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.reports.Report.AlarmCount;
import io.alertbridge.connectors.reports.Report.DayCount;
import io.alertbridge.connectors.reports.Report.Figures;
import io.alertbridge.connectors.reports.Report.Flapping;
import io.alertbridge.schemas.serde.Json;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A report as plain text (a table for terminals and Slack code blocks), JSON and CSV, for machines and the command
 * line. Durations are whole seconds in JSON and CSV, human ({@code 1h05m}) in text. Pure and thread-safe.
 */
public final class ReportText {

    /** The longest bar of the per-day chart, in characters (a phone shows about 40 monospace characters). */
    static final int BAR = 20;

    private ReportText() {}

    /** {@code 45s}, {@code 12m}, {@code 1h05m}, {@code 2d3h}; a dash for null. */
    public static String human(Duration d) {
        if (d == null) {
            return "–";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m";
        }
        if (s < 86_400) {
            long m = (s % 3600) / 60;
            return (s / 3600) + "h" + (m == 0 ? "" : String.format(Locale.ROOT, "%02dm", m));
        }
        long h = (s % 86_400) / 3600;
        return (s / 86_400) + "d" + (h == 0 ? "" : h + "h");
    }

    /** A share as a whole percentage, {@code 17%}. */
    public static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** The per-day chart as text: one line per day, {@code Mon 11-09 ████████ 12}. */
    public static String perDayChart(List<DayCount> days) {
        int max = days.stream().mapToInt(DayCount::opened).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (DayCount day : days) {
            int width = max == 0 ? 0 : (int) Math.round((double) day.opened() * BAR / max);
            java.time.LocalDate date = java.time.LocalDate.parse(day.day());
            out.append(date.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH))
                    .append(' ')
                    .append(day.day().substring(5))
                    .append(' ')
                    .append("█".repeat(width))
                    .append(width == 0 && day.opened() > 0 ? "▏" : "")
                    .append(' ')
                    .append(day.opened())
                    .append('\n');
        }
        return out.toString();
    }

    /** The whole report as a text table. */
    public static String table(Report r) {
        StringBuilder out = new StringBuilder();
        out.append("Incident report ")
                .append(r.range().from())
                .append(" .. ")
                .append(r.range().to())
                .append(r.filter().describe().isEmpty() ? "" : " (" + r.filter().describe() + ")")
                .append('\n');
        out.append(String.format(Locale.ROOT, "%-24s %12s %12s%n", "", "this period", "previous"));
        Figures c = r.current();
        Figures p = r.previous();
        row(out, "incidents opened", Integer.toString(c.opened()), Integer.toString(p.opened()));
        row(out, "MTTA median", human(c.mttaMedian()), human(p.mttaMedian()));
        row(out, "MTTA p90", human(c.mttaP90()), human(p.mttaP90()));
        row(out, "MTTR median", human(c.mttrMedian()), human(p.mttrMedian()));
        row(out, "MTTR p90", human(c.mttrP90()), human(p.mttrP90()));
        row(out, "unacknowledged", percent(c.unacknowledgedShare()), percent(p.unacknowledgedShare()));
        row(out, "auto-resolved", percent(c.autoResolvedShare()), percent(p.autoResolvedShare()));
        row(out, "reopened", Integer.toString(c.reopened()), Integer.toString(p.reopened()));
        row(out, "outside working hours", Integer.toString(c.outsideHours()), Integer.toString(p.outsideHours()));
        row(out, "cleared while held", Integer.toString(c.clearedWhileHeld()), Integer.toString(p.clearedWhileHeld()));
        out.append("\nNoisiest alarms (alerts, incidents):\n");
        alarms(out, r.noisiestByAlerts());
        out.append("\nNoisiest alarms by incidents:\n");
        alarms(out, r.noisiestByIncidents());
        out.append("\nFlapping alarms (peak state changes per hour, changes in range):\n");
        if (r.flapping().isEmpty()) {
            out.append("  none\n");
        }
        for (Flapping f : r.flapping()) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %4d/h %5d  %s%n",
                    f.peakChangesPerHour(),
                    f.changes(),
                    name(f.title(), f.fingerprint())));
        }
        out.append("\nIncidents per day:\n").append(perDayChart(r.perDay()));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String now, String before) {
        out.append(String.format(Locale.ROOT, "%-24s %12s %12s%n", name, now, before));
    }

    private static void alarms(StringBuilder out, List<AlarmCount> alarms) {
        if (alarms.isEmpty()) {
            out.append("  none\n");
        }
        for (AlarmCount a : alarms) {
            out.append(String.format(
                    Locale.ROOT, "  %5d %5d  %s%n", a.alerts(), a.incidents(), name(a.title(), a.fingerprint())));
        }
    }

    private static String name(String title, String fingerprint) {
        return title == null ? fingerprint : title;
    }

    /** The report as JSON: figures with durations in seconds, alarms, per-day counts. */
    public static String json(Report r) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("from", r.range().from().toString());
        root.put("to", r.range().to().toString());
        if (r.filter().by() != ReportFilter.By.ALL) {
            root.put("filter", r.filter().by().name().toLowerCase(Locale.ROOT));
            root.put("filterValue", r.filter().value());
        }
        root.set("current", figures(r.current()));
        root.set("previous", figures(r.previous()));
        ArrayNode byAlerts = root.putArray("noisiestByAlerts");
        r.noisiestByAlerts().forEach(a -> byAlerts.add(alarm(a)));
        ArrayNode byIncidents = root.putArray("noisiestByIncidents");
        r.noisiestByIncidents().forEach(a -> byIncidents.add(alarm(a)));
        ArrayNode flapping = root.putArray("flapping");
        for (Flapping f : r.flapping()) {
            ObjectNode n = flapping.addObject();
            n.put("fingerprint", f.fingerprint());
            n.put("title", f.title());
            n.put("peakChangesPerHour", f.peakChangesPerHour());
            n.put("changes", f.changes());
        }
        ArrayNode days = root.putArray("perDay");
        for (DayCount d : r.perDay()) {
            days.addObject().put("day", d.day()).put("opened", d.opened());
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a report as JSON", e);
        }
    }

    private static ObjectNode alarm(AlarmCount a) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("fingerprint", a.fingerprint());
        n.put("title", a.title());
        n.put("alerts", a.alerts());
        n.put("incidents", a.incidents());
        return n;
    }

    private static ObjectNode figures(Figures f) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("opened", f.opened());
        n.put("acknowledged", f.acknowledged());
        n.put("resolved", f.resolved());
        seconds(n, "mttaMedianSeconds", f.mttaMedian());
        seconds(n, "mttaP90Seconds", f.mttaP90());
        seconds(n, "mttrMedianSeconds", f.mttrMedian());
        seconds(n, "mttrP90Seconds", f.mttrP90());
        n.put("unacknowledged", f.unacknowledged());
        n.put("unacknowledgedShare", f.unacknowledgedShare());
        n.put("autoResolved", f.autoResolved());
        n.put("autoResolvedShare", f.autoResolvedShare());
        n.put("reopened", f.reopened());
        n.put("outsideHours", f.outsideHours());
        n.put("clearedWhileHeld", f.clearedWhileHeld());
        return n;
    }

    private static void seconds(ObjectNode n, String name, Duration d) {
        if (d == null) {
            n.putNull(name);
        } else {
            n.put(name, d.toSeconds());
        }
    }

    /**
     * The report's figures as CSV: a header and two rows ({@code current}, {@code previous}); durations in seconds,
     * empty when there are none. Alarms are not in the CSV (use JSON for them).
     */
    public static String csv(Report r) {
        StringBuilder out = new StringBuilder(
                "period,from,to,opened,acknowledged,resolved,mtta_median_s,mtta_p90_s,mttr_median_s,mttr_p90_s,"
                        + "unacknowledged,auto_resolved,reopened,outside_hours,cleared_while_held\n");
        csvRow(out, "current", r.range(), r.current());
        csvRow(out, "previous", r.range().previous(), r.previous());
        return out.toString();
    }

    private static void csvRow(StringBuilder out, String name, ReportRange range, Figures f) {
        out.append(String.join(
                        ",",
                        name,
                        range.from().toString(),
                        range.to().toString(),
                        Integer.toString(f.opened()),
                        Integer.toString(f.acknowledged()),
                        Integer.toString(f.resolved()),
                        secs(f.mttaMedian()),
                        secs(f.mttaP90()),
                        secs(f.mttrMedian()),
                        secs(f.mttrP90()),
                        Integer.toString(f.unacknowledged()),
                        Integer.toString(f.autoResolved()),
                        Integer.toString(f.reopened()),
                        Integer.toString(f.outsideHours()),
                        Integer.toString(f.clearedWhileHeld())))
                .append('\n');
    }

    private static String secs(Duration d) {
        return d == null ? "" : Long.toString(d.toSeconds());
    }
}
