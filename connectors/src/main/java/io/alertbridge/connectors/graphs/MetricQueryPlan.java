package io.alertbridge.connectors.graphs;

import io.alertbridge.schemas.model.AlarmMetric;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to ask CloudWatch's {@code GetMetricData} for to draw an alarm's graph: a pure decision from the alarm's
 * {@link AlarmMetric} and a time window, with the reason when there is nothing to ask.
 *
 * <ul>
 *   <li>a single metric: one query {@code m1} of the metric with the alarm's statistic (or extended statistic),
 *       period and unit, drawn against the static threshold;
 *   <li>metric math: the alarm's queries as the alarm defines them; the series drawn is the one the alarm returns
 *       ({@code ReturnData}), the others are fetched only as its inputs;
 *   <li>anomaly detection: the same, the threshold query ({@code ThresholdMetricId}, an
 *       {@code ANOMALY_DETECTION_BAND} expression) returned too and drawn as the band;
 *   <li>a composite alarm: no query, its children's states instead.
 * </ul>
 *
 * <p>The window runs from {@link Window#before()} before the state change up to now, at most {@link Window#maxSpan()}
 * long, its start aligned down and its end up to the alarm's period (the current, partial period included), so
 * that the same alarm asked twice within a period makes the same plan (and hits the fetcher's cache). Thread-safe and stateless.
 */
public final class MetricQueryPlan {

    /** Period used when the alarm does not say one (CloudWatch's common default). */
    static final int DEFAULT_PERIOD_SECONDS = 60;

    /** The id of the single metric's query. */
    static final String SINGLE_ID = "m1";

    private MetricQueryPlan() {}

    /**
     * The window a graph shows.
     *
     * @param before how far before the state change the graph starts (default 3 hours)
     * @param maxSpan the longest window, so an old state change does not fetch days of data (default 24 hours)
     */
    public record Window(Duration before, Duration maxSpan) {
        public Window {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(maxSpan, "maxSpan");
            if (before.isNegative() || before.isZero() || maxSpan.compareTo(before) < 0) {
                throw new IllegalArgumentException(
                        "graph window: before must be positive and maxSpan at least before, was " + before + " and "
                                + maxSpan);
            }
        }

        /** 3 hours before the state change up to now, at most 24 hours. */
        public static Window defaults() {
            return new Window(Duration.ofHours(3), Duration.ofHours(24));
        }
    }

    /** What the plan decided. */
    public sealed interface Plan permits Queries, Children, Nothing {
        /** Why: what is fetched, or why nothing is. */
        String reason();
    }

    /**
     * Fetch these queries.
     *
     * @param cacheKey identifies the alarm and the window: equal keys fetch equal data
     * @param region the alarm's region, where its metrics live; null when the message did not say
     * @param start the window's start, inclusive
     * @param end the window's end, exclusive
     * @param queries what to send to {@code GetMetricData}
     * @param seriesId the query whose result is the alarm's series
     * @param bandId the anomaly band's query, or null
     * @param threshold the static threshold, or null (anomaly alarms, or not in the message)
     * @param comparisonOperator the alarm's operator, or null
     * @param periodSeconds the alarm's period
     * @param reason what is fetched, for logs
     */
    public record Queries(
            String cacheKey,
            String region,
            Instant start,
            Instant end,
            List<MetricDataQuery> queries,
            String seriesId,
            String bandId,
            Double threshold,
            String comparisonOperator,
            int periodSeconds,
            String reason)
            implements Plan {
        public Queries {
            queries = List.copyOf(queries);
        }
    }

    /**
     * A composite alarm: nothing to fetch, its children's states to show.
     *
     * @param alarmRule the rule
     * @param children the children the message named, with their states
     * @param reason why
     */
    public record Children(String alarmRule, List<AlarmMetric.ChildAlarm> children, String reason) implements Plan {
        public Children {
            children = List.copyOf(children);
        }
    }

    /**
     * Nothing to fetch or show.
     *
     * @param reason why
     */
    public record Nothing(String reason) implements Plan {}

    /**
     * The plan for an alarm's graph.
     *
     * @param metric the alarm's metric, or null
     * @param stateChangeAt when the alarm changed state (the graph's anchor)
     * @param now the current time; the window never ends after it
     * @param window how much to show
     */
    public static Plan plan(AlarmMetric metric, Instant stateChangeAt, Instant now, Window window) {
        if (metric == null) {
            return new Nothing("no alarm metric");
        }
        return switch (metric.kind()) {
            case COMPOSITE ->
                new Children(
                        metric.alarmRule(),
                        metric.children(),
                        "composite alarm: " + metric.children().size() + " child state(s), no metric of its own");
            case UNKNOWN -> new Nothing("the alarm message names no metric");
            case SINGLE_METRIC -> single(metric, stateChangeAt, now, window);
            case METRIC_MATH, ANOMALY_DETECTION -> math(metric, stateChangeAt, now, window);
        };
    }

    private static Plan single(AlarmMetric metric, Instant stateChangeAt, Instant now, Window window) {
        String stat = metric.extendedStatistic() != null ? metric.extendedStatistic() : metric.statistic();
        if (stat == null) {
            return new Nothing("the alarm names no statistic for " + metric.metricName());
        }
        int period = period(metric.period());
        MetricStat.Builder metricStat = MetricStat.builder()
                .metric(metric(metric.namespace(), metric.metricName(), metric.dimensions()))
                .period(period)
                .stat(stat);
        if (metric.unit() != null && StandardUnit.fromValue(metric.unit()) != StandardUnit.UNKNOWN_TO_SDK_VERSION) {
            metricStat.unit(metric.unit());
        }
        MetricDataQuery query = MetricDataQuery.builder()
                .id(SINGLE_ID)
                .metricStat(metricStat.build())
                .returnData(true)
                .build();
        return queries(
                metric,
                stateChangeAt,
                now,
                window,
                new Draft(
                        period,
                        List.of(query),
                        SINGLE_ID,
                        null,
                        "single metric " + metric.namespace() + " " + metric.metricName() + " " + stat));
    }

    private static Plan math(AlarmMetric metric, Instant stateChangeAt, Instant now, Window window) {
        String bandId = metric.kind() == AlarmMetric.Kind.ANOMALY_DETECTION ? bandId(metric) : null;
        int period = period(metric.period() != null ? metric.period() : firstStatPeriod(metric));
        String seriesId = metric.metrics().stream()
                .filter(q -> q.id() != null && !q.id().equals(bandId) && !Boolean.FALSE.equals(q.returnData()))
                .map(AlarmMetric.MetricQuery::id)
                .findFirst()
                .orElse(null);
        if (seriesId == null) {
            return new Nothing("no metric-math query returns data");
        }
        List<MetricDataQuery> queries = new ArrayList<>();
        for (AlarmMetric.MetricQuery q : metric.metrics()) {
            String invalid = invalid(q);
            if (invalid != null) {
                return new Nothing("metric-math query " + q.id() + " " + invalid);
            }
            queries.add(query(q, q.id().equals(seriesId) || q.id().equals(bandId), period));
        }
        String what = bandId != null ? "anomaly detection, band " + bandId : "metric math";
        return queries(
                metric,
                stateChangeAt,
                now,
                window,
                new Draft(
                        period,
                        queries,
                        seriesId,
                        bandId,
                        what + ", series " + seriesId + " of " + queries.size() + " queries"));
    }

    /** Why a query cannot be sent, or null. */
    private static String invalid(AlarmMetric.MetricQuery q) {
        if (q.id() == null || (q.expression() == null && q.metricStat() == null)) {
            return "has neither an expression nor a metric";
        }
        AlarmMetric.MetricStat s = q.metricStat();
        if (q.expression() == null && (s.stat() == null || s.namespace() == null || s.metricName() == null)) {
            return "names no namespace, metric or statistic";
        }
        return null;
    }

    private static MetricDataQuery query(AlarmMetric.MetricQuery q, boolean returnData, int period) {
        MetricDataQuery.Builder query = MetricDataQuery.builder().id(q.id()).returnData(returnData);
        if (q.label() != null) {
            query.label(q.label());
        }
        if (q.expression() != null) {
            return query.expression(q.expression()).build();
        }
        AlarmMetric.MetricStat s = q.metricStat();
        return query.metricStat(MetricStat.builder()
                        .metric(metric(s.namespace(), s.metricName(), s.dimensions()))
                        .period(period(s.period() != null ? s.period() : period))
                        .stat(s.stat())
                        .build())
                .build();
    }

    /** The queries of a plan before its window is known. */
    private record Draft(int period, List<MetricDataQuery> queries, String seriesId, String bandId, String what) {}

    private static Plan queries(AlarmMetric metric, Instant stateChangeAt, Instant now, Window window, Draft draft) {
        int period = draft.period();
        Instant end = alignUp(now, period);
        Instant start = alignDown(stateChangeAt.minus(window.before()), period);
        if (Duration.between(start, end).compareTo(window.maxSpan()) > 0) {
            start = alignDown(end.minus(window.maxSpan()), period);
        }
        if (!start.isBefore(end)) {
            return new Nothing("empty window: the state change at " + stateChangeAt + " is not before " + now);
        }
        String identity = metric.alarmArn() != null
                ? metric.alarmArn()
                : metric.account() + ":" + metric.region() + ":" + metric.alarmName();
        String cacheKey = identity + "|" + metric.region() + "|" + start + "|" + end + "|"
                + draft.queries().hashCode();
        Double threshold = draft.bandId() == null ? metric.threshold() : null;
        return new Queries(
                cacheKey,
                metric.region(),
                start,
                end,
                draft.queries(),
                draft.seriesId(),
                draft.bandId(),
                threshold,
                metric.comparisonOperator(),
                period,
                draft.what() + ", " + start + " to " + end);
    }

    private static String bandId(AlarmMetric metric) {
        if (metric.thresholdMetricId() != null) {
            return metric.thresholdMetricId();
        }
        return metric.metrics().stream()
                .filter(AlarmMetric.MetricQuery::isAnomalyBand)
                .map(AlarmMetric.MetricQuery::id)
                .findFirst()
                .orElse(null);
    }

    private static Integer firstStatPeriod(AlarmMetric metric) {
        return metric.metrics().stream()
                .map(AlarmMetric.MetricQuery::metricStat)
                .filter(s -> s != null && s.period() != null)
                .map(AlarmMetric.MetricStat::period)
                .findFirst()
                .orElse(null);
    }

    private static Metric metric(String namespace, String name, Map<String, String> dimensions) {
        List<Dimension> dims = new ArrayList<>(dimensions.size());
        dimensions.forEach(
                (k, v) -> dims.add(Dimension.builder().name(k).value(v).build()));
        return Metric.builder()
                .namespace(namespace)
                .metricName(name)
                .dimensions(dims)
                .build();
    }

    /** CloudWatch periods are 1, 5, 10, 30 or a multiple of 60 seconds; anything else falls back to a minute. */
    static int period(Integer seconds) {
        if (seconds == null || seconds <= 0) {
            return DEFAULT_PERIOD_SECONDS;
        }
        if (seconds < 60) {
            return switch (seconds) {
                case 1, 5, 10, 30 -> seconds;
                default -> DEFAULT_PERIOD_SECONDS;
            };
        }
        return seconds % 60 == 0 ? seconds : DEFAULT_PERIOD_SECONDS;
    }

    private static Instant alignUp(Instant t, int periodSeconds) {
        Instant down = alignDown(t, periodSeconds);
        return down.equals(t) ? t : down.plusSeconds(periodSeconds);
    }

    private static Instant alignDown(Instant t, int periodSeconds) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, (long) periodSeconds));
    }
}
