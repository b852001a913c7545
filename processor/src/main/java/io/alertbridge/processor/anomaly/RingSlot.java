package io.alertbridge.processor.anomaly;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.alertbridge.schemas.model.AnomalySeries;

/**
 * One slot of a series' {@link SeriesRing} (value of the detect stage's store {@code detect-scores}), written as
 * {@code [seq, at, score, value]}: a few dozen bytes, since one is written for every accepted score.
 *
 * @param seq the point's sequence number among its series' accepted points (tells a current slot from a stale one)
 * @param at when the point was observed, in epoch milliseconds
 * @param score its anomaly score
 * @param value the metric's value, or null
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"seq", "at", "score", "value"})
public record RingSlot(long seq, long at, double score, Double value) {

    /** The point as a graph shows it. */
    public AnomalySeries.Point point() {
        return new AnomalySeries.Point(at, score, value);
    }
}
