package io.alertbridge.connectors.reports;

import io.alertbridge.schemas.model.IncidentTransition;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The incident history in memory, ordered by time, so a report reads only the slice it covers (never the topic).
 *
 * <p>Bounded two ways: transitions older than {@link Bounds#maxAge()} before the newest one are dropped, and beyond
 * {@link Bounds#maxTransitions()} the oldest go first. At about 100 bytes a transition (its strings shared, see below),
 * the default two million take about 200 MB of heap; 100,000 incidents of six transitions each take about 60 MB.
 * Repeated strings (incident ids, group keys, routes, channels, alarms and their titles) are shared through a small
 * intern table, itself bounded ({@link #INTERN_LIMIT}; past it, strings are simply not shared any more until it is
 * cleared).
 *
 * <p>Also keeps the routes, services and channels it has seen (each at most {@link #KNOWN_LIMIT}), so that a report
 * for an unknown one is refused with the ones that exist.
 *
 * <p>Threading: one writer ({@link #apply}), any number of readers; a reader iterating a slice sees every transition
 * applied before it started and possibly some applied meanwhile.
 */
public final class HistoryIndex {

    /** Distinct strings shared at most; the table is cleared beyond it. */
    static final int INTERN_LIMIT = 500_000;

    /** Routes, services and channels remembered at most, each. */
    static final int KNOWN_LIMIT = 10_000;

    private static final int SEQUENCE_BITS = 20;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final Bounds bounds;
    private final ConcurrentSkipListMap<Long, IncidentTransition> byTime = new ConcurrentSkipListMap<>();
    private final Map<String, String> interned = new HashMap<>();
    private final Set<String> routes = ConcurrentHashMap.newKeySet();
    private final Set<String> services = ConcurrentHashMap.newKeySet();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Instant newest = Instant.EPOCH;

    /**
     * How much history the index keeps.
     *
     * @param maxAge how far back from the newest transition
     * @param maxTransitions how many transitions at most
     */
    public record Bounds(Duration maxAge, int maxTransitions) {
        /** 62 days (a month and its previous month) and two million transitions. */
        public static final Bounds DEFAULT = new Bounds(Duration.ofDays(62), 2_000_000);

        public Bounds {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxTransitions < 1) {
                throw new IllegalArgumentException("maxTransitions must be at least 1");
            }
        }
    }

    public HistoryIndex() {
        this(Bounds.DEFAULT);
    }

    public HistoryIndex(Bounds bounds) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    /** Adds one transition, then drops what falls outside the bounds. */
    public void apply(IncidentTransition t) {
        IncidentTransition shared = new IncidentTransition(
                intern(t.incidentId()),
                intern(t.groupKey()),
                intern(t.routeId()),
                intern(t.channel()),
                t.severity(),
                intern(t.service()),
                t.kind(),
                t.at(),
                t.openedAt(),
                intern(t.actor()),
                intern(t.fingerprint()),
                intern(t.title()));
        byTime.put(key(t.at()), shared);
        remember(routes, ReportFilter.By.ROUTE, shared);
        remember(services, ReportFilter.By.SERVICE, shared);
        remember(channels, ReportFilter.By.CHANNEL, shared);
        if (t.at().isAfter(newest)) {
            newest = t.at();
        }
        trim();
    }

    private long key(Instant at) {
        return (at.toEpochMilli() << SEQUENCE_BITS) | (sequence.getAndIncrement() & SEQUENCE_MASK);
    }

    private static long firstKey(Instant at) {
        return at.toEpochMilli() << SEQUENCE_BITS;
    }

    private void trim() {
        while (byTime.size() > bounds.maxTransitions()) {
            byTime.pollFirstEntry();
        }
        long oldest = firstKey(newest.minus(bounds.maxAge()));
        while (!byTime.isEmpty() && byTime.firstKey() < oldest) {
            byTime.pollFirstEntry();
        }
    }

    private String intern(String s) {
        if (s == null) {
            return null;
        }
        if (interned.size() >= INTERN_LIMIT) {
            interned.clear();
        }
        return interned.computeIfAbsent(s, k -> k);
    }

    private static void remember(Set<String> known, ReportFilter.By by, IncidentTransition t) {
        String value = ReportFilter.valueOf(by, t);
        if (value != null && known.size() < KNOWN_LIMIT) {
            known.add(value);
        }
    }

    /** The transitions at or after {@code from}, oldest first (a live view: do not hold on to it). */
    public Iterable<IncidentTransition> since(Instant from) {
        return Collections.unmodifiableCollection(
                byTime.tailMap(firstKey(from), true).values());
    }

    /** When the oldest transition held happened: reports cannot look further back. */
    public Optional<Instant> earliest() {
        var first = byTime.firstEntry();
        return first == null ? Optional.empty() : Optional.of(first.getValue().at());
    }

    /** How many transitions it holds. */
    public int size() {
        return byTime.size();
    }

    /** Forgets everything (before the view reads the topic again from its beginning). */
    public void clear() {
        byTime.clear();
        interned.clear();
        newest = Instant.EPOCH;
    }

    /** True when the filter names a route, service or channel the history holds (always true for ALL). */
    public boolean knows(ReportFilter filter) {
        return switch (filter.by()) {
            case ALL -> true;
            case ROUTE -> routes.contains(filter.value());
            case SERVICE -> services.contains(filter.value());
            case CHANNEL -> channels.contains(filter.value());
        };
    }

    /** The known values of a filter kind, sorted, at most {@code limit}. */
    public Set<String> known(ReportFilter.By by, int limit) {
        Set<String> source =
                switch (by) {
                    case ROUTE -> routes;
                    case SERVICE -> services;
                    case CHANNEL -> channels;
                    case ALL -> Set.of();
                };
        TreeSet<String> sorted = new TreeSet<>(source);
        while (sorted.size() > limit) {
            sorted.pollLast();
        }
        return sorted;
    }
}
