package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilencesTest {

    private final Silences silences = new Silences(Duration.ofDays(30));
    private final Caller alice = new Caller("U0ALICE", "alice", "T1", "C1", "alerts", null, "t1");

    @Test
    void shouldBuildASchemaValidSilenceFromNow() {
        SilenceRule rule = silences.build(
                List.of(Matcher.parse("service=api"), Matcher.parse("env!=dev")),
                Duration.ofHours(2),
                "deploy",
                alice,
                Fixtures.T0);

        assertThat(rule.id()).startsWith("silence-");
        assertThat(rule.startsAt()).isEqualTo(Fixtures.T0);
        assertThat(rule.endsAt()).isEqualTo(Fixtures.T0.plus(Duration.ofHours(2)));
        assertThat(rule.reason()).isEqualTo("deploy");
        assertThat(rule.createdBy()).isEqualTo("U0ALICE");
        assertThat(ContractSchemas.validate("Rule", Json.mapper().valueToTree((Rule) rule)))
                .isEmpty();
    }

    @Test
    void shouldSayWhoSilencedWhenNoReasonIsGiven() {
        SilenceRule rule =
                silences.build(List.of(Matcher.parse("service=api")), Duration.ofHours(1), null, alice, Fixtures.T0);
        assertThat(rule.reason()).isEqualTo("silenced from Slack by alice");
    }

    @Test
    void shouldRefuseTooLongZeroAndSilenceEverything() {
        List<Matcher> api = List.of(Matcher.parse("service=api"));
        assertThatThrownBy(() -> silences.build(api, Duration.ofDays(31), null, alice, Fixtures.T0))
                .hasMessageContaining("at most 30d");
        assertThatThrownBy(() -> silences.build(api, Duration.ZERO, null, alice, Fixtures.T0))
                .hasMessageContaining("more than zero");
        assertThatThrownBy(() -> silences.build(
                        List.of(Matcher.parse("service=~.*")), Duration.ofHours(1), null, alice, Fixtures.T0))
                .hasMessageContaining("every alert");
    }
}
