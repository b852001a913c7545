package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.SilenceScope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The in-memory index behind {@code /alerts}: the latest {@link Incident} per group key (as the compacted
 * {@code alertbridge.incidents} holds it), by incident id, and the incidents that are not resolved, newest first.
 *
 * <p>Lookups by id are O(1); {@link #open} walks only the unresolved incidents, in order, and stops collecting at
 * the limit, so {@code /alerts list} never scans the topic nor sorts per request.
 *
 * <p>Threading: one writer (the view's consumer thread) calls {@link #apply}; any number of request threads read
 * concurrently. A reader sees each incident either before or after an update, never half of one.
 */
final class IncidentIndex {

    /** Newest first (by first seen), then by id so that two incidents of the same instant both stay. */
    /** At most this many alerts in a {@link #sample}, so judging a silence stays cheap. */
    static final int MAX_SAMPLE = 5_000;

    private static final Comparator<OpenKey> NEWEST_FIRST =
            Comparator.comparing(OpenKey::firstSeen).reversed().thenComparing(OpenKey::incidentId);

    private final Map<String, Incident> byGroupKey = new ConcurrentHashMap<>();
    private final Map<String, Incident> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<OpenKey, Incident> open = new ConcurrentSkipListMap<>(NEWEST_FIRST);

    /**
     * Applies one record of the incidents topic.
     *
     * @param groupKey the record's key
     * @param incident its value, or null for a tombstone
     * @return false when the record was an older copy than the one held (and was ignored)
     */
    boolean apply(String groupKey, Incident incident) {
        Incident previous = byGroupKey.get(groupKey);
        if (incident == null) {
            if (previous != null) {
                forget(previous);
                byGroupKey.remove(groupKey);
            }
            return true;
        }
        if (previous != null
                && previous.incidentId().equals(incident.incidentId())
                && previous.version() > incident.version()) {
            return false;
        }
        if (previous != null) {
            forget(previous);
        }
        byGroupKey.put(groupKey, incident);
        byId.put(normaliseId(incident.incidentId()), incident);
        if (incident.state() != IncidentState.RESOLVED) {
            open.put(OpenKey.of(incident), incident);
        }
        return true;
    }

    private void forget(Incident incident) {
        byId.remove(normaliseId(incident.incidentId()), incident);
        open.remove(OpenKey.of(incident));
        // A concurrent replacement under another id leaves nothing behind: byId.remove only removes this copy.
    }

    /** The incident with this id ({@code INC-7F3A}; any case, the {@code INC-} prefix optional). */
    Optional<Incident> byId(String incidentId) {
        if (incidentId == null || incidentId.isBlank()) {
            return Optional.empty();
        }
        String id = normaliseId(incidentId);
        Incident found = byId.get(id);
        if (found == null && !id.startsWith("INC-")) {
            found = byId.get("INC-" + id);
        }
        return Optional.ofNullable(found);
    }

    /**
     * The incident whose own channel this is, by the channel's name: incident channels are named by a route's prefix
     * followed by the incident id without {@code INC-} ({@code inc-7f3a}), so the name ends with the id. Empty when
     * no known incident's id ends the name.
     */
    Optional<Incident> byIncidentChannel(String channelName) {
        if (channelName == null || channelName.isBlank()) {
            return Optional.empty();
        }
        String name = channelName.strip().replaceFirst("^#", "").toLowerCase(java.util.Locale.ROOT);
        return byId.values().stream()
                .filter(i -> namesChannel(i.incidentId(), name))
                .max(java.util.Comparator.comparing(
                        Incident::firstSeen, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
    }

    static boolean namesChannel(String incidentId, String channelName) {
        String suffix = incidentId.replaceFirst("^(?i)inc-", "").toLowerCase(java.util.Locale.ROOT);
        if (suffix.isEmpty() || !channelName.endsWith(suffix)) {
            return false;
        }
        int at = channelName.length() - suffix.length();
        return at == 0 || channelName.charAt(at - 1) == '-' || channelName.charAt(at - 1) == '_';
    }

    /** The latest incident of a group key. */
    Optional<Incident> byGroupKey(String groupKey) {
        return groupKey == null ? Optional.empty() : Optional.ofNullable(byGroupKey.get(groupKey));
    }

    /**
     * Unresolved incidents that pass the filter, newest first.
     *
     * @param filter which to keep
     * @param limit how many to return at most
     * @return the first {@code limit} matches and how many matched in all
     */
    Page open(Predicate<Incident> filter, int limit) {
        List<Incident> items = new ArrayList<>(Math.min(limit, 64));
        int total = 0;
        for (Incident incident : open.values()) {
            if (filter.test(incident)) {
                total++;
                if (items.size() < limit) {
                    items.add(incident);
                }
            }
        }
        return new Page(List.copyOf(items), total);
    }

    /**
     * The alerts known here that a silence could be judged against ({@link SilenceScope}): the members of every
     * open incident and of every incident resolved within {@code span} before {@code now}, at most
     * {@link #MAX_SAMPLE}. The view keeps no alert history of its own, so what is known of an alert is its
     * incident's group labels and its own {@code source}, {@code severity} and {@code fingerprint}, with
     * {@code status} FIRING (only firing alerts are ever silenced); its other labels are unknown.
     */
    List<SilenceScope.SampleAlert> sample(Instant now, Duration span) {
        Instant since = now.minus(span);
        List<SilenceScope.SampleAlert> out = new ArrayList<>();
        for (Incident incident : byGroupKey.values()) {
            boolean open = incident.state() != IncidentState.RESOLVED;
            boolean recent = open
                    || (incident.resolvedAt() != null && !incident.resolvedAt().isBefore(since));
            if (!recent) {
                continue;
            }
            for (IncidentMember member : incident.members()) {
                if (out.size() >= MAX_SAMPLE) {
                    return out;
                }
                out.add(new SilenceScope.SampleAlert(incident.incidentId(), open, attributes(incident, member)));
            }
        }
        return out;
    }

    private static Map<String, String> attributes(Incident incident, IncidentMember member) {
        Map<String, String> attributes = new HashMap<>(incident.groupLabels());
        if (member.source() != null) {
            attributes.put("source", member.source());
        }
        attributes.put("severity", (member.severity() != null ? member.severity() : incident.severity()).name());
        attributes.put("status", AlertStatus.FIRING.name());
        attributes.put("fingerprint", member.fingerprint());
        return attributes;
    }

    /**
     * The incidents that are open, or resolved at or after {@code since}, that pass the filter; in no particular
     * order. Walks every incident the index holds (one per group key): for questions that cannot be keyed, such as
     * which incidents an alarm was a member of.
     */
    List<Incident> openOrResolvedSince(Instant since, Predicate<Incident> filter) {
        List<Incident> out = new ArrayList<>();
        for (Incident incident : byGroupKey.values()) {
            boolean current = incident.state() != IncidentState.RESOLVED
                    || (incident.resolvedAt() != null && !incident.resolvedAt().isBefore(since));
            if (current && filter.test(incident)) {
                out.add(incident);
            }
        }
        return out;
    }

    /** How many incidents the index holds (one per group key). */
    int size() {
        return byGroupKey.size();
    }

    /** How many of them are not resolved. */
    int openCount() {
        return open.size();
    }

    static String normaliseId(String incidentId) {
        return incidentId.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * A page of {@link #open}.
     *
     * @param items the incidents shown
     * @param total how many matched in all
     */
    record Page(List<Incident> items, int total) {}

    private record OpenKey(Instant firstSeen, String incidentId) {
        static OpenKey of(Incident incident) {
            return new OpenKey(incident.firstSeen(), incident.incidentId());
        }
    }
}
