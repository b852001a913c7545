/**
 * The decisions that turn alert events and people's actions into incidents and a bounded stream of Slack commands.
 * Pure functions on records: no Kafka, no clocks (every decision is given its {@code now}), each returning a
 * result with the reason it was taken.
 *
 * <ul>
 *   <li>{@link io.alertbridge.processor.incident.Correlation}: which group an alert belongs to, and whether it joins
 *       the group's current incident or starts a new one.
 *   <li>{@link io.alertbridge.processor.incident.Lifecycle}: the incident state machine (open, acknowledged,
 *       resolved, reopened, snoozed), merging alert status and people's actions.
 *   <li>{@link io.alertbridge.processor.incident.Escalations}: when an unacknowledged incident reminds, then
 *       mentions.
 *   <li>{@link io.alertbridge.processor.incident.ThrottlePolicy}: group wait, coalesced updates, per-channel pacing
 *       and storm digests, so that Slack never has to rate-limit us and nothing is dropped.
 *   <li>{@link io.alertbridge.processor.incident.Commands}: the {@code NotificationCommand}s themselves, with
 *       deterministic ids.
 *   <li>{@link io.alertbridge.processor.incident.TransientHold}: whether an alert that usually clears by itself has
 *       its incident's first post held, from its {@link io.alertbridge.processor.incident.FiringHistory};
 *       {@link io.alertbridge.processor.incident.TransientHolds} records that on the incident's timeline.
 * </ul>
 *
 * <p>The stages of {@code io.alertbridge.processor.topology} only do store I/O around these decisions.
 */
package io.alertbridge.processor.incident;
