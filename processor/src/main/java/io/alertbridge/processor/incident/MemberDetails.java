package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.Link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an incident member from its latest alert event, keeping the few details the Slack message shows, bounded.
 *
 * <p>Members live inside the incident's value (in RocksDB and on the compacted incidents topic), and an incident
 * holds up to {@link IncidentDraft#MAX_MEMBERS} of them, so what a member copies is chosen, not dumped:
 *
 * <ul>
 *   <li>the annotations named in {@link #KEPT_ANNOTATIONS} and no others (an alarm's description, often its runbook;
 *       an anomaly's detector, peak score, peak value and series): so at most that many;
 *   <li>the description cut to {@link #MAX_DESCRIPTION_CHARS}, every other value to {@link #MAX_ANNOTATION_CHARS},
 *       each ending with an ellipsis when cut;
 *   <li>at most {@link #MAX_LINKS} links, only absolute http(s) URLs ({@link Link#isWebUrl}) of at most
 *       {@link #MAX_URL_CHARS} (a longer one is dropped, since a cut URL leads nowhere), titles cut to
 *       {@link #MAX_LINK_TITLE_CHARS}.
 *   <li>the event's alarm metric as it is: {@link io.alertbridge.schemas.model.AlarmMetric} bounds itself.
 *       {@link #MAX_LINK_TITLE_CHARS};
 *   <li>an anomaly's recent scores as the event carries them (already bounded by {@code detect.seriesPoints}).
 * </ul>
 *
 * <p>Text is kept as the source wrote it, within those bounds: escaping is the renderer's job, for the medium it
 * renders to. {@link IncidentDraft#build()} further keeps details only for the {@link #MAX_DETAILED_MEMBERS} worst
 * members, and scores only for the {@link #MAX_MEMBERS_WITH_SCORES} worst members that have them. Pure and
 * thread-safe.
 */
public final class MemberDetails {

    /** Characters of an alert's description a member keeps (the ellipsis included). */
    public static final int MAX_DESCRIPTION_CHARS = 1_000;

    /** Characters of any other annotation value a member keeps (the ellipsis included). */
    public static final int MAX_ANNOTATION_CHARS = 200;

    /** Links a member keeps. */
    public static final int MAX_LINKS = 3;

    /** Characters of a link's title a member keeps. */
    public static final int MAX_LINK_TITLE_CHARS = 100;

    /** The longest URL a member keeps; longer ones are dropped. */
    public static final int MAX_URL_CHARS = 1_000;

    /**
     * Members of one incident that keep their details: the most one Slack message lists
     * ({@code MessageTemplate.MAX_MEMBERS}); the others keep their status only.
     */
    public static final int MAX_DETAILED_MEMBERS = 40;

    /**
     * Members of one incident that keep their scores: the worst that have them. The message graphs the worst two;
     * twice that leaves a graph to draw when one of them resolves and another member's scores were kept. At the hard
     * cap of points this is about 160 KB of the incident's value.
     */
    public static final int MAX_MEMBERS_WITH_SCORES = 4;

    /** The annotations a member keeps, in the order it keeps them. */
    public static final List<String> KEPT_ANNOTATIONS =
            List.of("description", "detector", "peakScore", "peakValue", "series");

    private static final String ELLIPSIS = "\u2026";

    private MemberDetails() {}

    /** The member an event makes: its identity and status, and its bounded details. */
    public static IncidentMember member(AlertEvent event) {
        return new IncidentMember(
                event.fingerprint(),
                event.source(),
                event.title(),
                event.status(),
                event.severity(),
                event.eventId(),
                event.occurredAt(),
                event.isSuppressed(),
                annotations(event.annotations()),
                links(event.links()),
                event.metric(),
                event.scores());
    }

    /** The kept annotations, bounded. */
    static Map<String, String> annotations(Map<String, String> all) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String key : KEPT_ANNOTATIONS) {
            String value = all.get(key);
            if (value != null && !value.isBlank()) {
                int max = key.equals("description") ? MAX_DESCRIPTION_CHARS : MAX_ANNOTATION_CHARS;
                kept.put(key, cut(value.strip(), max));
            }
        }
        return kept;
    }

    /** The kept links: web URLs only, bounded in number and length. */
    static List<Link> links(List<Link> all) {
        List<Link> kept = new ArrayList<>(MAX_LINKS);
        for (Link link : all) {
            if (kept.size() == MAX_LINKS) {
                break;
            }
            String url = link.url().strip();
            if (url.length() <= MAX_URL_CHARS && Link.isWebUrl(url)) {
                kept.add(new Link(cut(link.title().strip(), MAX_LINK_TITLE_CHARS), url));
            }
        }
        return kept;
    }

    /** The text cut to at most {@code max} characters, ending with an ellipsis when cut, never inside a pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
