package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.graphs.ChartModel;
import io.alertbridge.connectors.graphs.ChartRenderer;
import io.alertbridge.connectors.graphs.TimePoint;
import io.alertbridge.connectors.reports.Report;
import io.alertbridge.connectors.reports.Report.DayCount;
import io.alertbridge.connectors.reports.Report.Figures;
import io.alertbridge.connectors.reports.ReportFilter;
import io.alertbridge.connectors.reports.ReportRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportChartTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Figures FIGURES = new Figures(6, 0, 0, null, null, null, null, 0, 0, 0, 0, 0);

    private static Report report(ReportFilter filter, List<DayCount> days) {
        ReportRange range =
                new ReportRange(Instant.parse("2026-11-23T09:30:00Z"), Instant.parse("2026-11-25T09:30:00Z"));
        return new Report(range, filter, FIGURES, FIGURES, List.of(), List.of(), List.of(), days);
    }

    private static final List<DayCount> THREE_DAYS =
            List.of(new DayCount("2026-11-23", 2), new DayCount("2026-11-24", 0), new DayCount("2026-11-25", 4));

    @Test
    void shouldPlotEachDaysCountAtNoonOverWholeDaysInTheZone() {
        ChartModel model = ReportChart.model(report(ReportFilter.ALL, THREE_DAYS), PARIS);

        assertThat(model.title()).isEqualTo("Incidents per day");
        assertThat(model.series())
                .containsExactly(
                        new TimePoint(Instant.parse("2026-11-23T11:00:00Z"), 2),
                        new TimePoint(Instant.parse("2026-11-24T11:00:00Z"), 0),
                        new TimePoint(Instant.parse("2026-11-25T11:00:00Z"), 4));
        assertThat(model.start()).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(model.end()).isEqualTo(Instant.parse("2026-11-25T23:00:00Z"));
        assertThat(model.zone()).isEqualTo(PARIS);
        assertThat(model.secondary()).isEmpty();
    }

    @Test
    void shouldNameTheRangeAndTheFilterInTheSubtitle() {
        ChartModel model =
                ReportChart.model(report(ReportFilter.of(ReportFilter.By.ROUTE, "checkout"), THREE_DAYS), PARIS);

        assertThat(model.subtitle()).isEqualTo("23 Nov 10:30 – 25 Nov 10:30 (Europe/Paris) · route checkout");
    }

    @Test
    void shouldGiveNoChartWithoutDaysAndAPngWithThem() {
        assertThat(ReportChart.model(report(ReportFilter.ALL, List.of()), PARIS))
                .isNull();

        ChartRenderer.Rendered rendered =
                new ChartRenderer().render(ReportChart.model(report(ReportFilter.ALL, THREE_DAYS), PARIS));
        assertThat(rendered.hasImage()).isTrue();
        assertThat(rendered.png()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void shouldDescribeEveryDayInTheAltTextWithinSlacksLimit() {
        assertThat(ReportChart.altText(report(ReportFilter.ALL, THREE_DAYS), PARIS))
                .isEqualTo(
                        "Incidents per day, 23 Nov 10:30 – 25 Nov 10:30 (Europe/Paris): 23 Nov 2, 24 Nov 0, 25 Nov 4");

        List<DayCount> many = new ArrayList<>();
        for (int i = 0; i < 93; i++) {
            many.add(new DayCount(
                    java.time.LocalDate.parse("2026-08-01").plusDays(i).toString(), 1000 + i));
        }
        String alt = ReportChart.altText(report(ReportFilter.ALL, many), PARIS);
        assertThat(alt).hasSize(ReportChart.MAX_ALT_TEXT).endsWith("…");
    }
}
