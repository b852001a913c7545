package io.alertbridge.processor.rules;

import io.alertbridge.schemas.model.HeartbeatRule;
import io.alertbridge.schemas.model.InhibitRule;
import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.ThresholdRule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, consistent set of rules and the questions the processor asks of it.
 *
 * <ul>
 *   <li>{@link #routeFor}: the first route, by {@code order} then id, whose matchers all match; else the default
 *       route (a route without matchers), which always exists.
 *   <li>{@link #silenceFor}: an active silence whose matchers all match, if any.
 *   <li>{@link #thresholdFor}: the first threshold rule, by {@code order} then id, whose matchers all match; else
 *       the built-in default.
 * </ul>
 *
 * <p>A rule book is rebuilt (copy on write) when a rule changes; readers never see a half-applied change.
 * Thread-safe.
 */
public final class RuleBook {

    /** Id of the built-in default route, used when no route without matchers is configured. */
    public static final String DEFAULT_ROUTE_ID = "default";

    /** Id of the built-in threshold rule, used when none matches. */
    public static final String DEFAULT_THRESHOLD_ID = "default-threshold";

    /**
     * What {@link #thresholdFor} answers when no threshold rule matches. Only its id is meaningful: the detect
     * stage replaces it with the configured defaults ({@code detect:} in the configuration, see
     * {@code DetectSlice.resolve}); the values here are a valid placeholder, not the product's defaults.
     */
    public static final ThresholdRule DEFAULT_THRESHOLD =
            new ThresholdRule(DEFAULT_THRESHOLD_ID, Integer.MAX_VALUE, List.of(), 0.5, 0.3, 2, 5, 6, null);

    private static final Comparator<RouteRule> ROUTE_ORDER =
            Comparator.comparingInt(RouteRule::order).thenComparing(RouteRule::id);
    private static final Comparator<ThresholdRule> THRESHOLD_ORDER =
            Comparator.comparingInt(ThresholdRule::order).thenComparing(ThresholdRule::id);

    private final Map<String, Rule> byId;
    private final List<RouteRule> routes;
    private final RouteRule defaultRoute;
    private final List<SilenceRule> silences;
    private final List<ThresholdRule> thresholds;
    private final List<HeartbeatRule> heartbeats;
    private final List<InhibitRule> inhibitions;

    private RuleBook(Map<String, Rule> byId, String defaultChannel) {
        this.byId = Map.copyOf(byId);
        List<RouteRule> allRoutes = new ArrayList<>();
        List<SilenceRule> allSilences = new ArrayList<>();
        List<ThresholdRule> allThresholds = new ArrayList<>();
        List<HeartbeatRule> allHeartbeats = new ArrayList<>();
        List<InhibitRule> allInhibitions = new ArrayList<>();
        for (Rule rule : byId.values()) {
            if (rule instanceof RouteRule route) {
                allRoutes.add(route);
            } else if (rule instanceof SilenceRule silence) {
                allSilences.add(silence);
            } else if (rule instanceof ThresholdRule threshold) {
                allThresholds.add(threshold);
            } else if (rule instanceof HeartbeatRule heartbeat) {
                allHeartbeats.add(heartbeat);
            } else if (rule instanceof InhibitRule inhibit) {
                allInhibitions.add(inhibit);
            }
        }
        allRoutes.sort(ROUTE_ORDER);
        allThresholds.sort(THRESHOLD_ORDER);
        this.routes = List.copyOf(allRoutes);
        this.defaultRoute = allRoutes.stream()
                .filter(r -> r.matchers().isEmpty())
                .findFirst()
                .orElseGet(() -> builtInDefaultRoute(defaultChannel));
        this.silences = List.copyOf(allSilences);
        this.thresholds = List.copyOf(allThresholds);
        allHeartbeats.sort(Comparator.comparing(HeartbeatRule::id));
        this.heartbeats = List.copyOf(allHeartbeats);
        allInhibitions.sort(Comparator.comparing(InhibitRule::id));
        this.inhibitions = List.copyOf(allInhibitions);
    }

    /**
     * A rule book of the given rules.
     *
     * @param rules the rules; ids must be unique
     * @param defaultChannel the channel of the built-in default route, used when no rule is a default route
     * @throws IllegalArgumentException naming the id when two rules share one
     */
    public static RuleBook of(Collection<? extends Rule> rules, String defaultChannel) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (byId.putIfAbsent(rule.id(), rule) != null) {
                throw new IllegalArgumentException("two rules have the id '" + rule.id() + "'");
            }
        }
        return new RuleBook(byId, defaultChannel);
    }

    /** An empty rule book: everything goes to the default route on {@code defaultChannel}. */
    public static RuleBook empty(String defaultChannel) {
        return of(List.of(), defaultChannel);
    }

    /** A new rule book with the rule added or replaced. */
    public RuleBook with(Rule rule) {
        Map<String, Rule> copy = new LinkedHashMap<>(byId);
        copy.put(rule.id(), rule);
        return new RuleBook(copy, defaultRoute.channel());
    }

    /** A new rule book without the rule of that id (a tombstone on the rules topic). */
    public RuleBook without(String ruleId) {
        Map<String, Rule> copy = new LinkedHashMap<>(byId);
        copy.remove(ruleId);
        return new RuleBook(copy, defaultRoute.channel());
    }

    /** The route for an alert's attributes (see {@link Attributes#of}); never null. */
    public RouteRule routeFor(Map<String, String> attributes) {
        for (RouteRule route : routes) {
            if (!route.matchers().isEmpty() && matchesAll(route.matchers(), attributes)) {
                return route;
            }
        }
        return defaultRoute;
    }

    /** The route of that id, if it exists (the built-in default included). */
    public Optional<RouteRule> route(String routeId) {
        if (defaultRoute.id().equals(routeId)) {
            return Optional.of(defaultRoute);
        }
        return routes.stream().filter(r -> r.id().equals(routeId)).findFirst();
    }

    /** An active silence that matches the attributes at the instant, if any (the earliest-ending one). */
    public Optional<SilenceRule> silenceFor(Map<String, String> attributes, Instant at) {
        return silences.stream()
                .filter(s -> s.isActiveAt(at) && matchesAll(s.matchers(), attributes))
                .min(Comparator.comparing(SilenceRule::endsAt));
    }

    /** The thresholds for a series' attributes (see {@link Attributes#of}); never null. */
    public ThresholdRule thresholdFor(Map<String, String> seriesAttributes) {
        for (ThresholdRule threshold : thresholds) {
            if (matchesAll(threshold.matchers(), seriesAttributes)) {
                return threshold;
            }
        }
        return DEFAULT_THRESHOLD;
    }

    /** Every heartbeat rule, by id. */
    public List<HeartbeatRule> heartbeats() {
        return heartbeats;
    }

    /** The heartbeat of that name, if one is defined. */
    public Optional<HeartbeatRule> heartbeat(String name) {
        return byId.get(name) instanceof HeartbeatRule heartbeat ? Optional.of(heartbeat) : Optional.empty();
    }

    /** The inhibition rules, by id. */
    public List<InhibitRule> inhibitions() {
        return inhibitions;
    }

    /** True when every matcher accepts the attributes (see {@link Attributes#of}); no matchers accept everything. */
    public static boolean matchesAll(List<Matcher> matchers, Map<String, String> attributes) {
        for (Matcher matcher : matchers) {
            if (!matcher.matches(attributes)) {
                return false;
            }
        }
        return true;
    }

    /** Every rule, by id. */
    public Map<String, Rule> rules() {
        return byId;
    }

    /** The default route (configured, or built in). */
    public RouteRule defaultRoute() {
        return defaultRoute;
    }

    private static RouteRule builtInDefaultRoute(String channel) {
        return new RouteRule(
                DEFAULT_ROUTE_ID,
                Integer.MAX_VALUE,
                List.of(),
                channel,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null);
    }
}
