package io.alertbridge.processor.inhibit;

import io.alertbridge.processor.incident.Fixtures;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.Matcher;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.alertbridge.processor.incident.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class InhibitionTest {

    private static final InhibitRule REGION = new InhibitRule(
            "region-inhibits-instances",
            List.of(Matcher.parse("alarm=region-down")),
            List.of(Matcher.parse("alarm=~cpu-.*")),
            List.of("region"));
    private static final RuleBook RULES = RuleBook.of(List.of(REGION), "#alerts");

    private static AlertEvent alarm(String name, String region, AlertStatus status, Instant at) {
        AlertEvent event = Fixtures.alarm(name, "r-" + name, status, at);
        return Fixtures.withLabels(event, Map.of("alarm", name, "region", region));
    }

    @Test
    void shouldPlanTheRegionAlarmAsASourceAndAnInstanceAlarmAsATargetOfTheSameGroup() {
        Inhibition.Plan source = Inhibition.plan(alarm("region-down", "eu-west-2", AlertStatus.FIRING, T0), RULES);
        Inhibition.Plan target = Inhibition.plan(alarm("cpu-i-1", "eu-west-2", AlertStatus.FIRING, T0), RULES);

        assertThat(source.targetGroup()).isNull();
        assertThat(source.sourceGroups()).contains(target.targetGroup());
        assertThat(target.targetRule()).isEqualTo("region-inhibits-instances");
    }

    @Test
    void shouldPutTargetsWithOtherEqualLabelValuesInAnotherGroup() {
        Inhibition.Plan london = Inhibition.plan(alarm("region-down", "eu-west-2", AlertStatus.FIRING, T0), RULES);
        Inhibition.Plan ireland = Inhibition.plan(alarm("cpu-i-1", "eu-west-1", AlertStatus.FIRING, T0), RULES);

        assertThat(london.sourceGroups()).doesNotContain(ireland.targetGroup());
    }

    @Test
    void shouldLeaveAnAlertThatMatchesNoRuleAlone() {
        AlertEvent other = Fixtures.anomaly("latency", "api", AlertStatus.FIRING, T0);

        assertThat(Inhibition.plan(other, RULES).isBystander()).isTrue();
    }

    @Test
    void shouldInhibitATargetWhileASourceFiresAndHoldItsEvent() {
        AlertEvent source = alarm("region-down", "eu-west-2", AlertStatus.FIRING, T0);
        AlertEvent target = alarm("cpu-i-1", "eu-west-2", AlertStatus.FIRING, T0.plusSeconds(5));
        InhibitGroup group = Inhibition.onSource(InhibitGroup.EMPTY, source).group();

        Inhibition.Outcome outcome = Inhibition.onTarget(group, target, REGION.id());

        assertThat(outcome.emit()).singleElement().satisfies(e -> {
            assertThat(e.isSuppressed()).isTrue();
            assertThat(Inhibition.describe(e.suppressedBy()))
                    .isEqualTo("inhibited by " + source.title() + " (rule region-inhibits-instances)");
        });
        assertThat(outcome.group().held()).containsEntry(target.fingerprint(), target);
    }

    @Test
    void shouldPassATargetWhenNoSourceFires() {
        AlertEvent target = alarm("cpu-i-1", "eu-west-2", AlertStatus.FIRING, T0);

        Inhibition.Outcome outcome = Inhibition.onTarget(InhibitGroup.EMPTY, target, REGION.id());

        assertThat(outcome.emit()).containsExactly(target);
        assertThat(outcome.group().isEmpty()).isTrue();
    }

    @Test
    void shouldNeverLetAnAlertInhibitItself() {
        AlertEvent both = alarm("cpu-i-1", "eu-west-2", AlertStatus.FIRING, T0);
        InhibitGroup group = Inhibition.onSource(InhibitGroup.EMPTY, both).group();

        assertThat(Inhibition.onTarget(group, both, REGION.id()).emit()).containsExactly(both);
    }

    @Test
    void shouldPassAResolvedTargetAndForgetIt() {
        AlertEvent source = alarm("region-down", "eu-west-2", AlertStatus.FIRING, T0);
        AlertEvent firing = alarm("cpu-i-1", "eu-west-2", AlertStatus.FIRING, T0.plusSeconds(1));
        AlertEvent resolved = alarm("cpu-i-1", "eu-west-2", AlertStatus.RESOLVED, T0.plusSeconds(2));
        InhibitGroup group = Inhibition.onSource(InhibitGroup.EMPTY, source).group();
        group = Inhibition.onTarget(group, firing, REGION.id()).group();

        Inhibition.Outcome outcome = Inhibition.onTarget(group, resolved, REGION.id());

        assertThat(outcome.emit()).containsExactly(resolved);
        assertThat(outcome.group().held()).isEmpty();
    }

    @Test
    void shouldReleaseTheHeldTargetsWhenTheLastSourceResolves() {
        AlertEvent first = alarm("region-down", "eu-west-2", AlertStatus.FIRING, T0);
        AlertEvent second = alarm("az-down", "eu-west-2", AlertStatus.FIRING, T0);
        AlertEvent target = alarm("cpu-i-1", "eu-west-2", AlertStatus.FIRING, T0.plusSeconds(1));
        InhibitGroup group = Inhibition.onSource(InhibitGroup.EMPTY, first).group();
        group = Inhibition.onSource(group, second).group();
        group = Inhibition.onTarget(group, target, REGION.id()).group();

        Inhibition.Outcome oneLeft =
                Inhibition.onSource(group, alarm("region-down", "eu-west-2", AlertStatus.RESOLVED, T0.plusSeconds(60)));
        assertThat(oneLeft.emit()).isEmpty();

        Inhibition.Outcome none = Inhibition.onSource(
                oneLeft.group(), alarm("az-down", "eu-west-2", AlertStatus.RESOLVED, T0.plusSeconds(90)));
        assertThat(none.emit()).singleElement().satisfies(e -> {
            assertThat(e.fingerprint()).isEqualTo(target.fingerprint());
            assertThat(e.isSuppressed()).isFalse();
            assertThat(e.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(e.eventId()).isNotEqualTo(target.eventId());
            assertThat(e.occurredAt()).isEqualTo(target.occurredAt());
            assertThat(e.annotations()).containsEntry("inhibitionReleasedBy", "az-down on r-az-down resolved");
        });
        assertThat(none.group().isEmpty()).isTrue();
    }

    @Test
    void shouldIgnoreTheResolvedOfASourceThatNeverFiredHere() {
        Inhibition.Outcome outcome =
                Inhibition.onSource(InhibitGroup.EMPTY, alarm("region-down", "eu-west-2", AlertStatus.RESOLVED, T0));

        assertThat(outcome.emit()).isEmpty();
        assertThat(outcome.group()).isEqualTo(InhibitGroup.EMPTY);
    }

    @Test
    void shouldMakeACompositeAlarmWithSuppressedActionsTheTargetOfItsSuppressorsGroup() {
        AlertEvent suppressor = alarm("ServiceMaintenanceAlarm", "eu-west-2", AlertStatus.FIRING, T0);
        AlertEvent composite = withAnnotations(
                alarm("ServiceAggregatedAlarm", "eu-west-2", AlertStatus.FIRING, T0),
                Map.of("actionsSuppressedBy", "Alarm", "actionsSuppressor", "ServiceMaintenanceAlarm"));
        RuleBook none = RuleBook.empty("#alerts");

        Inhibition.Plan plan = Inhibition.plan(composite, none);

        assertThat(plan.targetRule()).isEqualTo(Inhibition.ACTIONS_SUPPRESSOR);
        assertThat(Inhibition.plan(suppressor, none).sourceGroups()).containsExactly(plan.targetGroup());
    }

    @Test
    void shouldNotTargetACompositeAlarmWhoseActionsAreNotSuppressed() {
        AlertEvent composite = withAnnotations(
                alarm("ServiceAggregatedAlarm", "eu-west-2", AlertStatus.FIRING, T0),
                Map.of("actionsSuppressor", "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:ServiceMaintenanceAlarm"));

        assertThat(Inhibition.plan(composite, RuleBook.empty("#alerts")).targetGroup())
                .isNull();
    }

    @Test
    void shouldDescribeASilenceAndAnInhibitionApart() {
        assertThat(Inhibition.describe("maintenance-window")).isEqualTo("silenced by maintenance-window");
        assertThat(Inhibition.describe(Inhibition.mark(Inhibition.ACTIONS_SUPPRESSOR, "Maint")))
                .isEqualTo("inhibited by Maint (its actions suppressor)");
        assertThat(Inhibition.describe(null)).isNull();
    }

    private static AlertEvent withAnnotations(AlertEvent event, Map<String, String> annotations) {
        return new AlertEvent(
                event.eventId(),
                event.fingerprint(),
                event.source(),
                event.status(),
                event.severity(),
                event.title(),
                event.summary(),
                event.occurredAt(),
                event.labels(),
                annotations,
                event.links(),
                event.suppressedBy(),
                event.metric(),
                event.scores());
    }
}
