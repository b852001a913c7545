/**
 * The event model as immutable records: what arrives ({@link io.alertbridge.schemas.model.RawAwsMessage},
 * {@link io.alertbridge.schemas.model.AnomalyScore}, {@link io.alertbridge.schemas.model.AnomalyDecision},
 * {@link io.alertbridge.schemas.model.UserAction}), what the
 * processor derives ({@link io.alertbridge.schemas.model.AlertEvent}, {@link io.alertbridge.schemas.model.Incident},
 * {@link io.alertbridge.schemas.model.NotificationCommand}) and what operators configure
 * ({@link io.alertbridge.schemas.model.Rule}).
 *
 * <p>Records normalise absent collections to empty immutable ones, so consumers never check for null collections.
 * Optional scalar fields are nullable and omitted from JSON when null.
 */
package io.alertbridge.schemas.model;
