/**
 * Pure anomaly decisions: {@link io.alertbridge.processor.anomaly.Hysteresis}, the per-series state machine that
 * turns scores into one FIRING and one RESOLVED per episode, and
 * {@link io.alertbridge.processor.anomaly.AnomalyAlerts}, which renders a transition as an alert event, and
 * {@link io.alertbridge.processor.anomaly.SeriesRing}, which keeps a series' last points for its graph. No Kafka
 * here; the detect stage keeps {@link io.alertbridge.processor.anomaly.SeriesState} and the ring's
 * {@link io.alertbridge.processor.anomaly.RingChunk}s in its stores.
 */
package io.alertbridge.processor.anomaly;
