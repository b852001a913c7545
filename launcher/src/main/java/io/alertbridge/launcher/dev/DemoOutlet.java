package io.alertbridge.launcher.dev;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertbridge.schemas.model.AnomalyScore;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

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

    /**
     * A metric's recent datapoints, as CloudWatch would hold them for the demo's alarms (so their graphs have data).
     * Where there is no CloudWatch (dev without the AWS stand-in), nothing.
     *
     * @param region the alarm's region
     * @param namespace the metric's namespace
     * @param metricName the metric's name
     * @param dimensions its dimensions
     * @param unit its unit
     * @param points value by time
     */
    default void metric(
            String region,
            String namespace,
            String metricName,
            Map<String, String> dimensions,
            String unit,
            SortedMap<Instant, Double> points) {}

    /** Hands on anything buffered. */
    void flush();
}
