package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesFileTest {

    @Test
    void shouldLoadEveryKindWithCompactMatchersAndShortDurations() {
        String yaml =
                """
                rules:
                  - kind: route
                    id: payments
                    order: 10
                    matchers: ["service=~pay.*", {label: env, op: "!=", value: dev}]
                    channel: "#payments-alerts"
                    groupBy: [service, resource]
                    groupWindow: 15m
                    escalation: {remindAfter: 10m, mentionAfter: 20m, mention: "<!here>"}
                  - kind: silence
                    id: db-maintenance
                    matchers: ["service=db"]
                    startsAt: 2023-11-15T01:00:00Z
                    endsAt: 2023-11-15T03:00:00Z
                    reason: planned failover
                  - kind: threshold
                    id: numenta
                    matchers: ["detector=numenta"]
                    fireThreshold: 0.5
                    clearThreshold: 0.3
                    fireCount: 2
                    fireWindow: 5
                    clearCount: 6
                """;

        List<Rule> rules = RulesFile.parse(yaml, "test.yaml");

        assertThat(rules).hasSize(3);
        RouteRule route = (RouteRule) rules.get(0);
        assertThat(route.matchers()).containsExactly(Matcher.parse("service=~pay.*"), Matcher.parse("env!=dev"));
        assertThat(route.groupWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(route.escalation().mentionAfter()).isEqualTo(Duration.ofMinutes(20));
        assertThat(((SilenceRule) rules.get(1)).reason()).isEqualTo("planned failover");
    }

    @Test
    void shouldRejectTheWholeFileNamingTheBadRuleAndField() {
        String yaml =
                """
                rules:
                  - kind: route
                    id: ok
                    channel: "#a"
                  - kind: threshold
                    id: broken
                    fireThreshold: 0.2
                    clearThreshold: 0.5
                    fireCount: 2
                    fireWindow: 5
                    clearCount: 6
                """;

        assertThatThrownBy(() -> RulesFile.parse(yaml, "rules.yaml"))
                .isInstanceOf(RulesFile.InvalidRulesException.class)
                .hasMessageContaining("rules.yaml")
                .hasMessageContaining("rules[1]")
                .hasMessageContaining("broken")
                .hasMessageContaining("clearThreshold");
    }

    @Test
    void shouldRejectAMisspelledFieldInsteadOfIgnoringIt() {
        String yaml =
                """
                rules:
                  - kind: route
                    id: typo
                    chanel: "#a"
                """;

        assertThatThrownBy(() -> RulesFile.parse(yaml, "rules.yaml")).hasMessageContaining("chanel");
    }

    @Test
    void shouldRejectAnUnknownTopLevelKeyInsteadOfLoadingNoRules() {
        String yaml =
                """
                routes:
                  - kind: route
                    id: by-account
                    channel: "#ops"
                """;

        assertThatThrownBy(() -> RulesFile.parse(yaml, "rules.yaml"))
                .hasMessageContaining("unknown top-level key 'routes'");
        assertThat(RulesFile.parse("", "empty.yaml")).isEmpty();
    }

    @Test
    void shouldRejectACompactMatcherThatIsNotOne() {
        String yaml =
                """
                rules:
                  - kind: silence
                    id: s
                    matchers: ["service"]
                    startsAt: 2023-11-15T01:00:00Z
                    endsAt: 2023-11-15T03:00:00Z
                """;

        assertThatThrownBy(() -> RulesFile.parse(yaml, "rules.yaml")).hasMessageContaining("'service'");
    }

    @Test
    void shouldAcceptAFileWithoutRules() {
        assertThat(RulesFile.parse("# nothing yet\n", "empty.yaml")).isEmpty();
    }

    @Test
    void shouldLoadAnInhibitionRuleWithCompactMatchers() {
        String yaml =
                """
                rules:
                  - kind: inhibit
                    id: region-down-inhibits-instances
                    sourceMatchers: ["alarm=region-down"]
                    targetMatchers: ["alarm=~cpu-.*", {label: severity, op: "!=", value: CRITICAL}]
                    equal: [region, account]
                """;

        List<Rule> rules = RulesFile.parse(yaml, "test.yaml");

        assertThat(rules).singleElement().isInstanceOfSatisfying(InhibitRule.class, rule -> {
            assertThat(rule.sourceMatchers()).containsExactly(Matcher.parse("alarm=region-down"));
            assertThat(rule.targetMatchers())
                    .containsExactly(Matcher.parse("alarm=~cpu-.*"), Matcher.parse("severity!=CRITICAL"));
            assertThat(rule.equal()).containsExactly("region", "account");
        });
    }

    @Test
    void shouldRejectTheWholeFileWhenAnInhibitionRuleWouldInhibitItsOwnSources() {
        String yaml =
                """
                rules:
                  - kind: route
                    id: everything
                    channel: "#alerts"
                  - kind: inhibit
                    id: self
                    sourceMatchers: ["service=ec2", "scope=region"]
                    targetMatchers: ["service=ec2"]
                """;

        assertThatThrownBy(() -> RulesFile.parse(yaml, "rules.yaml"))
                .isInstanceOf(RulesFile.InvalidRulesException.class)
                .hasMessageContaining("rules[1] (id self)")
                .hasMessageContaining("inhibit self: an alert cannot inhibit itself");
    }
}
