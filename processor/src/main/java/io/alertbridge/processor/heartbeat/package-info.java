/**
 * Heartbeats (dead man's switches), as pure decisions: {@link io.alertbridge.processor.heartbeat.BeatSources} says
 * which heartbeats a raw record, a score, an alert or a ping is a beat of;
 * {@link io.alertbridge.processor.heartbeat.HeartbeatClock} decides, from a heartbeat's
 * {@link io.alertbridge.processor.heartbeat.HeartbeatState}, whether it is due to fire or to resolve
 * ({@link io.alertbridge.processor.heartbeat.HeartbeatDue}), pipeline downtime included;
 * {@link io.alertbridge.processor.heartbeat.HeartbeatAlerts} writes the alerts it raises. The heartbeat stage keeps
 * the state and runs the clock. No Kafka here.
 */
package io.alertbridge.processor.heartbeat;
