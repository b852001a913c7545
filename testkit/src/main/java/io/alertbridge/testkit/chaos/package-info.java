/**
 * Tools for proving that Alertbridge survives crashes, for integration tests and the soak benchmark: a child JVM
 * that can be killed with {@code SIGKILL} ({@link io.alertbridge.testkit.chaos.ChildJvm}), the environment that points
 * a launcher child at the devkit's servers ({@link io.alertbridge.testkit.chaos.LauncherEnvironment}), a storm of
 * CloudWatch alarm transitions sent through SQS ({@link io.alertbridge.testkit.chaos.AlarmStorm}), the audit of the
 * local Slack workspace against the storm's final states ({@link io.alertbridge.testkit.chaos.IncidentAudit}), and the
 * random-kill soak that combines them ({@link io.alertbridge.testkit.chaos.KillSoak}). Test tooling: nothing here is
 * used by a running Alertbridge.
 */
package io.alertbridge.testkit.chaos;
