/**
 * Operability of every Alertbridge process: {@link io.alertbridge.launcher.ops.OpsServer} serves {@code /health}
 * (ready when every registered {@link io.alertbridge.launcher.ops.HealthCheck} is ready or only degraded by an
 * outside service such as Slack) and {@code /metrics}
 * (Prometheus text from Micrometer), and mounts other handlers such as Slack's {@code /slack/events}.
 */
package io.alertbridge.launcher.ops;
