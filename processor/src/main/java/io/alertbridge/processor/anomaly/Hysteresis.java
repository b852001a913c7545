package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.ThresholdRule;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-series anomaly state machine. Quiet, a series fires once at least {@code fireCount} of its last
 * {@code fireWindow} points score at or above {@code fireThreshold}; firing, it resolves once {@code clearCount}
 * consecutive points score below {@code clearThreshold} (a point in between resets that count). So one episode
 * gives one FIRING and one RESOLVED however many points it spans.
 *
 * <p>Points are ordered by their own timestamp per series: a point at or before the last accepted one is a
 * duplicate or late, and changes nothing. Pure and thread-safe.
 */
public final class Hysteresis {

    private Hysteresis() {}

    /**
     * One point through the state machine.
     *
     * @param previous the series' state, or null for a new series
     * @param score the point
     * @param rule the thresholds that apply to the series
     * @return the next state, the transition if any, and the reason
     */
    public static Step step(SeriesState previous, AnomalyScore score, ThresholdRule rule) {
        SeriesState state = previous == null ? SeriesState.initial() : previous;
        if (state.lastAt() != null && !score.timestamp().isAfter(state.lastAt())) {
            String why = score.timestamp().equals(state.lastAt()) ? "duplicate of the point at " : "late: before ";
            return new Step(state, null, false, why + state.lastAt());
        }
        ScorePoint point = new ScorePoint(score.timestamp(), score.score(), score.value());
        return state.firing() ? whileFiring(state, point, rule) : whileQuiet(state, point, rule);
    }

    private static Step whileQuiet(SeriesState state, ScorePoint point, ThresholdRule rule) {
        List<ScorePoint> recent = new ArrayList<>(state.recent());
        recent.add(point);
        while (recent.size() > rule.fireWindow()) {
            recent.remove(0);
        }
        List<ScorePoint> hits =
                recent.stream().filter(p -> p.score() >= rule.fireThreshold()).toList();
        if (hits.size() < rule.fireCount()) {
            SeriesState next = new SeriesState(point.at(), recent, false, 0, null, state.accepted() + 1);
            return new Step(
                    next,
                    null,
                    true,
                    hits.size() + " of the last " + recent.size() + " at or above " + rule.fireThreshold() + ", "
                            + rule.fireCount() + " needed");
        }
        ScorePoint peak = hits.get(0);
        for (ScorePoint hit : hits) {
            peak = hit.score() > peak.score() ? hit : peak;
        }
        Episode episode = new Episode(hits.get(0).at(), peak, 1);
        String reason = hits.size() + " of the last " + recent.size() + " scores at or above " + rule.fireThreshold()
                + " (rule " + rule.id() + ")";
        SeriesState next = new SeriesState(point.at(), List.of(), true, 0, episode, state.accepted() + 1);
        return new Step(next, new Transition(AlertStatus.FIRING, point, episode, reason), true, reason);
    }

    private static Step whileFiring(SeriesState state, ScorePoint point, ThresholdRule rule) {
        Episode episode = state.episode().with(point);
        int below = point.score() < rule.clearThreshold() ? state.below() + 1 : 0;
        if (below < rule.clearCount()) {
            SeriesState next = new SeriesState(point.at(), List.of(), true, below, episode, state.accepted() + 1);
            return new Step(
                    next,
                    null,
                    true,
                    below + " consecutive below " + rule.clearThreshold() + ", " + rule.clearCount() + " needed");
        }
        String reason = below + " consecutive scores below " + rule.clearThreshold() + " (rule " + rule.id() + ")";
        SeriesState next = new SeriesState(point.at(), List.of(), false, 0, null, state.accepted() + 1);
        return new Step(next, new Transition(AlertStatus.RESOLVED, point, episode, reason), true, reason);
    }

    /**
     * The outcome of one point.
     *
     * @param state the series' next state
     * @param transition the FIRING or RESOLVED it caused, or null
     * @param accepted false when the point was a duplicate or late and changed nothing
     * @param reason why
     */
    public record Step(SeriesState state, Transition transition, boolean accepted, String reason) {}
}
