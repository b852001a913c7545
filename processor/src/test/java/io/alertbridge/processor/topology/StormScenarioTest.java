package io.alertbridge.processor.topology;

import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.NotificationCommand.Digest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The storm scenario's strict reading of Slack's limits: it must catch what Slack would refuse. */
class StormScenarioTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    private static NotificationCommand digest(String id, int version, Instant at) {
        return NotificationCommand.digest(
                "digest:" + id + ":v" + version, "#team-a", new Digest(id, T0, version, version, List.of()), at);
    }

    @Test
    void shouldFlagTwoNewMessagesToOneChannelWithinASecond() {
        List<NotificationCommand> commands =
                List.of(digest("a", 1, T0), digest("b", 1, T0.plusMillis(500)), digest("c", 1, T0.plusMillis(1500)));

        assertThat(StormScenario.paceViolations(commands)).singleElement().satisfies(v -> assertThat(v)
                .contains("two posts to #team-a within a second"));
    }

    @Test
    void shouldFlagMoreEditsInAMinuteThanSlacksTierAllowsButNotASteadyPace() {
        List<NotificationCommand> tooMany = new ArrayList<>();
        List<NotificationCommand> steady = new ArrayList<>();
        tooMany.add(digest("a", 0, T0));
        steady.add(digest("a", 0, T0));
        for (int i = 1; i <= StormScenario.EDITS_PER_MINUTE + 1; i++) {
            tooMany.add(digest("a", i, T0.plusSeconds(i)));
            steady.add(digest("a", i, T0.plus(Duration.ofMillis(1_250L * i))));
        }

        assertThat(StormScenario.paceViolations(tooMany)).singleElement().satisfies(v -> assertThat(v)
                .startsWith("51 edits in the minute"));
        assertThat(StormScenario.paceViolations(steady)).isEmpty();
    }

    @Test
    void shouldCountADigestsFirstSendAsAPostAndTheRestAsEdits() {
        List<NotificationCommand> commands =
                List.of(digest("a", 1, T0), digest("a", 2, T0.plusSeconds(30)), digest("b", 1, T0.plusSeconds(31)));

        assertThat(StormScenario.mix(commands)).containsEntry("digest post", 2).containsEntry("digest edit", 1);
    }
}
