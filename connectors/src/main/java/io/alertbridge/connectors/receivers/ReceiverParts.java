package io.alertbridge.connectors.receivers;

import java.time.Clock;

/**
 * What a receiver's loop works with besides its consumer and destination: its health, meters, dead letters, the
 * place it waits, a probe for crash tests and a clock.
 */
public record ReceiverParts(
        ReceiverStatus status,
        ReceiverMetrics metrics,
        ReceiverDeadLetters deadLetters,
        ReceiverWait waiter,
        ReceiverProbe probe,
        Clock clock) {}
