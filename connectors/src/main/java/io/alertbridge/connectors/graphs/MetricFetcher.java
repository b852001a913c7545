package io.alertbridge.connectors.graphs;

import io.alertbridge.connectors.graphs.FetchResult.Outcome;
import io.alertbridge.schemas.text.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs a {@link MetricQueryPlan.Queries} against CloudWatch's {@code GetMetricData} (following {@code NextToken}
 * pages) and returns the alarm's series, never an exception.
 *
 * <ul>
 *   <li><b>Cost</b>: every call, page by page, takes a token of a calls-per-minute {@link CallBudget}; when the budget
 *       is spent the fetch is skipped ({@link Outcome#SKIPPED}), not queued. At most {@link Settings#maxPages()}
 *       pages per fetch.
 *   <li><b>Cache</b>: per alarm and window ({@link MetricQueryPlan.Queries#cacheKey()}), bounded in entries and age;
 *       only answers are cached (data or no data), never faults, so a later state change tries again.
 *   <li><b>Faults</b>: access denied, throttling and timeouts are classified ({@link FetchErrors}), counted in
 *       {@code alertbridge.graphs.fetches} by outcome, and logged as one warning per alarm and kind of fault until
 *       that alarm fetches again.
 * </ul>
 *
 * <p>Thread-safe: the budget, cache and warning memory are synchronized; calls run in the caller's thread.
 */
public final class MetricFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(MetricFetcher.class);

    /**
     * How the fetcher bounds its cost.
     *
     * @param callsPerMinute {@code GetMetricData} calls allowed per minute (CloudWatch bills per metric requested)
     * @param cacheEntries windows kept in the cache
     * @param cacheTtl how long a cached window is served
     * @param timeout the limit on one fetch's calls, retries included
     * @param maxPages pages followed per fetch
     */
    public record Settings(int callsPerMinute, int cacheEntries, Duration cacheTtl, Duration timeout, int maxPages) {
        public Settings {
            Objects.requireNonNull(cacheTtl, "cacheTtl");
            Objects.requireNonNull(timeout, "timeout");
            if (callsPerMinute < 1 || cacheEntries < 0 || maxPages < 1 || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("graph fetch settings out of range: " + callsPerMinute
                        + " calls/min, " + cacheEntries + " cache entries, " + maxPages + " pages, timeout "
                        + timeout);
            }
        }

        /** 60 calls a minute, 256 cached windows for 5 minutes, 10 s per fetch, 5 pages. */
        public static Settings defaults() {
            return new Settings(60, 256, Duration.ofMinutes(5), Duration.ofSeconds(10), 5);
        }
    }

    private final Function<String, CloudWatchClient> clients;
    private final Settings settings;
    private final Clock clock;
    private final CallBudget budget;
    private final Map<String, Cached> cache;
    private final Map<String, Outcome> warned;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    /**
     * @param clients the CloudWatch client for a region (null: the connection's default region); the fetcher does not
     *     close them
     * @param settings budget, cache and timeout
     * @param clock for the budget and cache ages
     * @param registry where the outcome counters go
     */
    public MetricFetcher(
            Function<String, CloudWatchClient> clients, Settings settings, Clock clock, MeterRegistry registry) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.budget = new CallBudget(settings.callsPerMinute(), clock);
        this.cache = lru(settings.cacheEntries());
        this.warned = lru(1_000);
        for (Outcome outcome : Outcome.values()) {
            counters.put(
                    outcome,
                    Counter.builder("alertbridge.graphs.fetches")
                            .description("Graph data fetches from CloudWatch, by outcome")
                            .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                            .register(registry));
        }
    }

    /** Fetches what the plan asks for; a plan of another kind gives {@link Outcome#NOTHING_TO_FETCH}. */
    public FetchResult fetch(MetricQueryPlan.Plan plan) {
        if (!(plan instanceof MetricQueryPlan.Queries queries)) {
            return count(FetchResult.without(Outcome.NOTHING_TO_FETCH, 0, plan.reason()));
        }
        FetchResult cached = cached(queries.cacheKey());
        if (cached != null) {
            return count(cached);
        }
        FetchResult result = call(queries);
        if (result.outcome() == Outcome.FETCHED || result.outcome() == Outcome.NO_DATA) {
            remember(queries.cacheKey(), result);
        }
        warnOnce(queries, result);
        return count(result);
    }

    private FetchResult call(MetricQueryPlan.Queries plan) {
        Map<Instant, Double> series = new TreeMap<>();
        Map<Instant, double[]> band = new TreeMap<>();
        String token = null;
        int calls = 0;
        try {
            CloudWatchClient client = clients.apply(plan.region());
            do {
                if (calls == settings.maxPages()) {
                    break;
                }
                if (!budget.tryAcquire()) {
                    return FetchResult.without(
                            Outcome.SKIPPED,
                            calls,
                            "GetMetricData budget of " + settings.callsPerMinute() + " calls/min spent");
                }
                calls++;
                GetMetricDataResponse page = client.getMetricData(request(plan, token));
                for (MetricDataResult result : page.metricDataResults()) {
                    collect(plan, result, series, band);
                }
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (RuntimeException e) {
            Outcome outcome = FetchErrors.classify(e);
            return FetchResult.without(outcome, calls, outcome.name() + ": " + oneLine(e));
        }
        if (series.isEmpty()) {
            return FetchResult.without(
                    Outcome.NO_DATA, calls, "no datapoints between " + plan.start() + " and " + plan.end());
        }
        List<TimePoint> lower = new ArrayList<>();
        List<TimePoint> upper = new ArrayList<>();
        band.forEach((at, bounds) -> {
            if (Double.isFinite(bounds[0]) && Double.isFinite(bounds[1])) {
                lower.add(new TimePoint(at, bounds[0]));
                upper.add(new TimePoint(at, bounds[1]));
            }
        });
        List<TimePoint> points = new ArrayList<>(series.size());
        series.forEach((at, value) -> points.add(new TimePoint(at, value)));
        return new FetchResult(
                Outcome.FETCHED, points, lower, upper, calls, points.size() + " datapoints in " + calls + " call(s)");
    }

    private GetMetricDataRequest request(MetricQueryPlan.Queries plan, String token) {
        return GetMetricDataRequest.builder()
                .metricDataQueries(plan.queries())
                .startTime(plan.start())
                .endTime(plan.end())
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .nextToken(token)
                .overrideConfiguration(o -> o.apiCallTimeout(settings.timeout()))
                .build();
    }

    /**
     * The series' values; the band's two results (CloudWatch returns the band as a lower and an upper series under
     * the same id) folded into the lowest and highest value per time.
     */
    private static void collect(
            MetricQueryPlan.Queries plan,
            MetricDataResult result,
            Map<Instant, Double> series,
            Map<Instant, double[]> band) {
        List<Instant> times = result.timestamps();
        List<Double> values = result.values();
        int n = Math.min(times.size(), values.size());
        for (int i = 0; i < n; i++) {
            Double value = values.get(i);
            if (value == null || !Double.isFinite(value)) {
                continue;
            }
            if (plan.seriesId().equals(result.id())) {
                series.put(times.get(i), value);
            } else if (plan.bandId() != null && plan.bandId().equals(result.id())) {
                double[] bounds = band.computeIfAbsent(
                        times.get(i), t -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
                bounds[0] = Math.min(bounds[0], value);
                bounds[1] = Math.max(bounds[1], value);
            }
        }
    }

    private void warnOnce(MetricQueryPlan.Queries plan, FetchResult result) {
        String alarm = plan.cacheKey().substring(0, plan.cacheKey().indexOf('|'));
        synchronized (warned) {
            if (!result.outcome().isFault()) {
                warned.remove(alarm);
                return;
            }
            if (warned.put(alarm, result.outcome()) == result.outcome()) {
                LOG.debug("Graph data for alarm {} still unavailable: {}", LogText.safe(alarm), result.reason());
                return;
            }
        }
        LOG.warn(
                "No graph for alarm {}: GetMetricData {} ({}); the message goes out without it, a later state"
                        + " change tries again",
                LogText.safe(alarm),
                result.outcome(),
                LogText.safe(result.reason()));
    }

    private FetchResult cached(String key) {
        synchronized (cache) {
            Cached hit = cache.get(key);
            if (hit == null) {
                return null;
            }
            if (clock.instant().isAfter(hit.until())) {
                cache.remove(key);
                return null;
            }
            return hit.result().fromCache();
        }
    }

    private void remember(String key, FetchResult result) {
        if (settings.cacheEntries() == 0) {
            return;
        }
        synchronized (cache) {
            cache.put(key, new Cached(result, clock.instant().plus(settings.cacheTtl())));
        }
    }

    private FetchResult count(FetchResult result) {
        counters.get(result.outcome()).increment();
        return result;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace('\n', ' ');
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    private record Cached(FetchResult result, Instant until) {}
}
