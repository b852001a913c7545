package io.alertbridge.connectors.graphs;

import io.alertbridge.schemas.model.AlarmMetric;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Builds the {@link ChartModel} of a graph from its source: a CloudWatch alarm's fetched series, or an anomaly
 * detector's scores. Decides which points breach and when the alarm was in ALARM; pure and thread-safe.
 *
 * <p>The ALARM time is re-derived from the data, as CloudWatch evaluates it: a period is in ALARM when at least
 * {@code DatapointsToAlarm} of the last {@code EvaluationPeriods} datapoints breach (1 of 1 when the message did not
 * say). Missing data is not treated as breaching, so an alarm with {@code treatMissingData=breaching} may have been
 * in ALARM longer than the shading shows. For anomaly scores the firing time follows the thresholds' hysteresis: on
 * from a score at or above the fire threshold, off at the first score below the clear threshold (the processor's
 * k-of-n count is not repeated here).
 */
public final class ChartModels {

    private ChartModels() {}

    /**
     * One scored point of an anomaly series.
     *
     * @param at when
     * @param score the score in [0, 1]
     * @param value the observed value, or null
     */
    public record ScorePoint(Instant at, double score, Double value) {}

    /** The graph of a CloudWatch alarm from what the fetcher got for its plan; null when there is no datapoint. */
    public static ChartModel forAlarm(AlarmMetric metric, MetricQueryPlan.Queries plan, FetchResult data, ZoneId zone) {
        if (data.series().isEmpty()) {
            return null;
        }
        String operator = plan.comparisonOperator() == null ? "" : plan.comparisonOperator();
        List<ChartModel.Threshold> thresholds = new ArrayList<>();
        if (plan.threshold() != null) {
            thresholds.add(new ChartModel.Threshold(
                    plan.threshold(),
                    "threshold " + symbol(operator) + " " + number(plan.threshold()),
                    ChartModel.Threshold.Kind.FIRE));
        }
        Predicate<TimePoint> breaching = breaching(operator, plan.threshold(), data);
        List<TimePoint> breaches = data.series().stream().filter(breaching).toList();
        int n = metric.evaluationPeriods() == null || metric.evaluationPeriods() < 1 ? 1 : metric.evaluationPeriods();
        int m = metric.datapointsToAlarm() == null || metric.datapointsToAlarm() < 1
                ? n
                : Math.min(metric.datapointsToAlarm(), n);
        List<ChartModel.Interval> intervals =
                mOfN(data.series(), breaching, m, n, Duration.ofSeconds(plan.periodSeconds()), plan.end());
        return new ChartModel(
                metric.alarmName() == null ? "CloudWatch alarm" : metric.alarmName(),
                subtitle(metric, plan),
                seriesName(metric, plan),
                data.series(),
                null,
                List.of(),
                data.bandLower(),
                data.bandUpper(),
                thresholds,
                breaches,
                intervals,
                plan.start(),
                plan.end(),
                zone);
    }

    /**
     * The graph of an anomaly series: the score on the left axis with the fire and clear thresholds, the observed
     * value on the right; null when there is no point in the window.
     */
    public static ChartModel forAnomaly(
            String title,
            String valueName,
            List<ScorePoint> points,
            double fire,
            double clear,
            Instant start,
            Instant end,
            ZoneId zone) {
        List<ScorePoint> inWindow = points.stream()
                .filter(p -> !p.at().isBefore(start) && !p.at().isAfter(end) && Double.isFinite(p.score()))
                .sorted(java.util.Comparator.comparing(ScorePoint::at))
                .toList();
        if (inWindow.isEmpty()) {
            return null;
        }
        List<TimePoint> scores = new ArrayList<>();
        List<TimePoint> values = new ArrayList<>();
        List<TimePoint> breaches = new ArrayList<>();
        List<ChartModel.Interval> intervals = new ArrayList<>();
        Instant firingSince = null;
        for (ScorePoint p : inWindow) {
            TimePoint score = new TimePoint(p.at(), p.score());
            scores.add(score);
            if (p.value() != null && Double.isFinite(p.value())) {
                values.add(new TimePoint(p.at(), p.value()));
            }
            if (p.score() >= fire) {
                breaches.add(score);
                if (firingSince == null) {
                    firingSince = p.at();
                }
            } else if (p.score() < clear && firingSince != null) {
                intervals.add(new ChartModel.Interval(firingSince, p.at()));
                firingSince = null;
            }
        }
        if (firingSince != null) {
            intervals.add(new ChartModel.Interval(firingSince, end));
        }
        return new ChartModel(
                title,
                "anomaly score · fire at " + number(fire) + ", clear below " + number(clear),
                "anomaly score",
                scores,
                values.isEmpty() ? null : (valueName == null ? "observed value" : valueName),
                values,
                List.of(),
                List.of(),
                List.of(
                        new ChartModel.Threshold(fire, "fire " + number(fire), ChartModel.Threshold.Kind.FIRE),
                        new ChartModel.Threshold(clear, "clear " + number(clear), ChartModel.Threshold.Kind.CLEAR)),
                breaches,
                intervals,
                start,
                end,
                zone);
    }

    /** Whether a point breaches: against the static threshold, or outside the anomaly band at its time. */
    static Predicate<TimePoint> breaching(String operator, Double threshold, FetchResult data) {
        if (operator.contains("Lower") || operator.contains("Upper")) {
            Map<Instant, double[]> band = new HashMap<>();
            for (int i = 0;
                    i < Math.min(data.bandLower().size(), data.bandUpper().size());
                    i++) {
                band.put(data.bandLower().get(i).at(), new double[] {
                    data.bandLower().get(i).value(), data.bandUpper().get(i).value()
                });
            }
            boolean below = operator.startsWith("LessThanLower");
            boolean above = operator.contains("GreaterThanUpper");
            return p -> {
                double[] b = band.get(p.at());
                return b != null && ((below && p.value() < b[0]) || (above && p.value() > b[1]));
            };
        }
        if (threshold == null) {
            return p -> false;
        }
        double t = threshold;
        return switch (operator) {
            case "GreaterThanThreshold" -> p -> p.value() > t;
            case "GreaterThanOrEqualToThreshold" -> p -> p.value() >= t;
            case "LessThanThreshold" -> p -> p.value() < t;
            case "LessThanOrEqualToThreshold" -> p -> p.value() <= t;
            default -> p -> false;
        };
    }

    /** Runs of periods in which at least m of the last n datapoints breach, each until the next datapoint. */
    static List<ChartModel.Interval> mOfN(
            List<TimePoint> series, Predicate<TimePoint> breaching, int m, int n, Duration period, Instant end) {
        List<ChartModel.Interval> intervals = new ArrayList<>();
        boolean[] breach = new boolean[series.size()];
        int inWindow = 0;
        Instant from = null;
        for (int i = 0; i < series.size(); i++) {
            breach[i] = breaching.test(series.get(i));
            inWindow += breach[i] ? 1 : 0;
            if (i >= n && breach[i - n]) {
                inWindow--;
            }
            boolean alarm = inWindow >= m;
            Instant at = series.get(i).at();
            if (alarm && from == null) {
                from = at;
            } else if (!alarm && from != null) {
                intervals.add(new ChartModel.Interval(from, at));
                from = null;
            }
        }
        if (from != null) {
            Instant last = series.get(series.size() - 1).at().plus(period);
            intervals.add(new ChartModel.Interval(from, last.isAfter(end) ? end : last));
        }
        return intervals;
    }

    private static String seriesName(AlarmMetric metric, MetricQueryPlan.Queries plan) {
        if (metric.metricName() != null) {
            String stat = metric.extendedStatistic() != null ? metric.extendedStatistic() : metric.statistic();
            return metric.metricName() + (stat == null ? "" : " (" + stat + ")");
        }
        return metric.metrics().stream()
                .filter(q -> plan.seriesId().equals(q.id()))
                .map(q -> q.label() != null
                        ? q.label()
                        : q.expression() != null
                                ? q.expression()
                                : q.metricStat().metricName() + " ("
                                        + q.metricStat().stat() + ")")
                .findFirst()
                .orElse(plan.seriesId());
    }

    private static String subtitle(AlarmMetric metric, MetricQueryPlan.Queries plan) {
        StringBuilder s = new StringBuilder();
        if (metric.namespace() != null) {
            s.append(metric.namespace());
            metric.dimensions()
                    .forEach((k, v) -> s.append(" · ").append(k).append('=').append(v));
        } else if (plan.bandId() != null) {
            s.append("anomaly detection band");
        } else {
            s.append("metric math");
        }
        s.append(" · ").append(periodText(plan.periodSeconds()));
        if (plan.threshold() != null && plan.comparisonOperator() != null) {
            s.append(" · ALARM when ")
                    .append(symbol(plan.comparisonOperator()))
                    .append(' ')
                    .append(number(plan.threshold()));
        } else if (plan.bandId() != null) {
            s.append(" · ALARM ").append(bandText(plan.comparisonOperator()));
        }
        return s.toString();
    }

    private static String bandText(String operator) {
        if (operator == null) {
            return "outside the band";
        }
        if (operator.startsWith("LessThanLowerOr")) {
            return "outside the band";
        }
        return operator.contains("Upper") ? "above the band" : "below the band";
    }

    private static String periodText(int seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    static String symbol(String operator) {
        return switch (operator) {
            case "GreaterThanThreshold" -> ">";
            case "GreaterThanOrEqualToThreshold" -> "≥";
            case "LessThanThreshold" -> "<";
            case "LessThanOrEqualToThreshold" -> "≤";
            default -> "vs";
        };
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return new BigDecimal(value)
                .round(new MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }
}
