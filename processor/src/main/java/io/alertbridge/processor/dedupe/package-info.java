/**
 * Pure deduplication decisions: {@link io.alertbridge.processor.dedupe.Deduplication} decides whether an alert
 * event passes given what its fingerprint last did ({@link io.alertbridge.processor.dedupe.LastTransition}), and
 * says why. The dedupe stage keeps that state and the event ids it has seen.
 */
package io.alertbridge.processor.dedupe;
