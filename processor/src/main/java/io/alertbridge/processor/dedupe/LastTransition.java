package io.alertbridge.processor.dedupe;

import io.alertbridge.schemas.model.AlertStatus;

import java.time.Instant;

/**
 * The latest FIRING or RESOLVED that passed for a fingerprint (value of the dedupe stage's fingerprint store).
 *
 * @param status FIRING or RESOLVED
 * @param occurredAt when it happened at the source
 * @param eventId the event that set it
 */
public record LastTransition(AlertStatus status, Instant occurredAt, String eventId) {}
