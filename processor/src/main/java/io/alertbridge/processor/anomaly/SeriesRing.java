package io.alertbridge.processor.anomaly;

import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.AnomalySeries;
import io.alertbridge.schemas.model.ThresholdRule;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The last points of a series, for its graph, kept as a ring of chunks in the detect stage's store. The series'
 * accepted point number {@code seq} (counted by {@link SeriesState#accepted()}) belongs to chunk
 * {@code seq / CHUNK_POINTS}, stored under the key {@code <series key>\0<chunk mod chunks>} as a {@link RingChunk};
 * a ring of {@code capacity} points has {@link #chunks} of them, one more than the points need, so the last
 * {@code capacity} points are all there while the newest chunk fills.
 *
 * <p>Why chunks: rewriting the whole series on every score would put all its points, serialized, into the store and
 * its changelog each time; one key per point would make every score a changelog record of its own. A chunk is small
 * (at most {@value #CHUNK_POINTS} points), and the points of a busy series that arrive within one commit interval
 * land on the same key, which the store's cache writes once. A series holds at most {@link #chunks} keys, each
 * overwritten in turn, which compaction reduces to one record each. The whole series is assembled only when a FIRING
 * or RESOLVED needs it ({@link #snapshot}).
 *
 * <p>The ring holds what the {@link Hysteresis} accepted, in its order: a duplicate or late point is not on the graph,
 * as it did not count. Each chunk knows the sequence number of its first point, so a chunk left from an earlier turn
 * of the ring, or written under another {@code detect.seriesPoints}, is told apart and skipped; keys beyond a lowered
 * capacity stay in the store, unread. Pure and thread-safe.
 */
public final class SeriesRing {

    /** Points per chunk. */
    public static final int CHUNK_POINTS = 16;

    private SeriesRing() {}

    /** The chunks of a ring of {@code capacity} points. */
    public static int chunks(int capacity) {
        checkCapacity(capacity);
        return (capacity + CHUNK_POINTS - 1) / CHUNK_POINTS + 1;
    }

    /** The store key of the chunk that holds point {@code seq} of a series. */
    public static String chunkKey(String seriesKey, long seq, int capacity) {
        return seriesKey + "\u0000" + Math.floorMod(seq / CHUNK_POINTS, chunks(capacity));
    }

    /**
     * The chunk after accepting point {@code seq}: the stored chunk with the point appended when it ends just before
     * it, otherwise a new chunk starting with it (the stored one is from an earlier turn of the ring, or points are
     * missing, as when the ring was off).
     *
     * @param stored what the store holds under {@link #chunkKey} for {@code seq}, or null
     */
    public static RingChunk append(RingChunk stored, long seq, AnomalyScore score) {
        AnomalySeries.Point point = AnomalySeries.Point.of(score.timestamp(), score.score(), score.value());
        return stored != null && stored.next() == seq && stored.first() / CHUNK_POINTS == seq / CHUNK_POINTS
                ? stored.with(point)
                : new RingChunk(seq, List.of(point));
    }

    /**
     * The series as its graph shows it after point {@code last}: its {@link #points} and the thresholds of the rule
     * in force.
     *
     * @param score the point just accepted (names the detector and series)
     * @param rule the rule that decided
     * @param last the sequence number of the latest point
     * @param capacity points kept per series
     * @param chunks reads a chunk by its key (null when absent)
     */
    public static AnomalySeries snapshot(
            AnomalyScore score, ThresholdRule rule, long last, int capacity, Function<String, RingChunk> chunks) {
        return new AnomalySeries(
                score.detector(),
                score.series(),
                rule.id(),
                rule.fireThreshold(),
                rule.clearThreshold(),
                points(AnomalyAlerts.seriesKey(score), last, capacity, chunks));
    }

    /**
     * The points of a series' ring up to point {@code last}: up to {@code capacity} of them, oldest first.
     *
     * @param seriesKey the series' key ({@link AnomalyAlerts#seriesKey})
     * @param last the sequence number of the latest point
     * @param capacity points kept per series
     * @param chunks reads a chunk by its key (null when absent)
     */
    public static List<AnomalySeries.Point> points(
            String seriesKey, long last, int capacity, Function<String, RingChunk> chunks) {
        checkCapacity(capacity);
        long oldest = Math.max(0, last - capacity + 1);
        List<AnomalySeries.Point> points = new ArrayList<>(capacity);
        for (long chunk = oldest / CHUNK_POINTS; last >= 0 && chunk <= last / CHUNK_POINTS; chunk++) {
            RingChunk stored = chunks.apply(chunkKey(seriesKey, chunk * CHUNK_POINTS, capacity));
            // A chunk of another number is from an earlier turn of the ring or another capacity: not these points.
            if (stored == null || stored.first() / CHUNK_POINTS != chunk) {
                continue;
            }
            for (int i = 0; i < stored.points().size(); i++) {
                long seq = stored.first() + i;
                AnomalySeries.Point point = stored.points().get(i);
                boolean ascending = points.isEmpty()
                        || point.at() > points.get(points.size() - 1).at();
                if (seq >= oldest && seq <= last && ascending) {
                    points.add(point);
                }
            }
        }
        return points;
    }

    private static void checkCapacity(int capacity) {
        if (capacity < 1 || capacity > AnomalySeries.MAX_POINTS) {
            throw new IllegalArgumentException(
                    "capacity must be within [1, " + AnomalySeries.MAX_POINTS + "], was " + capacity);
        }
    }
}
