package io.alertbridge.processor.topology;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Counts one outcome of a stage as Kafka Streams metrics ({@code <outcome>-total} and {@code <outcome>-rate} in
 * group {@code stream-alertbridge-metrics}, tagged {@code alertbridge-id=<stage>} and the thread), so dropped
 * and rejected records show up next to Kafka's own metrics. Created in {@code init()}, on the stream thread.
 */
final class StageCounter {

    private final Sensor sensor;

    private StageCounter(Sensor sensor) {
        this.sensor = sensor;
    }

    static StageCounter of(ProcessingContext context, String stage, String outcome) {
        return new StageCounter(
                context.metrics().addRateTotalSensor("alertbridge", stage, outcome, Sensor.RecordingLevel.INFO));
    }

    void increment() {
        sensor.record();
    }
}
