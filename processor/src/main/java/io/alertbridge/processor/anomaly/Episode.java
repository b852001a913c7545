package io.alertbridge.processor.anomaly;

import java.time.Instant;

/**
 * An anomaly episode of one series, from the FIRING to the RESOLVED.
 *
 * @param startedAt the first point at or above the fire threshold that led to the FIRING
 * @param peak the point with the highest score so far
 * @param points points seen since the FIRING (inclusive)
 */
public record Episode(Instant startedAt, ScorePoint peak, long points) {

    /** This episode after one more point. */
    Episode with(ScorePoint point) {
        return new Episode(startedAt, point.score() > peak.score() ? point : peak, points + 1);
    }
}
