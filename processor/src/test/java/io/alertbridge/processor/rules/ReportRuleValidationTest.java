package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.ReportRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Report digest rules as an operator writes them in YAML: what is accepted, and what is rejected with which reason. */
class ReportRuleValidationTest {

    private static List<Rule> parse(String rules) {
        return RulesFile.parse("rules:\n" + rules, "reports.yaml");
    }

    @Test
    void shouldReadWeeklyAndDailyDigestsWithTheirDefaults() {
        List<Rule> rules = parse(
                """
                  - {kind: report, id: weekly, channel: "#ops", every: week, at: "10:30", zone: Europe/Berlin,
                     filter: "route:checkout"}
                  - {kind: report, id: daily, channel: C0OPS, every: day, at: "08:00"}
                """);

        ReportRule weekly = (ReportRule) rules.get(0);
        assertThat(weekly.every()).isEqualTo(ReportRule.Every.WEEK);
        assertThat(weekly.at()).isEqualTo(LocalTime.of(10, 30));
        assertThat(weekly.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(weekly.weekday())
                .as("a week starts on Monday unless it says")
                .isEqualTo(DayOfWeek.MONDAY);
        assertThat(weekly.filter()).isEqualTo("route:checkout");
        ReportRule daily = (ReportRule) rules.get(1);
        assertThat(daily.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(daily.weekday()).as("a daily digest has no weekday").isNull();
        assertThat(daily.filter()).isNull();
    }

    @Test
    void shouldRejectAnUnknownZoneNamingTheRule() {
        RuleValidator.Result result = RuleValidator.validate(Json.mapper()
                .createObjectNode()
                .put("kind", "report")
                .put("id", "weekly")
                .put("channel", "#ops")
                .put("every", "week")
                .put("at", "09:00")
                .put("zone", "Mars/Olympus"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.reason()).startsWith("report weekly: ").contains("Mars/Olympus");
    }

    @Test
    void shouldRejectAMissingTimeAndABadFilter() {
        assertThatThrownBy(() -> parse("  - {kind: report, id: nightly, channel: \"#ops\", every: day}\n"))
                .hasMessageContaining("nightly")
                .hasMessageContaining("at");
        RuleValidator.Result filter = RuleValidator.validate(Json.mapper()
                .createObjectNode()
                .put("kind", "report")
                .put("id", "weekly")
                .put("channel", "#ops")
                .put("every", "week")
                .put("at", "09:00")
                .put("filter", "team=payments"));
        assertThat(filter.isValid()).isFalse();
        assertThat(filter.reason()).contains("filter");
    }

    @Test
    void shouldRejectAWeekdayOnADailyDigestNamingTheRule() {
        RuleValidator.Result result = RuleValidator.validate(Json.mapper()
                .createObjectNode()
                .put("kind", "report")
                .put("id", "daily")
                .put("channel", "#ops")
                .put("every", "day")
                .put("at", "09:00")
                .put("weekday", "FRIDAY"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.reason()).isEqualTo("report daily: 'weekday' only applies to 'every: week'");
    }

    @Test
    void shouldRejectAnUnknownPeriod() {
        RuleValidator.Result result = RuleValidator.validate(Json.mapper()
                .createObjectNode()
                .put("kind", "report")
                .put("id", "monthly")
                .put("channel", "#ops")
                .put("every", "month")
                .put("at", "09:00"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.reason()).contains("every");
    }
}
