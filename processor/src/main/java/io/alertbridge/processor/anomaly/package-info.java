/**
 * Pure anomaly decisions: {@link io.alertbridge.processor.anomaly.Hysteresis}, the per-series state machine that
 * turns scores into one FIRING and one RESOLVED per episode, and
 * {@link io.alertbridge.processor.anomaly.AnomalyAlerts}, which renders a transition as an alert event. No Kafka
 * here; the detect stage keeps {@link io.alertbridge.processor.anomaly.SeriesState} in its store.
 */
package io.alertbridge.processor.anomaly;
