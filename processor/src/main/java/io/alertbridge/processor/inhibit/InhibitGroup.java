package io.alertbridge.processor.inhibit;

import io.alertbridge.schemas.model.AlertEvent;

import java.util.Map;

/**
 * What one inhibition group holds (one rule and one set of {@code equal} label values, or one composite alarm's actions
 * suppressor): value of the {@code inhibit-groups} store.
 *
 * @param sources the sources that fire now: fingerprint to title
 * @param held the targets inhibited now: fingerprint to its latest event as it arrived (not marked), what the group
 *     releases when its sources resolve
 */
public record InhibitGroup(Map<String, String> sources, Map<String, AlertEvent> held) {

    /** A group with no source and nothing held. */
    public static final InhibitGroup EMPTY = new InhibitGroup(Map.of(), Map.of());

    public InhibitGroup {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
        held = held == null ? Map.of() : Map.copyOf(held);
    }

    /** True when it holds nothing worth storing. */
    public boolean isEmpty() {
        return sources.isEmpty() && held.isEmpty();
    }
}
