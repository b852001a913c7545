/**
 * Operability of every Alertbridge process: {@link io.alertbridge.launcher.ops.OpsServer} serves {@code /health}
 * (ready when every registered {@link io.alertbridge.launcher.ops.HealthCheck} is ready or only degraded by an
 * outside service such as Slack) and {@code /metrics}
 * (Prometheus text from Micrometer), and mounts other handlers such as Slack's {@code /slack/events} and the heartbeat
 * pings {@code POST /heartbeat/<name>} ({@link io.alertbridge.launcher.ops.HeartbeatPings}, tokens checked by
 * {@link io.alertbridge.launcher.ops.HeartbeatTokens}, beats written by
 * {@link io.alertbridge.launcher.ops.KafkaBeatPublisher}).
 */
package io.alertbridge.launcher.ops;
