package io.alertbridge.connectors.slack.channels;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ResponderRemovalsTest {

    @Test
    void shouldRemoveFormerRespondersWhoAreInTheChannel() {
        ResponderRemovals.Decision decision =
                ResponderRemovals.decide(List.of("U1", "U2"), Set.of("UBOT", "U1", "U2", "U3"), "U3");

        assertThat(decision.removals()).containsExactly("U1", "U2");
        assertThat(decision.notes()).isEmpty();
    }

    @Test
    void shouldKeepTheLastActorAndSaySoInTheThread() {
        ResponderRemovals.Decision decision = ResponderRemovals.decide(List.of("U1", "U2"), Set.of("U1", "U2"), "U2");

        assertThat(decision.removals()).containsExactly("U1");
        assertThat(decision.notes())
                .singleElement()
                .asString()
                .contains("<@U2>")
                .contains("acted last");
        assertThat(decision.reasons()).contains("U2 acted last: kept");
    }

    @Test
    void shouldLeaveAloneFormerRespondersWhoAreNotInTheChannel() {
        ResponderRemovals.Decision decision = ResponderRemovals.decide(List.of("U1"), Set.of("U2"), "U1");

        assertThat(decision.removals()).isEmpty();
        assertThat(decision.notes()).as("nobody to spare: no note").isEmpty();
        assertThat(decision.reasons()).containsExactly("U1 is not in the channel");
    }

    @Test
    void shouldRemoveEveryoneFormerWhenNobodyActed() {
        ResponderRemovals.Decision decision = ResponderRemovals.decide(List.of("U1", "U1"), Set.of("U1"), null);

        assertThat(decision.removals()).containsExactly("U1");
    }
}
