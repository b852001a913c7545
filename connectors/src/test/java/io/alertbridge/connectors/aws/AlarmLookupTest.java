package io.alertbridge.connectors.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmLookupTest {

    @Test
    void shouldOfferNamesByTheWholeNameThenItsFirstWord() {
        assertThat(AlarmLookup.prefixes("checkout-p99-latency")).containsExactly("checkout-p99-latency", "checkout");
        assertThat(AlarmLookup.prefixes("ab-cd")).containsExactly("ab-cd");
        assertThat(AlarmLookup.prefixes("cpu")).containsExactly("cpu");
    }

    @Test
    void shouldMaskAllButTheLastFourDigitsOfTheAccount() {
        assertThat(AlarmLookup.maskAccount("123456789012")).isEqualTo("********9012");
        assertThat(AlarmLookup.maskAccount(null)).isEqualTo("an unknown account");
        assertThat(AlarmLookup.maskAccount("12345")).isEqualTo("an unknown account");
    }

    @Test
    void shouldReadAMetricMathAlarmAsItsDefinition() {
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        MetricAlarm alarm = MetricAlarm.builder()
                .alarmName("errors")
                .alarmArn("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:errors")
                .stateValue("ALARM")
                .stateUpdatedTimestamp(at.plusSeconds(60))
                .stateTransitionedTimestamp(at)
                .evaluationPeriods(3)
                .threshold(5.0)
                .comparisonOperator("GreaterThanThreshold")
                .metrics(
                        MetricDataQuery.builder()
                                .id("m1")
                                .returnData(false)
                                .metricStat(s -> s.metric(m -> m.namespace("AWS/ELB")
                                                .metricName("HTTPCode_ELB_5XX")
                                                .dimensions(d -> d.name("LoadBalancerName")
                                                        .value("web")))
                                        .period(60)
                                        .stat("Sum"))
                                .build(),
                        MetricDataQuery.builder().id("e1").expression("m1*2").build())
                .build();

        AlarmDefinition definition = AlarmDefinition.of(alarm);

        assertThat(definition.kind()).isEqualTo(AlarmDefinition.Kind.METRIC);
        assertThat(definition.stateSince()).isEqualTo(at);
        assertThat(definition.actionsEnabled()).isTrue();
        assertThat(definition.condition().metrics()).hasSize(2);
        AlarmDefinition.Query m1 = definition.condition().metrics().get(0);
        assertThat(m1.returnData()).isFalse();
        assertThat(m1.dimensions()).isEqualTo(Map.of("LoadBalancerName", "web"));
        assertThat(m1.periodSeconds()).isEqualTo(60);
        assertThat(definition.condition().metrics().get(1).returnData()).isTrue();
    }

    @Test
    void shouldReadACompositeAlarmAsItsDefinition() {
        AlarmDefinition definition = AlarmDefinition.of(CompositeAlarm.builder()
                .alarmName("down")
                .alarmRule("ALARM(a) OR ALARM(b)")
                .actionsEnabled(false)
                .stateValue("OK")
                .build());

        assertThat(definition.kind()).isEqualTo(AlarmDefinition.Kind.COMPOSITE);
        assertThat(definition.alarmRule()).isEqualTo("ALARM(a) OR ALARM(b)");
        assertThat(definition.actionsEnabled()).isFalse();
        assertThat(definition.condition()).isNull();
    }
}
