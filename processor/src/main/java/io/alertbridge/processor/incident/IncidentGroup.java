package io.alertbridge.processor.incident;

import io.alertbridge.processor.incident.IncidentChange.Cause;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.UserAction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything that happens to one incident group, as pure functions from its {@link IncidentRecord} and an input to
 * the next record and the changes to publish: correlation ({@link Correlation}), the state machine
 * ({@link Lifecycle}), escalation ({@link Escalations}), expiry of incidents with nothing firing, and closing
 * resolved incidents once they stayed quiet for the route's window (after which the group's record shrinks to the
 * few fields a next incident needs). The lifecycle stage does store I/O around these. Thread-safe (stateless).
 */
public final class IncidentGroup {

    /** The shortest wait before a resolved incident is closed, whatever the route's window says. */
    static final Duration MIN_CLOSE_DELAY = Duration.ofMinutes(1);

    private IncidentGroup() {}

    /**
     * Applies an alert.
     *
     * @param record the group's record, or null for a group never seen
     * @param alert the routed alert
     * @param route the group's route (for its window and escalation)
     * @param newId where new incident ids come from (called only when an incident opens)
     * @param now the wall-clock instant
     */
    public static Step onAlert(
            IncidentRecord record, RoutedAlert alert, RouteRule route, Supplier<String> newId, Instant now) {
        Incident current = record == null ? null : record.incident();
        Correlation.Decision decision = Correlation.decide(current, alert, route.groupWindow());
        List<IncidentChange> changes = new ArrayList<>();
        IncidentRecord next;
        switch (decision.outcome()) {
            case IGNORE -> {
                return new Step(record, List.of(), decision.reason());
            }
            case NEW -> {
                if (current != null) {
                    changes.add(closing(current, "replaced: " + decision.reason()));
                }
                long version = record == null ? 1 : record.lastVersion() + 1;
                Transition opened = Lifecycle.open(newId.get(), version, alert);
                changes.add(IncidentChange.of(opened, Cause.OPENED));
                IncidentRecord base = record == null
                        ? new IncidentRecord(null, 0, null, now, now, null, null, null)
                        : record.closed();
                next = base.withIncident(opened.incident(), now, now);
            }
            case JOIN -> {
                Transition applied = Lifecycle.apply(current, alert);
                if (!applied.changed()) {
                    return new Step(record, List.of(), applied.reason());
                }
                changes.add(IncidentChange.of(applied, Cause.ALERT));
                Escalations.Clock clock = Escalations.clock(current, applied, record.openSince(), now);
                next = record.withIncident(applied.incident(), clock.openSince(), now);
            }
            default -> throw new IllegalStateException("unknown outcome " + decision.outcome());
        }
        return new Step(schedule(remember(next, alert), route, now), changes, decision.reason());
    }

    /** Remembers (or forgets) the end of the silence of the alert's member. */
    private static IncidentRecord remember(IncidentRecord record, RoutedAlert alert) {
        String fingerprint = alert.event().fingerprint();
        Map<String, Instant> silences = new HashMap<>(record.silences());
        if (alert.event().isSuppressed() && alert.silencedUntil() != null) {
            silences.put(fingerprint, alert.silencedUntil());
        } else {
            silences.remove(fingerprint);
        }
        return record.withSilences(silences);
    }

    /** Applies a person's action; redelivered actions (same id) and actions on no incident change nothing. */
    public static Step onAction(IncidentRecord record, UserAction action, RouteRule route, Instant now) {
        if (record == null || record.incident() == null) {
            return new Step(
                    record,
                    List.of(),
                    action.type() + " on group " + action.groupKey() + ", which has no open incident");
        }
        if (record.hasApplied(action.actionId())) {
            return new Step(record, List.of(), "action " + action.actionId() + " was already applied");
        }
        Transition applied = Lifecycle.apply(record.incident(), action);
        IncidentRecord remembered = record.withAction(action.actionId());
        if (!applied.changed()) {
            return new Step(remembered, List.of(), applied.reason());
        }
        Escalations.Clock clock = Escalations.clock(record.incident(), applied, record.openSince(), now);
        IncidentRecord next = remembered.withIncident(applied.incident(), clock.openSince(), now);
        return new Step(
                schedule(next, route, now), List.of(IncidentChange.of(applied, Cause.ACTION)), applied.reason());
    }

    /**
     * What the wall-clock timer finds due, in this order: a close (resolved and quiet), silences that ended on members
     * that still fire, a snooze that ended, an expiry (nothing firing, quiet), an escalation.
     */
    public static Step onTimer(IncidentRecord record, RouteRule route, Instant now) {
        if (record == null || record.incident() == null) {
            return new Step(record, List.of(), "nothing to look at");
        }
        Duration quiet = closeDelay(route);
        if (record.incident().state() == IncidentState.RESOLVED) {
            if (!now.isBefore(record.lastActivity().plus(quiet))) {
                return new Step(
                        record.closed(),
                        List.of(closing(record.incident(), "resolved and quiet for " + Durations.human(quiet))),
                        "closed");
            }
            return new Step(schedule(record, route, now), List.of(), "resolved; closes later");
        }
        List<IncidentChange> changes = new ArrayList<>();
        IncidentRecord current = endSilences(record, now, changes);
        current = endSnooze(current, now, changes);
        Incident incident = current.incident();
        if (incident.firingMemberCount() == 0
                && !now.isBefore(current.lastActivity().plus(quiet))) {
            Transition expired = Lifecycle.expire(incident, route.groupWindow(), now);
            changes.add(IncidentChange.of(expired, Cause.EXPIRED));
            current = current.withIncident(expired.incident(), current.openSince(), now);
            return new Step(schedule(current, route, now), changes, expired.reason());
        }
        Escalations.Decision escalation = Escalations.decide(incident, current.openSince(), route.escalation(), now);
        if (escalation.escalates()) {
            Transition escalated = Lifecycle.escalate(
                    incident,
                    escalation.level(),
                    Duration.between(current.openSince(), now),
                    escalation.mention(),
                    now);
            changes.add(new IncidentChange(
                    escalated.incident(),
                    Cause.ESCALATED,
                    escalated.added(),
                    // The escalation reply is the news; the message itself need not be edited for it.
                    false,
                    false,
                    escalation.level(),
                    escalation.mention(),
                    escalation.reason()));
            // Escalating is not activity: it must not postpone the expiry or close of a quiet incident.
            current = current.withIncident(escalated.incident(), current.openSince(), current.lastActivity());
        }
        return new Step(schedule(current, route, now), changes, escalation.reason());
    }

    private static IncidentRecord endSilences(IncidentRecord record, Instant now, List<IncidentChange> changes) {
        List<String> ended = record.silences().entrySet().stream()
                .filter(e -> !now.isBefore(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (ended.isEmpty()) {
            return record;
        }
        Map<String, Instant> remaining = new HashMap<>(record.silences());
        ended.forEach(remaining::remove);
        IncidentRecord next = record.withSilences(remaining);
        Transition unsilenced = Lifecycle.endSilence(next.incident(), ended, now);
        if (!unsilenced.changed()) {
            return next;
        }
        changes.add(IncidentChange.of(unsilenced, Cause.SILENCE_ENDED));
        // People hear of it only now: the escalation clock starts now, unless something was audible already.
        Instant openSince = Escalations.audible(next.incident()) ? next.openSince() : now;
        return next.withIncident(unsilenced.incident(), openSince, now);
    }

    private static IncidentRecord endSnooze(IncidentRecord record, Instant now, List<IncidentChange> changes) {
        Transition ended = Lifecycle.endSnooze(record.incident(), now);
        if (!ended.changed()) {
            return record;
        }
        changes.add(IncidentChange.of(ended, Cause.SNOOZE_ENDED));
        return record.withIncident(ended.incident(), record.openSince(), record.lastActivity());
    }

    /** When the timer should look at the group next, given its record and route; null for never. */
    public static Instant nextTimer(IncidentRecord record, RouteRule route, Instant now) {
        Incident incident = record.incident();
        if (incident == null) {
            return null;
        }
        Instant quietAt = record.lastActivity().plus(closeDelay(route));
        if (incident.state() == IncidentState.RESOLVED) {
            return quietAt;
        }
        Instant next = incident.firingMemberCount() == 0 ? quietAt : null;
        next = earliest(
                next,
                Escalations.decide(incident, record.openSince(), route.escalation(), now)
                        .nextCheck());
        next = earliest(next, record.nextSilenceEnd());
        return earliest(next, incident.snoozedUntil());
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static IncidentRecord schedule(IncidentRecord record, RouteRule route, Instant now) {
        return record.withTimer(nextTimer(record, route, now));
    }

    private static Duration closeDelay(RouteRule route) {
        Duration window = route.groupWindow();
        return window.compareTo(MIN_CLOSE_DELAY) < 0 ? MIN_CLOSE_DELAY : window;
    }

    private static IncidentChange closing(Incident incident, String reason) {
        return new IncidentChange(incident, Cause.CLOSED, List.of(), false, false, 0, null, reason);
    }

    /**
     * The outcome of one input.
     *
     * @param record the group's record afterwards (null when there is none)
     * @param changes what to publish, in order (empty when nothing changed)
     * @param reason why, for logs and tests
     */
    public record Step(IncidentRecord record, List<IncidentChange> changes, String reason) {
        public Step {
            changes = List.copyOf(changes);
        }
    }
}
