package io.alertbridge.connectors.receivers;

/**
 * A receiver's health for {@code /health}.
 *
 * @param ready consuming (even while the destination is down: nothing is lost, it waits)
 * @param degraded the destination is unavailable, or refused a message recently
 * @param detail what is going on, in a few words (never a secret)
 */
public record ReceiverHealth(boolean ready, boolean degraded, String detail) {}
