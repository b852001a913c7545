package io.alertbridge.schemas.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where alerts go and how they group: the first route (lowest {@code order}) whose matchers all match wins; the
 * route with no matchers is the default.
 *
 * @param id rule id
 * @param order evaluation order, lowest first
 * @param matchers what this route applies to
 * @param channel Slack channel (name such as {@code #alerts} or id)
 * @param groupBy labels whose values together form the incident's group key; empty groups by fingerprint
 * @param groupWindow how long after the last activity a resolved incident stays open to new members
 * @param groupWait how long to wait before the first post, so correlated alerts arrive in one message
 * @param updateInterval at most one message edit per incident per this interval (the latest state wins)
 * @param escalation when and how an unacknowledged incident escalates, or null for never
 * @param storm when a channel is flooded, or null for the defaults
 * @param incidentChannel whether each incident gets its own Slack channel, or null for no
 * @param mentions Slack mentions added to the first post (e.g. {@code <!subteam^S123>}); never on resolve
 * @param receivers where its incidents go: {@code slack}, {@code pagerduty:<name>}, {@code webhook:<name>},
 *     {@code email:<name>} (the names are defined in the configuration's {@code receivers:}); null or empty means
 *     {@code [slack]}, so rules written before receivers existed behave as they did
 * @param links link buttons (runbook, dashboard, console) on its incidents' Slack messages, from URL templates; empty
 *     for none (see {@link LinkButton})
 * @param hold whether and how the first post of an alert that usually clears by itself is held, or null for never
 */
public record RouteRule(
        String id,
        int order,
        List<Matcher> matchers,
        String channel,
        List<String> groupBy,
        Duration groupWindow,
        Duration groupWait,
        Duration updateInterval,
        Escalation escalation,
        StormLimit storm,
        IncidentChannelOption incidentChannel,
        List<String> mentions,
        List<String> receivers,
        List<LinkButton> links,
        Hold hold)
        implements Rule {

    /** Slack allows 25 elements in an actions block; Acknowledge, Resolve and Snooze take three. */
    public static final int MAX_LINKS = 22;

    /** The receiver every route has unless it lists its own: the Slack sink. */
    public static final String SLACK = "slack";

    /** The receivers of a route that lists none. */
    public static final List<String> DEFAULT_RECEIVERS = List.of(SLACK);

    public RouteRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        matchers = Collections2.list(matchers);
        groupBy = Collections2.list(groupBy);
        mentions = Collections2.list(mentions);
        links = Collections2.list(links);
        receivers = receivers == null || receivers.isEmpty() ? DEFAULT_RECEIVERS : List.copyOf(receivers);
        groupWindow = groupWindow != null ? groupWindow : Duration.ofMinutes(30);
        groupWait = groupWait != null ? groupWait : Duration.ofSeconds(30);
        updateInterval = updateInterval != null ? updateInterval : Duration.ofSeconds(5);
    }

    /** True when this route's incidents go to {@code receiver} ({@code slack}, {@code webhook:tickets}, ...). */
    public boolean sendsTo(String receiver) {
        return receivers.contains(receiver);
    }

    /** The same route with other receivers (null or empty: Slack only). */
    public RouteRule withReceivers(List<String> newReceivers) {
        return new RouteRule(
                id,
                order,
                matchers,
                channel,
                groupBy,
                groupWindow,
                groupWait,
                updateInterval,
                escalation,
                storm,
                incidentChannel,
                mentions,
                newReceivers,
                links,
                hold);
    }

    /**
     * The transient-alert hold: an alert whose own history shows it usually clears by itself (at least {@code share}
     * of its last {@code lastFirings} firings resolved within {@code clearedWithin}, with at least {@code minFirings}
     * firings known) has its incident's first post held for up to {@code maxHold}. Held and cleared: recorded, never
     * posted; held and still firing: posted when the hold ends.
     *
     * @param clearedWithin a firing that resolved within this long counts as one that cleared by itself (default 4m)
     * @param share the share of the known firings that must have cleared, in (0, 1] (default 0.8)
     * @param lastFirings how many of the latest firings per fingerprint are kept and looked at (default 20, max 100)
     * @param minFirings fewer known firings than this: no hold (default 5)
     * @param maxHold how long the first post is held (default {@code clearedWithin})
     */
    public record Hold(
            Duration clearedWithin, Double share, Integer lastFirings, Integer minFirings, Duration maxHold) {

        /** The most firings kept per fingerprint. */
        public static final int MAX_LAST_FIRINGS = 100;

        public Hold {
            clearedWithin = clearedWithin != null ? clearedWithin : Duration.ofMinutes(4);
            share = share != null ? share : 0.8;
            lastFirings = lastFirings != null ? lastFirings : 20;
            minFirings = minFirings != null ? minFirings : Math.min(5, lastFirings);
            maxHold = maxHold != null ? maxHold : clearedWithin;
            check(clearedWithin, share, lastFirings, minFirings, maxHold);
        }

        private static boolean notPositive(Duration duration) {
            return duration.isNegative() || duration.isZero();
        }

        private static void check(
                Duration clearedWithin, double share, int lastFirings, int minFirings, Duration maxHold) {
            if (notPositive(clearedWithin) || notPositive(maxHold)) {
                throw new IllegalArgumentException("hold: clearedWithin and maxHold must be positive");
            }
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("hold: share must be in (0, 1]");
            }
            if (lastFirings < 1 || lastFirings > MAX_LAST_FIRINGS || minFirings < 1 || minFirings > lastFirings) {
                throw new IllegalArgumentException("hold: need 1 <= minFirings <= lastFirings <= " + MAX_LAST_FIRINGS);
            }
        }
    }

    /**
     * Escalation of an incident nobody acknowledged.
     *
     * @param remindAfter after this long unacknowledged, a reminder in the thread
     * @param mentionAfter after this long unacknowledged, a reply that mentions {@code mention}
     * @param mention who to mention (a user {@code <@U123>}, a group {@code <!subteam^S123>}, or {@code <!here>})
     */
    public record Escalation(Duration remindAfter, Duration mentionAfter, String mention) {}

    /**
     * Storm protection per channel.
     *
     * @param maxNewIncidentsPerMinute above this many new incidents in a minute, new ones roll into a digest
     */
    public record StormLimit(int maxNewIncidentsPerMinute) {
        public StormLimit {
            if (maxNewIncidentsPerMinute < 1) {
                throw new IllegalArgumentException("maxNewIncidentsPerMinute must be at least 1");
            }
        }
    }

    /**
     * A private Slack channel per incident.
     *
     * @param enabled whether to create one
     * @param namePrefix prefix of the channel name, e.g. {@code inc-}
     * @param responders e-mail addresses of the people to invite
     * @param archiveAfter how long after resolve the channel is archived
     */
    public record IncidentChannelOption(
            boolean enabled, String namePrefix, List<String> responders, Duration archiveAfter) {
        public IncidentChannelOption {
            responders = Collections2.list(responders);
            namePrefix = namePrefix != null ? namePrefix : "inc-";
            archiveAfter = archiveAfter != null ? archiveAfter : Duration.ofHours(24);
        }
    }
}
