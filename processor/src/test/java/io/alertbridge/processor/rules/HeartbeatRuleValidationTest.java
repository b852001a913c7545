package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.HeartbeatRule.BeatKind;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Heartbeat rules as an operator writes them in YAML: what is accepted, and what is rejected with which reason. */
class HeartbeatRuleValidationTest {

    private static final String TOKEN_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static List<Rule> parse(String rules) {
        return RulesFile.parse("rules:\n" + rules, "heartbeats.yaml");
    }

    @Test
    void shouldReadEveryBeatKindFromYaml() {
        List<Rule> rules = parse(
                """
                  - {kind: heartbeat, id: alarms-queue, beat: queue, queue: alertbridge-alarms, interval: 5m, grace: 10m}
                  - {kind: heartbeat, id: pipeline-events, beat: event, eventSource: aws.codepipeline, interval: 1h,
                     misses: 2}
                  - kind: heartbeat
                    id: numenta
                    beat: score
                    detector: numenta
                    series: "ec2-cpu-*"
                    interval: 5m
                    grace: 15m
                    severity: CRITICAL
                    labels: {team: ml}
                  - {kind: heartbeat, id: watchdog, beat: alert, matchers: ["alertname=Watchdog"], interval: 1m,
                     misses: 3}
                  - {kind: heartbeat, id: nightly-backup, beat: ping, tokenSha256: %s, interval: 1d, grace: 2h}
                """
                        .formatted(TOKEN_SHA256));

        assertThat(rules).hasSize(5).allSatisfy(rule -> assertThat(rule).isInstanceOf(HeartbeatRule.class));
        HeartbeatRule numenta = (HeartbeatRule) rules.get(2);
        assertThat(numenta.beat()).isEqualTo(BeatKind.SCORE);
        assertThat(numenta.allowedSilence()).isEqualTo(Duration.ofMinutes(20));
        assertThat(numenta.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(numenta.labels()).containsEntry("team", "ml").containsEntry("heartbeat", "numenta");
        assertThat(((HeartbeatRule) rules.get(1)).allowedSilence()).isEqualTo(Duration.ofHours(2));
        assertThat(((HeartbeatRule) rules.get(3)).matchers()).hasSize(1);
        assertThat(((HeartbeatRule) rules.get(0)).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void shouldRejectAnIntervalBelowThePunctuationResolutionNamingTheRule() {
        assertThatThrownBy(() -> parse("  - {kind: heartbeat, id: too-fast, beat: queue, queue: q, interval: 5s}\n"))
                .isInstanceOf(RulesFile.InvalidRulesException.class)
                .hasMessageContaining("heartbeat too-fast")
                .hasMessageContaining("below the punctuation resolution");
    }

    @Test
    void shouldRejectAPingHeartbeatWithoutAToken() {
        assertThatThrownBy(() -> parse("  - {kind: heartbeat, id: cron, beat: ping, interval: 1h}\n"))
                .isInstanceOf(RulesFile.InvalidRulesException.class)
                .hasMessageContaining("heartbeat cron")
                .hasMessageContaining("tokenSha256");
    }

    @Test
    void shouldRejectATokenThatIsNotASha256() {
        assertThatThrownBy(() -> parse(
                        "  - {kind: heartbeat, id: cron, beat: ping, tokenSha256: secret-in-clear, interval: 1h}\n"))
                .isInstanceOf(RulesFile.InvalidRulesException.class)
                .hasMessageContaining("cron");
    }

    @Test
    void shouldRejectAnUnknownBeatKindNamingTheRule() {
        assertThatThrownBy(() -> parse("  - {kind: heartbeat, id: odd, beat: carrier-pigeon, interval: 1h}\n"))
                .isInstanceOf(RulesFile.InvalidRulesException.class)
                .hasMessageContaining("heartbeat odd")
                .hasMessageContaining("unknown beat kind 'carrier-pigeon'");
    }

    @Test
    void shouldRejectABeatKindWithoutWhatItWatches() {
        assertThatThrownBy(() -> parse("  - {kind: heartbeat, id: scores, beat: score, interval: 5m}\n"))
                .hasMessageContaining("heartbeat scores")
                .hasMessageContaining("'detector'");
        assertThatThrownBy(() -> parse("  - {kind: heartbeat, id: wd, beat: alert, interval: 5m}\n"))
                .hasMessageContaining("heartbeat wd")
                .hasMessageContaining("'matchers'");
    }

    @Test
    void shouldRejectGraceAndMissesTogether() {
        assertThatThrownBy(() -> parse(
                        "  - {kind: heartbeat, id: both, beat: queue, queue: q, interval: 1m, grace: 1m, misses: 2}\n"))
                .hasMessageContaining("heartbeat both")
                .hasMessageContaining("not both");
    }

    @Test
    void shouldApplyNothingOfAFileWithOneBadHeartbeat() {
        assertThatThrownBy(
                        () -> parse(
                                """
                  - {kind: route, id: default, channel: "#alerts"}
                  - {kind: heartbeat, id: good, beat: queue, queue: q, interval: 1m}
                  - {kind: heartbeat, id: bad, beat: queue, queue: q, interval: 1s}
                """))
                .isInstanceOf(RulesFile.InvalidRulesException.class)
                .hasMessageContaining("rules[2] (id bad)");
    }
}
