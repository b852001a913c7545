/**
 * The receivers of one process as the configuration defines them ({@code receivers:}: webhook, pagerduty, email by
 * name), above the destinations' packages so that none of them depends on another.
 */
package io.alertbridge.connectors.receivers.assembly;
