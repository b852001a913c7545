/**
 * The PagerDuty receiver, both ways. Out: Events API v2 ({@code POST /v2/enqueue}) with {@code dedup_key} = the
 * incident id, trigger / acknowledge / resolve as the incident changes ({@link
 * io.alertbridge.connectors.receivers.pagerduty.PagerDutyPlan}), severity mapped ({@link
 * io.alertbridge.connectors.receivers.pagerduty.PagerDutySeverity}). Back: PagerDuty's v3 webhooks on the
 * process's HTTP server ({@link io.alertbridge.connectors.receivers.pagerduty.PagerDutyWebhookHandler}), signature
 * ({@link io.alertbridge.connectors.receivers.pagerduty.PagerDutySignature}), age and replay checked, turned into
 * {@code UserAction}s on {@code alertbridge.actions} with origin {@code pagerduty}, which the plan never sends back.
 */
package io.alertbridge.connectors.receivers.pagerduty;
