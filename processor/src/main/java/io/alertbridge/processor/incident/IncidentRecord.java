package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.Incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the lifecycle keeps per incident group (value of its store, keyed by group key): the current incident and the
 * bookkeeping around it that is nobody else's business.
 *
 * @param incident the group's current incident, or null once it was closed (resolved and quiet for the window)
 * @param lastVersion the version of the group's latest incident, so a new incident continues above it and
 *     consumers of the compacted incidents topic never take it for a stale copy
 * @param lastIncidentId the id of the group's latest incident
 * @param openSince wall-clock start of the incident's current unacknowledged stretch (the escalation clock)
 * @param lastActivity wall-clock instant of the incident's last change
 * @param recentActionIds ids of the latest actions applied, newest last, so a redelivered action applies once
 * @param silences members whose latest event was silenced, by fingerprint, with the end of their silence: a member
 *     still firing then becomes audible (its source will not say ALARM again, and a repeat would be deduplicated)
 * @param timerAt when the lifecycle's wall-clock timer should look at the group again, or null
 */
public record IncidentRecord(
        Incident incident,
        long lastVersion,
        String lastIncidentId,
        Instant openSince,
        Instant lastActivity,
        List<String> recentActionIds,
        Map<String, Instant> silences,
        Instant timerAt) {

    /** Action ids remembered per group; actions are rare, redeliveries come soon after the original. */
    public static final int MAX_ACTION_IDS = 100;

    public IncidentRecord {
        recentActionIds = recentActionIds == null ? List.of() : List.copyOf(recentActionIds);
        silences = silences == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(silences));
    }

    /** True when an action of this id was already applied. */
    public boolean hasApplied(String actionId) {
        return recentActionIds.contains(actionId);
    }

    /** The earliest end of a silence of a member, or null. */
    Instant nextSilenceEnd() {
        return silences.values().stream().min(Instant::compareTo).orElse(null);
    }

    IncidentRecord withIncident(Incident next, Instant openSince, Instant lastActivity) {
        return new IncidentRecord(
                next, next.version(), next.incidentId(), openSince, lastActivity, recentActionIds, silences, timerAt);
    }

    IncidentRecord withAction(String actionId) {
        List<String> ids = new ArrayList<>(recentActionIds);
        ids.add(actionId);
        if (ids.size() > MAX_ACTION_IDS) {
            ids = ids.subList(ids.size() - MAX_ACTION_IDS, ids.size());
        }
        return new IncidentRecord(
                incident, lastVersion, lastIncidentId, openSince, lastActivity, ids, silences, timerAt);
    }

    IncidentRecord withSilences(Map<String, Instant> next) {
        return new IncidentRecord(
                incident, lastVersion, lastIncidentId, openSince, lastActivity, recentActionIds, next, timerAt);
    }

    IncidentRecord withTimer(Instant at) {
        return new IncidentRecord(
                incident, lastVersion, lastIncidentId, openSince, lastActivity, recentActionIds, silences, at);
    }

    IncidentRecord closed() {
        return new IncidentRecord(null, lastVersion, lastIncidentId, null, lastActivity, List.of(), Map.of(), null);
    }
}
