package io.alertbridge.connectors.slack.interactivity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.alertbridge.connectors.reports.Report;
import io.alertbridge.connectors.reports.Report.AlarmCount;
import io.alertbridge.connectors.reports.Report.DayCount;
import io.alertbridge.connectors.reports.Report.Figures;
import io.alertbridge.connectors.reports.ReportFilter;
import io.alertbridge.connectors.reports.ReportRange;
import io.alertbridge.devkit.slack.BlockKitValidator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatterTest {

    private static final ReportRange WEEK =
            new ReportRange(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
    private static final Figures NONE = new Figures(0, 0, 0, null, null, null, null, 0, 0, 0, 0, 0);

    private static Report report(List<AlarmCount> alarms) {
        Figures now = new Figures(
                4,
                3,
                4,
                Duration.ofMinutes(4),
                Duration.ofMinutes(12),
                Duration.ofMinutes(65),
                Duration.ofHours(3),
                1,
                2,
                0,
                1,
                0);
        return new Report(
                WEEK,
                ReportFilter.of(ReportFilter.By.ROUTE, "checkout"),
                now,
                NONE,
                alarms,
                alarms,
                List.of(),
                List.of(new DayCount("2026-11-23", 4), new DayCount("2026-11-24", 0)));
    }

    @Test
    void shouldLayOutAHeaderFieldsAndListsWithinSlackLimits() {
        ArrayNode blocks = ReportFormatter.blocks(
                report(List.of(new AlarmCount("fp", "p99 <!channel> & co", 7, 2))), ZoneOffset.UTC, WEEK.from());

        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Incident report · 7 days");
        JsonNode fields = blocks.get(2).path("fields");
        assertThat(fields.size()).isLessThanOrEqualTo(10);
        assertThat(fields.toString())
                .contains("*Incidents opened*\\n4\\n▲ 4 from 0")
                .contains("*MTTR* median · p90\\n1h05m · 3h\\nnothing to compare")
                .contains("*Unacknowledged*\\n25% (1)\\nnothing to compare")
                .contains("*Auto-resolved*\\n50% of 4 resolved");
        assertThat(blocks.toString())
                .contains("1. p99 &lt;!channel&gt; &amp; co — 7 · 2")
                .doesNotContain("<!channel>")
                .contains("Mon 11-23 ████████████████████ 4")
                .contains("*Flapping* (state changes in one hour)\\nnone");
    }

    @Test
    void shouldSayWhatHistoryExistsWhenTheRangeIsEmpty() {
        Report empty = new Report(WEEK, ReportFilter.ALL, NONE, NONE, List.of(), List.of(), List.of(), List.of());

        assertThat(ReportFormatter.empty(empty, ZoneOffset.UTC, Instant.parse("2026-11-01T00:00:00Z")))
                .contains("No incidents in 23 Nov 00:00 – 30 Nov 00:00 (Z)")
                .contains("history available from");
    }

    @Test
    void shouldTitleADigestAndSayWhenItIsLateOrEmpty() {
        ArrayNode late = ReportFormatter.digest(
                report(List.of()), ZoneOffset.UTC, WEEK.from(), "Weekly incident report", ":hourglass: Posted late.");

        assertThat(late.get(0).path("text").path("text").asText()).isEqualTo("Weekly incident report");
        assertThat(late.get(1).path("type").asText()).isEqualTo("context");
        assertThat(late.get(1).toString()).contains("Posted late.");
        assertThat(late.toString()).contains("Incidents opened");

        Report nothing = new Report(WEEK, ReportFilter.ALL, NONE, NONE, List.of(), List.of(), List.of(), List.of());
        ArrayNode empty = ReportFormatter.digest(nothing, ZoneOffset.UTC, WEEK.from(), "Daily incident report", null);
        assertThat(empty).hasSize(2);
        assertThat(empty.get(0).path("text").path("text").asText()).isEqualTo("Daily incident report");
        assertThat(empty.get(1).toString()).contains("No incidents").contains("history available from");
    }

    @Test
    void shouldPutTheChartImageInPlaceOfTheTextChartAsValidBlockKit() {
        ArrayNode blocks = ReportFormatter.blocks(report(List.of()), ZoneOffset.UTC, WEEK.from());
        int size = blocks.size();

        ReportFormatter.withChart(blocks, "F0CHART1", "Incidents per day, 23 Nov 2, 24 Nov 0");

        assertThat(blocks.size()).isEqualTo(size);
        JsonNode image = blocks.get(size - 1);
        assertThat(image.path("type").asText()).isEqualTo("image");
        assertThat(image.path("slack_file").path("id").asText()).isEqualTo("F0CHART1");
        assertThat(image.path("alt_text").asText()).isEqualTo("Incidents per day, 23 Nov 2, 24 Nov 0");
        assertThat(image.path("title").path("text").asText()).isEqualTo("Incidents per day");
        assertThat(blocks.toString()).doesNotContain("```");
        assertThat(new BlockKitValidator().validate(blocks, "/blocks")).isEmpty();
    }

    @Test
    void shouldLeaveAnEmptyDigestWithoutATextChartAsItIs() {
        Report empty = new Report(WEEK, ReportFilter.ALL, NONE, NONE, List.of(), List.of(), List.of(), List.of());
        ArrayNode digest = ReportFormatter.digest(empty, ZoneOffset.UTC, WEEK.from(), "Daily incident report", null);
        String before = digest.toString();

        assertThat(ReportFormatter.withChart(digest, "F0CHART1", "alt").toString())
                .isEqualTo(before);
    }
}
