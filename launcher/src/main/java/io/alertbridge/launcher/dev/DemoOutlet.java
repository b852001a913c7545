package io.alertbridge.launcher.dev;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.schemas.model.AnomalyScore;

/**
 * Where the demo's messages go: the three kinds of thing AWS and a detector emit. Implementations are called from the
 * demo's one thread.
 */
public interface DemoOutlet {

    /**
     * A CloudWatch alarm's SNS message, as CloudWatch publishes it to the topics in the alarm's actions.
     *
     * @param message the alarm message's JSON
     * @param subject the notification's subject
     */
    void alarm(String message, String subject);

    /** An EventBridge event, envelope and all ({@code source}, {@code detail-type}, {@code detail}, ...). */
    void event(ObjectNode event);

    /** An AI detector's anomaly score. */
    void score(AnomalyScore score);

    /** Hands on anything buffered. */
    void flush();
}
