package io.alertbridge.launcher.cli;

import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.ReportRule;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesCommandDescribeTest {

    @Test
    void shouldDescribeAnInhibitionRuleOnOneLine() {
        InhibitRule rule = new InhibitRule(
                "region-down-inhibits-instances",
                List.of(Matcher.parse("alarm=region-down")),
                List.of(Matcher.parse("alarm=~cpu-.*")),
                List.of("region"));

        assertThat(RulesCommand.describe(rule))
                .startsWith("inhibit   region-down-inhibits-instances")
                .contains("[alarm=region-down] inhibits [alarm=~cpu-.*] (equal [region])");
    }

    @Test
    void shouldDescribeAReportDigestWithItsScheduleChannelAndFilter() {
        ReportRule weekly = new ReportRule(
                "weekly-payments",
                "#payments-alerts",
                ReportRule.Every.WEEK,
                LocalTime.of(9, 0),
                ZoneId.of("Europe/Berlin"),
                DayOfWeek.FRIDAY,
                "route:payments");
        ReportRule daily =
                new ReportRule("daily", "C0OPS", ReportRule.Every.DAY, LocalTime.of(7, 30), null, null, null);

        assertThat(RulesCommand.describe(weekly))
                .startsWith("report    weekly-payments")
                .contains("every week on FRIDAY at 09:00 Europe/Berlin -> #payments-alerts (route:payments)");
        assertThat(RulesCommand.describe(daily))
                .contains("every day at 07:30 UTC -> C0OPS")
                .doesNotContain("(");
    }
}
