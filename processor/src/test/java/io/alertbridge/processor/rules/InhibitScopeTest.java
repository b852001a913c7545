package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.Matcher;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InhibitScopeTest {

    private static InhibitRule rule(List<String> source, List<String> target) {
        return new InhibitRule(
                "r",
                source.stream().map(Matcher::parse).toList(),
                target.stream().map(Matcher::parse).toList(),
                List.of("region"));
    }

    @Test
    void shouldRejectIdenticalSourceAndTarget() {
        InhibitScope.Verdict verdict = InhibitScope.judge(rule(List.of("service=ec2"), List.of("service=ec2")));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).contains("an alert cannot inhibit itself");
    }

    @Test
    void shouldRejectTargetMatchersThatASourceAlwaysSatisfies() {
        assertThat(InhibitScope.judge(rule(List.of("service=ec2", "scope=region"), List.of("service=ec2")))
                        .allowed())
                .isFalse();
    }

    @Test
    void shouldRejectSourceMatchersThatATargetAlwaysSatisfies() {
        assertThat(InhibitScope.judge(rule(List.of("service=ec2"), List.of("service=ec2", "severity=WARNING")))
                        .allowed())
                .isFalse();
    }

    @Test
    void shouldAcceptSidesThatContradictEvenWhenOneLooksLikeASubset() {
        assertThat(InhibitScope.judge(rule(List.of("severity=CRITICAL"), List.of("severity=WARNING")))
                        .allowed())
                .isTrue();
        assertThat(InhibitScope.judge(rule(List.of("scope=region", "service=ec2"), List.of("scope!=region")))
                        .allowed())
                .isTrue();
        assertThat(InhibitScope.judge(rule(List.of("alarm=region-down"), List.of("alarm=~cpu-.*")))
                        .allowed())
                .isTrue();
        assertThat(InhibitScope.judge(rule(List.of("alarm=cpu-1"), List.of("alarm!~cpu-.*")))
                        .allowed())
                .isTrue();
    }

    @Test
    void shouldAcceptSidesThatOnlyOverlap() {
        assertThat(InhibitScope.judge(rule(List.of("alarm=region-down"), List.of("service=ec2")))
                        .allowed())
                .isTrue();
    }
}
