package io.alertbridge.schemas.model;

import io.alertbridge.schemas.model.TimelineEntry.Kind;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the transient-alert hold off an incident's timeline: the processor records a {@link Kind#HELD} entry (its
 * {@code subject} the hold's end) when it holds an incident's first post, and a {@link Kind#HELD_CLEARED} entry when
 * the incident cleared by itself while held. Used by the processor's throttle and by {@code /alerts list --held}.
 * Stateless and thread-safe.
 */
public final class Holds {

    private Holds() {}

    /** The incident's latest {@link Kind#HELD} or {@link Kind#HELD_CLEARED} entry. */
    public static Optional<TimelineEntry> latestEntry(Incident incident) {
        List<TimelineEntry> timeline = incident.timeline();
        for (int i = timeline.size() - 1; i >= 0; i--) {
            Kind kind = timeline.get(i).kind();
            if (kind == Kind.HELD || kind == Kind.HELD_CLEARED) {
                return Optional.of(timeline.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * When the incident's hold ends, if its latest hold entry is {@link Kind#HELD} (not cleared since). Whether that
     * is still ahead is the caller's question.
     */
    public static Optional<Instant> heldUntil(Incident incident) {
        return latestEntry(incident).filter(e -> e.kind() == Kind.HELD).flatMap(Holds::until);
    }

    /** Whether the incident is held at {@code now}: held, not resolved, and its hold not yet over. */
    public static boolean isHeldAt(Incident incident, Instant now) {
        return incident.state() != IncidentState.RESOLVED
                && heldUntil(incident).filter(now::isBefore).isPresent();
    }

    /** Whether the incident's latest hold entry says it cleared by itself while held (and so was never posted). */
    public static boolean clearedWhileHeld(Incident incident) {
        return latestEntry(incident).filter(e -> e.kind() == Kind.HELD_CLEARED).isPresent();
    }

    /** The end of a {@link Kind#HELD} entry's hold, read from its subject. */
    public static Optional<Instant> until(TimelineEntry entry) {
        if (entry.kind() != Kind.HELD || entry.subject() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(entry.subject()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
