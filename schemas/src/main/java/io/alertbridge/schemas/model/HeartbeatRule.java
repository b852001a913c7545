package io.alertbridge.schemas.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A heartbeat (dead man's switch): something that should be heard from at least every {@code interval}. When it stays
 * silent longer than it may ({@link #allowedSilence()}: {@code interval + grace}, or {@code misses × interval}), the
 * processor raises a FIRING alert (source {@code heartbeat}, fingerprint {@code heartbeat:<id>}) that routes like any
 * other alert, and a RESOLVED when it is heard from again.
 *
 * <p>What counts as a beat ({@link #beat()}):
 *
 * <ul>
 *   <li>{@code queue}: any record the bridge received from an SQS queue whose name (or URL) is {@link #queue()};
 *   <li>{@code event}: any EventBridge event whose {@code source} is {@link #eventSource()};
 *   <li>{@code score}: any anomaly score of {@link #detector()} whose series matches the glob {@link #series()}
 *       ({@code *} and {@code ?}; null for any series);
 *   <li>{@code alert}: any FIRING alert the {@link #matchers()} match (a watchdog alarm that fires on purpose);
 *   <li>{@code ping}: a {@code POST /heartbeat/<id>} with the heartbeat's token, whose SHA-256 (hex) is
 *       {@link #tokenSha256()}. The clear token is never on the rules topic.
 * </ul>
 *
 * @param id the heartbeat's name; the rule id, the ping path's last segment and the {@code heartbeat} label
 * @param beat what counts as a beat
 * @param queue for {@code queue}: the SQS queue's name or URL
 * @param eventSource for {@code event}: the EventBridge {@code source} (e.g. {@code aws.codepipeline}, {@code my.app})
 * @param detector for {@code score}: the detector's name (e.g. {@code numenta})
 * @param series for {@code score}: a glob over series ids, or null for every series of the detector
 * @param matchers for {@code alert}: which alerts count; must not be empty for that kind, empty for the others
 * @param tokenSha256 for {@code ping}: lower-case hex SHA-256 of the token that pings must present
 * @param interval how often a beat is expected
 * @param grace extra silence tolerated after {@code interval}; null when {@code misses} is given, else zero
 * @param misses how many intervals may pass without a beat; null when {@code grace} is given
 * @param severity severity of the alert it raises; null for ERROR
 * @param title title of the alert it raises, or null for one that says what went silent and for how long
 * @param labels labels of the alert it raises (for routing and grouping); {@code heartbeat=<id>} is always added
 */
public record HeartbeatRule(
        String id,
        BeatKind beat,
        String queue,
        String eventSource,
        String detector,
        String series,
        List<Matcher> matchers,
        String tokenSha256,
        Duration interval,
        Duration grace,
        Integer misses,
        Severity severity,
        String title,
        Map<String, String> labels)
        implements Rule {

    /** The source of the alerts a heartbeat raises. */
    public static final String SOURCE = "heartbeat";

    /**
     * The heartbeat punctuation resolution: the processor looks for overdue heartbeats every half of it, and the rule
     * validator rejects a heartbeat whose interval is shorter.
     */
    public static final Duration RESOLUTION = Duration.ofSeconds(10);

    /** The label every heartbeat alert carries, with the heartbeat's name. */
    public static final String LABEL = "heartbeat";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public HeartbeatRule {
        Objects.requireNonNull(id, "id");
        if (beat == null) {
            throw new IllegalArgumentException("heartbeat " + id + ": 'beat' is required (" + BeatKind.names() + ")");
        }
        matchers = Collections2.list(matchers);
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat " + id + ": 'interval' must be a positive duration");
        }
        if (grace != null && misses != null) {
            throw new IllegalArgumentException("heartbeat " + id + ": give 'grace' or 'misses', not both");
        }
        if (grace != null && grace.isNegative()) {
            throw new IllegalArgumentException("heartbeat " + id + ": 'grace' must not be negative");
        }
        if (misses != null && misses < 1) {
            throw new IllegalArgumentException("heartbeat " + id + ": 'misses' must be at least 1");
        }
        if (misses == null && grace == null) {
            grace = Duration.ZERO;
        }
        requireFieldsOf(id, beat, queue, eventSource, detector, matchers, tokenSha256);
        severity = severity != null ? severity : Severity.ERROR;
        Map<String, String> all = new LinkedHashMap<>(Collections2.map(labels));
        all.put(LABEL, id);
        labels = Map.copyOf(all);
    }

    private static void requireFieldsOf(
            String id,
            BeatKind beat,
            String queue,
            String eventSource,
            String detector,
            List<Matcher> matchers,
            String tokenSha256) {
        String missing =
                switch (beat) {
                    case QUEUE -> blank(queue) ? "'queue' (the SQS queue's name or URL)" : null;
                    case EVENT -> blank(eventSource) ? "'eventSource' (the EventBridge source)" : null;
                    case SCORE -> blank(detector) ? "'detector'" : null;
                    case ALERT -> matchers.isEmpty() ? "'matchers' (which alerts count as beats)" : null;
                    case PING ->
                        tokenSha256 == null
                                ? "'tokenSha256' (a token's SHA-256; make one with: alertbridge heartbeat token " + id
                                        + ")"
                                : null;
                };
        if (missing != null) {
            throw new IllegalArgumentException("heartbeat " + id + ": a '" + beat.json() + "' beat needs " + missing);
        }
        if (beat != BeatKind.ALERT && !matchers.isEmpty()) {
            throw new IllegalArgumentException(
                    "heartbeat " + id + ": 'matchers' only apply to an 'alert' beat, not '" + beat.json() + "'");
        }
        if (tokenSha256 != null && !SHA256_HEX.matcher(tokenSha256).matches()) {
            throw new IllegalArgumentException(
                    "heartbeat " + id + ": 'tokenSha256' must be 64 lower-case hex digits (a SHA-256)");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** How long it may stay silent before it fires: {@code interval + grace}, or {@code misses × interval}. */
    public Duration allowedSilence() {
        return misses != null ? interval.multipliedBy(misses) : interval.plus(grace);
    }

    /** The fingerprint of the alerts it raises. */
    public String fingerprint() {
        return SOURCE + ":" + id;
    }

    /** What counts as a beat of a heartbeat. */
    public enum BeatKind {
        QUEUE,
        EVENT,
        SCORE,
        ALERT,
        PING;

        /** The name used in rules ({@code queue}, {@code event}, ...). */
        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static BeatKind fromJson(String text) {
            for (BeatKind kind : values()) {
                if (kind.json().equals(text)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown beat kind '" + text + "' (one of " + names() + ")");
        }

        static String names() {
            return "queue, event, score, alert, ping";
        }
    }
}
