package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.connectors.reports.Report;
import io.alertbridge.connectors.reports.Report.AlarmCount;
import io.alertbridge.connectors.reports.Report.Figures;
import io.alertbridge.connectors.reports.Report.Flapping;
import io.alertbridge.connectors.reports.ReportRange;
import io.alertbridge.connectors.reports.ReportText;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.schemas.serde.Json;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * {@code /alerts report} as Block Kit, readable on a phone: a header, the range, the key figures as two-column
 * fields with the change against the previous period, the noisiest and flapping alarms as short lists, and the
 * incidents per day as a text chart in a code block. Also the short sentences for what cannot be reported. Pure and
 * thread-safe; every text from outside (alarm titles, filter values) is escaped.
 */
final class ReportFormatter {

    /** Characters of an alarm's name shown at most (a phone line). */
    static final int NAME = 60;

    /** The block id of the text chart, which a chart image replaces. */
    static final String PER_DAY = "per-day";

    /** The block id of the chart image. */
    static final String CHART = "report-chart";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private ReportFormatter() {}

    /** The range as people read it in the zone, e.g. {@code 25 Nov 14:30 – 2 Dec 14:30 (UTC)}. */
    static String range(ReportRange range, ZoneId zone) {
        return DAY.format(range.from().atZone(zone)) + " – "
                + DAY.format(range.to().atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** The answer when nothing happened: says so, and what history exists, so it cannot pass for good news. */
    static String empty(Report report, ZoneId zone, Instant availableFrom) {
        String filter = report.filter().describe();
        return ":grey_question: No incidents" + (filter.isEmpty() ? "" : " for " + MrkdwnEscaper.escapeLine(filter))
                + " in " + range(report.range(), zone) + "; history available from "
                + AlertsFormatter.date(availableFrom) + ".";
    }

    /** The report's blocks. */
    static ArrayNode blocks(Report report, ZoneId zone, Instant availableFrom) {
        ArrayNode blocks = Json.mapper().createArrayNode();
        String days = human(report.range().length());
        blocks.addObject().put("type", "header").set("text", plain("Incident report · " + days));
        String filter = report.filter().describe();
        String context = range(report.range(), zone)
                + (filter.isEmpty() ? "" : " · " + MrkdwnEscaper.escapeLine(filter))
                + " · compared with the " + days + " before";
        if (availableFrom.isAfter(report.range().previous().from())) {
            context += " · history starts " + AlertsFormatter.date(availableFrom);
        }
        blocks.addObject().put("type", "context").set("elements", array(mrkdwn(context)));
        Figures now = report.current();
        Figures before = report.previous();
        ObjectNode figures = blocks.addObject().put("type", "section");
        ArrayNode fields = figures.putArray("fields");
        fields.add(mrkdwn("*Incidents opened*\n" + now.opened() + change(now.opened(), before.opened())));
        fields.add(mrkdwn("*Outside working hours*\n" + now.outsideHours() + " ("
                + ReportText.percent(now.outsideHoursShare()) + ")"));
        fields.add(mrkdwn("*MTTA* median · p90\n" + ReportText.human(now.mttaMedian()) + " · "
                + ReportText.human(now.mttaP90()) + change(now.mttaMedian(), before.mttaMedian())));
        fields.add(mrkdwn("*MTTR* median · p90\n" + ReportText.human(now.mttrMedian()) + " · "
                + ReportText.human(now.mttrP90()) + change(now.mttrMedian(), before.mttrMedian())));
        fields.add(mrkdwn("*Unacknowledged*\n" + ReportText.percent(now.unacknowledgedShare()) + " ("
                + now.unacknowledged() + ")" + share(before.unacknowledgedShare(), before)));
        fields.add(mrkdwn("*Auto-resolved*\n" + ReportText.percent(now.autoResolvedShare()) + " of " + now.resolved()
                + " resolved"));
        if (now.clearedWhileHeld() > 0 || before.clearedWhileHeld() > 0) {
            // The transient-alert hold's "cleared by itself" summary: what the hold spared the channel.
            fields.add(mrkdwn("*Cleared by themselves while held*\n" + now.clearedWhileHeld() + " never posted"
                    + change(now.clearedWhileHeld(), before.clearedWhileHeld())));
        }
        blocks.addObject().put("type", "divider");
        section(
                blocks,
                "*Noisiest alarms* (alerts · incidents)",
                report.noisiestByAlerts(),
                AlarmCount::alerts,
                AlarmCount::incidents);
        section(
                blocks,
                "*Most incidents* (incidents · alerts)",
                report.noisiestByIncidents(),
                AlarmCount::incidents,
                AlarmCount::alerts);
        StringBuilder flapping = new StringBuilder("*Flapping* (state changes in one hour)");
        if (report.flapping().isEmpty()) {
            flapping.append("\nnone");
        }
        int i = 1;
        for (Flapping f : report.flapping()) {
            flapping.append('\n')
                    .append(i++)
                    .append(". ")
                    .append(name(f.title(), f.fingerprint()))
                    .append(" — ")
                    .append(f.peakChangesPerHour())
                    .append("/h, ")
                    .append(f.changes())
                    .append(" in range");
        }
        blocks.addObject().put("type", "section").set("text", mrkdwn(flapping.toString()));
        blocks.addObject()
                .put("type", "section")
                .put("block_id", PER_DAY)
                .set("text", mrkdwn("*Incidents per day*\n```" + ReportText.perDayChart(report.perDay()) + "```"));
        return blocks;
    }

    /**
     * The blocks with the chart image {@code fileId} in place of the text chart: the image shows the same days, and
     * its alt text (the range and every day's count) keeps them for screen readers, so the text chart would only
     * repeat it on a phone's screen. Blocks without a text chart (an empty digest) are returned as they are.
     */
    static ArrayNode withChart(ArrayNode blocks, String fileId, String altText) {
        for (int i = 0; i < blocks.size(); i++) {
            if (PER_DAY.equals(blocks.get(i).path("block_id").asText())) {
                ObjectNode image =
                        Json.mapper().createObjectNode().put("type", "image").put("block_id", CHART);
                image.putObject("slack_file").put("id", fileId);
                image.put("alt_text", altText);
                image.set("title", plain(ReportChart.TITLE));
                blocks.set(i, image);
                return blocks;
            }
        }
        return blocks;
    }

    /**
     * A scheduled digest's blocks: the report's blocks under the header {@code title}, with a context line saying it
     * is late when {@code lateNote} is not null. A period without incidents is the header and the sentence of
     * {@link #empty}, so that it says what history exists.
     */
    static ArrayNode digest(Report report, ZoneId zone, Instant availableFrom, String title, String lateNote) {
        ArrayNode blocks;
        if (report.isEmpty()) {
            blocks = Json.mapper().createArrayNode();
            blocks.addObject().put("type", "header").set("text", plain(title));
            blocks.addObject().put("type", "section").set("text", mrkdwn(empty(report, zone, availableFrom)));
        } else {
            blocks = blocks(report, zone, availableFrom);
            ((ObjectNode) blocks.get(0)).set("text", plain(title));
        }
        if (lateNote != null) {
            ObjectNode late = Json.mapper().createObjectNode().put("type", "context");
            late.set("elements", array(mrkdwn(lateNote)));
            blocks.insert(1, late);
        }
        return blocks;
    }

    /** The notification text that goes with the blocks. */
    static String fallback(Report report, ZoneId zone) {
        Figures now = report.current();
        return "Incident report " + range(report.range(), zone) + ": " + now.opened() + " opened, MTTA "
                + ReportText.human(now.mttaMedian()) + ", MTTR " + ReportText.human(now.mttrMedian()) + ".";
    }

    private static void section(
            ArrayNode blocks,
            String title,
            List<AlarmCount> alarms,
            ToIntFunction<AlarmCount> first,
            ToIntFunction<AlarmCount> second) {
        StringBuilder text = new StringBuilder(title);
        if (alarms.isEmpty()) {
            text.append("\nnone");
        }
        int i = 1;
        for (AlarmCount a : alarms) {
            text.append('\n')
                    .append(i++)
                    .append(". ")
                    .append(name(a.title(), a.fingerprint()))
                    .append(" — ")
                    .append(first.applyAsInt(a))
                    .append(" · ")
                    .append(second.applyAsInt(a));
        }
        blocks.addObject().put("type", "section").set("text", mrkdwn(text.toString()));
    }

    private static String name(String title, String fingerprint) {
        String name = title == null || title.isBlank() ? fingerprint : title;
        String line = MrkdwnEscaper.escapeLine(name);
        return line.length() > NAME ? line.substring(0, NAME - 1) + "…" : line;
    }

    /** On its own line: {@code ▲ 12 from 30}, or that it is the same. */
    static String change(int now, int before) {
        if (now == before) {
            return "\n= same as before";
        }
        return "\n" + (now > before ? "▲ " : "▼ ") + Math.abs(now - before) + " from " + before;
    }

    static String change(Duration now, Duration before) {
        if (now == null || before == null) {
            return before == null ? "\nnothing to compare" : "\nbefore: " + ReportText.human(before);
        }
        int cmp = now.compareTo(before);
        return "\n" + (cmp == 0 ? "= " : cmp > 0 ? "▲ " : "▼ ") + "from " + ReportText.human(before);
    }

    private static String share(double before, Figures previous) {
        if (previous.opened() == 0) {
            return "\nnothing to compare";
        }
        return "\nbefore: " + ReportText.percent(before);
    }

    private static String human(Duration length) {
        if (length.toHours() % 24 == 0) {
            long days = length.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        return length.toHours() + " hours";
    }

    private static ObjectNode plain(String text) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("type", "plain_text");
        n.put("text", text);
        return n;
    }

    private static ObjectNode mrkdwn(String text) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("type", "mrkdwn");
        n.put("text", text);
        return n;
    }

    private static ArrayNode array(ObjectNode... items) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (ObjectNode item : items) {
            a.add(item);
        }
        return a;
    }
}
