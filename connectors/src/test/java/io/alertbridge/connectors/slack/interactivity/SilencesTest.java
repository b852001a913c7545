package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.Severity;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.serde.ContractSchemas;
import io.alertbridge.schemas.serde.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
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

    @Test
    void shouldRefuseSilencesThatMatchEveryAlertWhateverTheirOperator() {
        for (String text : List.of("account!=nobody", "account!~nobody", "account=~.+", "service=~.*", "env=")) {
            assertThatThrownBy(() ->
                            silences.build(List.of(Matcher.parse(text)), Duration.ofHours(1), null, alice, Fixtures.T0))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldDeriveTheRuleIdFromTheRequest() {
        List<Matcher> api = List.of(Matcher.parse("service=api"));
        Caller again = new Caller("U0ALICE", "alice", "T1", "C2", "other", "https://x", "t1");
        Caller otherRequest = new Caller("U0ALICE", "alice", "T1", "C1", "alerts", null, "t2");

        SilenceRule rule = silences.build(api, Duration.ofHours(1), "r", alice, Fixtures.T0);

        assertThat(rule.id()).matches("silence-[0-9a-f]{16}");
        assertThat(silences.build(api, Duration.ofHours(1), "r", again, Fixtures.T0.plusSeconds(3))
                        .id())
                .isEqualTo(rule.id());
        assertThat(silences.build(api, Duration.ofHours(1), "r", otherRequest, Fixtures.T0)
                        .id())
                .isNotEqualTo(rule.id());
        assertThat(silences.build(api, Duration.ofHours(2), "r", alice, Fixtures.T0)
                        .id())
                .isNotEqualTo(rule.id());
    }

    @Test
    void shouldRefuseASilenceThatMatchesEveryIncidentTheViewKnowsAndSayWhatItWouldMatch() {
        IncidentIndex index = new IncidentIndex();
        List<String> services = List.of("api", "web", "db", "queue");
        for (int i = 0; i < 12; i++) {
            String service = services.get(i % services.size());
            index.apply("g" + i, Fixtures.open("INC-" + i, service, Severity.ERROR, i));
        }
        Silences judged = new Silences(Duration.ofDays(30), () -> index.sample(Fixtures.T0, Silences.SAMPLE_SPAN));

        assertThatThrownBy(() -> judged.build(
                        List.of(Matcher.parse("source=cloudwatch")), Duration.ofHours(1), null, alice, Fixtures.T0))
                .hasMessageContaining("would silence 12 of 12 open incidents and 12 of 12 alerts of the last day");
        assertThatThrownBy(() -> judged.build(
                        List.of(Matcher.parse("service=~api|web|db|queue")),
                        Duration.ofHours(1),
                        null,
                        alice,
                        Fixtures.T0))
                .hasMessageContaining("12 of 12");
        List<Matcher> oneService = new ArrayList<>(List.of(Matcher.parse("service=api")));
        assertThat(judged.build(oneService, Duration.ofHours(1), null, alice, Fixtures.T0)
                        .matchers())
                .isEqualTo(oneService);
    }
}
