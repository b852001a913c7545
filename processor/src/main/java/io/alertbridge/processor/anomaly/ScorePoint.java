package io.alertbridge.processor.anomaly;

import java.time.Instant;

/**
 * One scored point kept in a series' window.
 *
 * @param at when it was observed
 * @param score its anomaly score
 * @param value the metric's value, if known
 */
public record ScorePoint(Instant at, double score, Double value) {}
