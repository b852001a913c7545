package io.alertbridge.connectors.slack.sink;

import io.alertbridge.connectors.slack.sink.GraphPlan.Action;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class GraphPlanTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void shouldDrawTheFirstGraphAtOnce() {
        GraphPlan.Decision decision = GraphPlan.decide("k1", SlackRef.Graph.NONE, NOW, FIVE_MINUTES);

        assertThat(decision.action()).isEqualTo(Action.RENDER);
        assertThat(decision.key()).isEqualTo("k1");
    }

    @Test
    void shouldDrawNothingWhenNothingCanBeDrawn() {
        assertThat(GraphPlan.decide(null, SlackRef.Graph.NONE, NOW, FIVE_MINUTES)
                        .action())
                .isEqualTo(Action.NOTHING);
    }

    @Test
    void shouldNeverMakeAKeyAgainThatWasShownTriedOrInFlightAtACrash() {
        SlackRef.Graph shown = graph("k1", null, NOW.minus(Duration.ofHours(1)));
        SlackRef.Graph inFlight = graph("k0", "k1", NOW.minus(Duration.ofHours(1)));

        assertThat(GraphPlan.decide("k1", shown, NOW, FIVE_MINUTES).action()).isEqualTo(Action.NOTHING);
        assertThat(GraphPlan.decide("k1", inFlight, NOW, FIVE_MINUTES).action()).isEqualTo(Action.NOTHING);
    }

    @Test
    void shouldRefreshOnAChangeOncePerIntervalAndPutOffAChangeInsideIt() {
        SlackRef.Graph recent = graph("k1", null, NOW.minus(Duration.ofMinutes(2)));
        SlackRef.Graph old = graph("k1", null, NOW.minus(Duration.ofMinutes(5)));

        GraphPlan.Decision inside = GraphPlan.decide("k2", recent, NOW, FIVE_MINUTES);
        GraphPlan.Decision after = GraphPlan.decide("k2", old, NOW, FIVE_MINUTES);

        assertThat(inside.action()).isEqualTo(Action.LATER);
        assertThat(inside.at()).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
        assertThat(after.action()).isEqualTo(Action.RENDER);
    }

    @Test
    void shouldKeepTheOldPictureAndMarkTheKeyTriedWhenARenderFails() {
        SlackRef.Graph before = new SlackRef.Graph("F1", "alt", null, "k1", "k2", NOW.minusSeconds(600), null);
        IncidentGraphs.Ready failed = new IncidentGraphs.Ready(
                0, "INC-1", "k2", null, new IncidentGraphs.Made(null, null, null, "throttled"));
        IncidentGraphs.Ready uploaded =
                new IncidentGraphs.Ready(0, "INC-1", "k2", null, new IncidentGraphs.Made("F2", "alt2", null, null));

        SlackRef.Graph afterFailure = IncidentGraphs.settle(before, failed, NOW);
        SlackRef.Graph afterUpload = IncidentGraphs.settle(before, uploaded, NOW);

        assertThat(afterFailure.fileId()).isEqualTo("F1");
        assertThat(afterFailure.renderKey()).isEqualTo("k2");
        assertThat(afterFailure.pendingKey()).isNull();
        assertThat(afterFailure.renderedAt()).isEqualTo(NOW.minusSeconds(600));
        assertThat(afterUpload.fileId()).isEqualTo("F2");
        assertThat(afterUpload.renderedAt()).isEqualTo(NOW);
        assertThat(GraphPlan.decide("k2", afterFailure, NOW, FIVE_MINUTES).action())
                .isEqualTo(Action.NOTHING);
    }

    private static SlackRef.Graph graph(String renderKey, String pendingKey, Instant renderedAt) {
        return new SlackRef.Graph("F1", "alt", null, renderKey, pendingKey, renderedAt, null);
    }
}
