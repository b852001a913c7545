/**
 * Reports over the incident history ({@code alertbridge.incident.history}): how many incidents, how fast they were
 * acknowledged and resolved, which alarms are noisy or flapping, how many paged outside working hours, and the change
 * against the previous period. Shared by {@code /alerts report} (Slack interactivity) and {@code alertbridge report}
 * (the command line).
 *
 * <p>Pure decisions first: {@link io.alertbridge.connectors.reports.ReportRange} (what {@code 7d},
 * {@code last-week} or {@code 2026-11-01..2026-11-30} mean), {@link io.alertbridge.connectors.reports.ReportFilter}
 * (route, service or channel), {@link io.alertbridge.connectors.reports.WorkingHours} and
 * {@link io.alertbridge.connectors.reports.ReportFigures} (the figures of a history slice),
 * {@link io.alertbridge.connectors.reports.DigestSchedule} (when a scheduled digest is due, the period it covers and
 * its key). Around them,
 * {@link io.alertbridge.connectors.reports.HistoryIndex} keeps the history in memory by time (bounded), and
 * {@link io.alertbridge.connectors.reports.HistoryView} follows the topic into it and records the time-to-acknowledge
 * and time-to-resolve histograms.
 */
package io.alertbridge.connectors.reports;
