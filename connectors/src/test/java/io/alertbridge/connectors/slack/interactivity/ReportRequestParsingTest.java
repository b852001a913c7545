package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.reports.ReportFilter;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Invalid;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Parsed;
import io.alertbridge.connectors.slack.interactivity.AlertsRequest.Report;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /alerts report ...} as {@link AlertsCommandParser} reads it. */
class ReportRequestParsingTest {

    private static Report report(String text) {
        AlertsRequest request = AlertsCommandParser.parse(text).request();
        assertThat(request).isInstanceOf(Report.class);
        return (Report) request;
    }

    @Test
    void shouldDefaultToNoRangeAndNoFilter() {
        Report r = report("report");

        assertThat(r.range()).isNull();
        assertThat(r.filter()).isEqualTo(ReportFilter.ALL);
    }

    @Test
    void shouldReadARangeAndOneFilterInAnyOrder() {
        assertThat(report("report 30d route:checkout"))
                .isEqualTo(new Report("30d", ReportFilter.of(ReportFilter.By.ROUTE, "checkout")));
        assertThat(report("report service=API 2026-11-01..2026-11-30"))
                .isEqualTo(new Report("2026-11-01..2026-11-30", ReportFilter.of(ReportFilter.By.SERVICE, "api")));
        assertThat(report("report channel:#payments-alerts last-week").filter())
                .isEqualTo(ReportFilter.of(ReportFilter.By.CHANNEL, "payments-alerts"));
        assertThat(report("report <#C0PAY|payments-alerts>").filter().value()).isEqualTo("payments-alerts");
        assertThat(report("report #ops").filter()).isEqualTo(ReportFilter.of(ReportFilter.By.CHANNEL, "ops"));
    }

    @Test
    void shouldTakeThePlainWordPublicOrTheFlagAsAskingForAPublicAnswer() {
        Parsed plain = AlertsCommandParser.parse("report 7d public");
        Parsed flag = AlertsCommandParser.parse("report --public");
        Parsed privately = AlertsCommandParser.parse("report 7d");

        assertThat(plain.inChannel()).isTrue();
        assertThat(((Report) plain.request()).range()).isEqualTo("7d");
        assertThat(flag.inChannel()).isTrue();
        assertThat(privately.inChannel()).isFalse();
    }

    @Test
    void shouldKeepEveryOtherWordAsTheRangeForTheRangeReaderToExplain() {
        assertThat(report("report last tuesday-ish").range()).isEqualTo("last tuesday-ish");
    }

    @Test
    void shouldRefuseAnUnknownFilterOrTwoFilters() {
        assertThat(AlertsCommandParser.parse("report team:core").request())
                .isInstanceOfSatisfying(Invalid.class, i -> assertThat(i.problem())
                        .contains("I don't know the filter `team`")
                        .contains("route:R|service:S|channel:C"));
        assertThat(AlertsCommandParser.parse("report route:a service:b").request())
                .isInstanceOfSatisfying(
                        Invalid.class, i -> assertThat(i.problem()).contains("at most one filter"));
        assertThat(AlertsCommandParser.parse("report route:").request()).isInstanceOf(Invalid.class);
    }
}
