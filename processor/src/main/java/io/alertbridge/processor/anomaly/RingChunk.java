package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AnomalySeries;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive points of one series, one chunk of its {@link SeriesRing} (value of the detect stage's store
 * {@code detect-scores}): point {@code i} is the series' accepted point number {@code first + i}, and all of them fall
 * in one chunk ({@code seq / SeriesRing.CHUNK_POINTS} is the same for each). Immutable.
 *
 * @param first the sequence number of the first point
 * @param points the points, oldest first, each written as {@code [at, score, value]}
 */
public record RingChunk(long first, List<AnomalySeries.Point> points) {

    public RingChunk {
        points = points == null ? List.of() : List.copyOf(points);
    }

    /** The sequence number the next point must have to be appended here. */
    long next() {
        return first + points.size();
    }

    /** This chunk with one more point. */
    RingChunk with(AnomalySeries.Point point) {
        List<AnomalySeries.Point> more = new ArrayList<>(points.size() + 1);
        more.addAll(points);
        more.add(point);
        return new RingChunk(first, more);
    }
}
