package io.alertbridge.schemas.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SilenceScopeTest {

    private static List<Matcher> m(String... texts) {
        return Arrays.stream(texts).map(Matcher::parse).toList();
    }

    /** {@code n} alerts spread over {@code incidents} open incidents, services api-0, api-1, ... per incident. */
    private static List<SilenceScope.SampleAlert> sample(int n, int incidents) {
        List<SilenceScope.SampleAlert> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int incident = i % incidents;
            out.add(new SilenceScope.SampleAlert(
                    "INC-" + incident,
                    true,
                    Map.of(
                            "service", "api-" + incident,
                            "account", "123456789012",
                            "source", "cloudwatch",
                            "severity", "CRITICAL",
                            "status", "FIRING",
                            "fingerprint", "fp-" + i)));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "account!=nobody",
                "account!~nobody",
                "account!~",
                "account=~.*",
                "account=~.+",
                "account=~(?s).*",
                "account=",
                "env=~|prod",
                "status=FIRING",
                "status!=RESOLVED",
                "status=~.*",
                "severity!=DEBUG",
                "severity=~.+",
                "severity=~CRITICAL|ERROR|WARNING|INFO",
                "source!=nowhere",
                "fingerprint=~.+"
            })
    void shouldFindThatAMatcherMatchingEveryValueDoesNotNarrow(String text) {
        assertThat(SilenceScope.narrows(Matcher.parse(text))).isFalse();
        assertThat(SilenceScope.judge(m(text)).allowed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "service=api",
                "service=~api|web",
                "service=~api-.*",
                "account=123456789012",
                "severity=CRITICAL",
                "severity!=INFO",
                "severity!~INFO|WARNING",
                "status=RESOLVED",
                "service!~.*",
                "source=cloudwatch"
            })
    void shouldFindThatAMatcherNamingValuesNarrows(String text) {
        assertThat(SilenceScope.narrows(Matcher.parse(text))).isTrue();
        assertThat(SilenceScope.judge(m(text)).allowed()).isTrue();
    }

    @Test
    void shouldAcceptANegationBesideAMatcherThatNarrows() {
        assertThat(SilenceScope.judge(m("service=api", "env!=dev")).allowed()).isTrue();
    }

    @Test
    void shouldRefuseWhenNoMatcherNarrowsAndSayWhy() {
        SilenceScope.Verdict verdict = SilenceScope.judge(m("account!=nobody", "env!~dev"));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).contains("account!=nobody, env!~dev").contains("every alert");
    }

    @Test
    void shouldRefuseNoMatchersAtAll() {
        assertThat(SilenceScope.judge(List.of()).allowed()).isFalse();
    }

    @Test
    void shouldRefuseAnEqualityThatMatchesEveryAlertOfALargeEnoughSample() {
        SilenceScope.Verdict verdict = SilenceScope.judge(m("account=123456789012"), sample(230, 14));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason())
                .contains("would silence 14 of 14 open incidents and 230 of 230 alerts of the last day")
                .contains("rules apply");
    }

    @Test
    void shouldAcceptAnEqualityThatMatchesEveryAlertOfASmallSample() {
        assertThat(SilenceScope.judge(m("account=123456789012"), sample(9, 3)).allowed())
                .isTrue();
        assertThat(SilenceScope.judge(m("account=123456789012"), sample(20, 2)).allowed())
                .isTrue();
    }

    @Test
    void shouldRefuseARegexThatMatchesAllOfANonTrivialSample() {
        assertThat(SilenceScope.judge(m("service=~api-.*"), sample(3, 2)).allowed())
                .isFalse();
        assertThat(SilenceScope.judge(m("service=~api-.*"), sample(2, 2)).allowed())
                .isTrue();
        assertThat(SilenceScope.judge(m("service=~api-.*"), sample(3, 1)).allowed())
                .isTrue();
    }

    @Test
    void shouldAcceptASilenceThatMatchesPartOfTheSampleAndSayHowMuch() {
        SilenceScope.Verdict verdict = SilenceScope.judge(m("service=api-3"), sample(28, 14));

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.reason())
                .isEqualTo("would silence 1 of 14 open incidents and 2 of 28 alerts of the last day");
    }

    @Test
    void shouldNotCountAnAlertWhoseLabelIsUnknownAsMatched() {
        // env is not among what the sample knows: the silence may or may not match, so it is not refused.
        SilenceScope.Verdict verdict = SilenceScope.judge(m("env=prod"), sample(30, 10));

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.reason()).startsWith("would silence 0 of 10 open incidents and 0 of 30");
    }

    @Test
    void shouldCountOnlyOpenIncidentsAsOpenButEveryAlertOfTheDay() {
        List<SilenceScope.SampleAlert> alerts = new ArrayList<>(sample(12, 4));
        alerts.add(new SilenceScope.SampleAlert(
                "INC-OLD", false, Map.of("account", "123456789012", "service", "db", "fingerprint", "fp-old")));

        SilenceScope.Verdict verdict = SilenceScope.judge(m("account=123456789012"), alerts);

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.reason()).contains("4 of 4 open incidents and 13 of 13 alerts");
    }

    @Test
    void shouldJudgeAnEmptySampleByConstructionOnly() {
        assertThat(SilenceScope.judge(m("service=api"), List.of()).reason())
                .isEqualTo("would silence 0 of 0 open incidents and 0 of 0 alerts of the last day");
        assertThat(SilenceScope.judge(m("service=~.*"), List.of()).allowed()).isFalse();
    }
}
