package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AlertStatus;

/**
 * A series changing state.
 *
 * @param status FIRING or RESOLVED
 * @param point the point that caused it
 * @param episode the episode it opens or closes (peak and length so far)
 * @param reason why, in words
 */
public record Transition(AlertStatus status, ScorePoint point, Episode episode, String reason) {}
