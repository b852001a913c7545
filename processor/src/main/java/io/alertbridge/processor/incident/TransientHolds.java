package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Holds;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.TimelineEntry;
import io.alertbridge.schemas.model.TimelineEntry.Kind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link TransientHold} decision shows on an incident: a {@link Kind#HELD} timeline entry when an incident
 * opens held (or reopens after every firing so far cleared while held, so a flapping alarm stays unposted), and a
 * {@link Kind#HELD_CLEARED} entry when it resolves before its hold ends. The throttle reads these entries to hold the
 * first post ({@link ThrottlePolicy}), and {@code /alerts list --held} reads them from the incidents view. The entries
 * ride on the change that caused them (same version). Pure and thread-safe.
 */
public final class TransientHolds {

    private TransientHolds() {}

    /**
     * The lifecycle's step with the hold recorded.
     *
     * @param step what the lifecycle decided for an alert
     * @param decision the hold decision for the alert's fingerprint (asked only when it matters)
     * @param now the lifecycle's instant
     */
    public static IncidentGroup.Step mark(IncidentGroup.Step step, TransientHold.Decision decision, Instant now) {
        if (step.changes().isEmpty()) {
            return step;
        }
        List<IncidentChange> changes = new ArrayList<>();
        Incident last = null;
        for (IncidentChange change : step.changes()) {
            IncidentChange marked = mark(change, decision, now);
            changes.add(marked);
            last = marked.incident();
        }
        if (step.record() == null
                || step.record().incident() == null
                || last == step.record().incident()) {
            return new IncidentGroup.Step(step.record(), changes, step.reason());
        }
        IncidentRecord record = step.record();
        if (!record.incident().incidentId().equals(last.incidentId())) {
            return new IncidentGroup.Step(record, changes, step.reason());
        }
        IncidentRecord withHold = record.withIncident(last, record.openSince(), record.lastActivity());
        return new IncidentGroup.Step(withHold, changes, step.reason());
    }

    private static IncidentChange mark(IncidentChange change, TransientHold.Decision decision, Instant now) {
        Incident incident = change.incident();
        Optional<TimelineEntry> latest = Holds.latestEntry(incident);
        boolean opened = change.cause() == IncidentChange.Cause.OPENED;
        boolean reopenedUnposted =
                latest.map(e -> e.kind() == Kind.HELD_CLEARED).orElse(false)
                        && change.added().stream().anyMatch(e -> e.kind() == Kind.REOPENED);
        // A silenced opening is not held: it is not going to be posted anyway.
        if ((opened || reopenedUnposted)
                && decision.hold()
                && change.notifies()
                && incident.state() != IncidentState.RESOLVED) {
            Instant until = now.plus(decision.holdFor());
            return with(
                    change, new TimelineEntry(now, Kind.HELD, capitalised(decision.reason()), null, until.toString()));
        }
        if (incident.state() == IncidentState.RESOLVED
                && latest.filter(e -> e.kind() == Kind.HELD)
                        .flatMap(Holds::until)
                        .filter(until -> !now.isAfter(until))
                        .isPresent()) {
            return with(
                    change,
                    new TimelineEntry(now, Kind.HELD_CLEARED, "Cleared by itself while held: not posted", null));
        }
        return change;
    }

    private static IncidentChange with(IncidentChange change, TimelineEntry entry) {
        List<TimelineEntry> timeline = new ArrayList<>(change.incident().timeline());
        timeline.add(entry);
        List<TimelineEntry> added = new ArrayList<>(change.added());
        added.add(entry);
        Incident incident = change.incident().toBuilder().timeline(timeline).build();
        return new IncidentChange(
                incident,
                change.cause(),
                added,
                change.notifies(),
                change.urgent(),
                change.escalationLevel(),
                change.mention(),
                change.reason());
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
