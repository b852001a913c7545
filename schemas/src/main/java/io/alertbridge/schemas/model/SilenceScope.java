package io.alertbridge.schemas.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a silence is scoped, judged by what it would match rather than by its operators. Two rules, both pure:
 *
 * <ol>
 *   <li><b>By construction</b> ({@link #judge(List)}): at least one matcher must <em>narrow</em>, that is, reject
 *       some value an alert can carry. A matcher on a label narrows when it rejects the empty value (an absent
 *       label, as in Prometheus; this is Alertmanager's own rule) and rejects at least one of {@link #PROBES}, a
 *       fixed set of ordinary label values. So {@code account!=nobody}, {@code account!~nobody},
 *       {@code env=} and {@code service=~.*} (accept the empty value) and {@code account=~.+} (accepts every
 *       probe) do not narrow, while {@code service=api} and {@code service=~api|web} do. On the fields with a
 *       closed set of values, a {@code severity} matcher narrows when it rejects one of the severities, and a
 *       {@code status} matcher only when it rejects {@code FIRING}, since only firing alerts are ever silenced.
 *   <li><b>Against a sample</b> ({@link #judge(List, List)}): the alerts the caller knows of (open incidents and the
 *       last day's alerts). A matcher decides an alert only when the alert's attributes name its label; otherwise
 *       the outcome is unknown and the alert does not count as matched. The silence is refused when it would match
 *       every alert of the sample and the sample is large enough to say so: at least {@link #ENOUGH_ALERTS}
 *       alerts from {@link #ENOUGH_INCIDENTS} incidents, or, for a silence without a positive equality matcher
 *       (only regexes and negations), at least {@link #NON_TRIVIAL_ALERTS} alerts from
 *       {@link #NON_TRIVIAL_INCIDENTS} incidents.
 * </ol>
 *
 * <p>The reason is a sentence for the person who asked, e.g. "would silence 14 of 14 open incidents and 230 of 230
 * alerts of the last day". Thread-safe (stateless).
 */
public final class SilenceScope {

    /** Ordinary label values; a matcher accepting all of them (and the empty value) accepts anything in practice. */
    static final List<String> PROBES = List.of(
            "x",
            "Z",
            "0",
            "any-value-9",
            "prod",
            "us-east-1",
            "123456789012",
            "arn:aws:sqs:eu-west-1:123456789012:queue",
            "a b",
            "\u00C4\u00F6-\u00FCn\u00EF",
            "/path/to",
            ".",
            "-",
            "x".repeat(300));

    /** Sample size from which a silence with a positive equality matcher that matches all of it is refused. */
    public static final int ENOUGH_ALERTS = 10;
    /** Incidents the sample must span for {@link #ENOUGH_ALERTS} to apply. */
    public static final int ENOUGH_INCIDENTS = 3;
    /** Sample size from which a silence without a positive equality matcher that matches all of it is refused. */
    public static final int NON_TRIVIAL_ALERTS = 3;
    /** Incidents the sample must span for {@link #NON_TRIVIAL_ALERTS} to apply. */
    public static final int NON_TRIVIAL_INCIDENTS = 2;

    private SilenceScope() {}

    /**
     * One alert the caller knows of.
     *
     * @param incidentId the incident it belongs to
     * @param incidentOpen whether that incident is unresolved
     * @param attributes what is known of it: labels (all or some) and the fields {@code source}, {@code severity},
     *     {@code status}, {@code fingerprint}; a label not named here is unknown, not absent
     */
    public record SampleAlert(String incidentId, boolean incidentOpen, Map<String, String> attributes) {
        public SampleAlert {
            Objects.requireNonNull(incidentId, "incidentId");
            attributes = Collections2.map(attributes);
        }
    }

    /**
     * The judgment.
     *
     * @param allowed whether the silence may be created
     * @param reason why, in words for the person: what it would match, or what makes it match everything
     */
    public record Verdict(boolean allowed, String reason) {}

    /** By construction only (no sample): refused when no matcher narrows. */
    public static Verdict judge(List<Matcher> matchers) {
        if (matchers.isEmpty()) {
            return new Verdict(false, "a silence without matchers would silence every alert");
        }
        if (matchers.stream().noneMatch(SilenceScope::narrows)) {
            return new Verdict(
                    false,
                    "`" + joined(matchers) + "` would silence every alert: "
                            + (matchers.size() == 1 ? "it matches" : "each of them matches")
                            + " any value (or no value) of its label; name at least one value the alerts must"
                            + " have, e.g. `service=api`");
        }
        return new Verdict(true, "names what it silences");
    }

    /**
     * By construction, then against the sample.
     *
     * @param matchers the silence's matchers
     * @param sample the alerts to judge against (may be empty)
     */
    public static Verdict judge(List<Matcher> matchers, List<SampleAlert> sample) {
        Verdict construction = judge(matchers);
        if (!construction.allowed()) {
            return construction;
        }
        Count count = count(matchers, sample);
        String scope = count.describe();
        boolean positive = matchers.stream().anyMatch(SilenceScope::isPositiveEquality);
        int minAlerts = positive ? ENOUGH_ALERTS : NON_TRIVIAL_ALERTS;
        int minIncidents = positive ? ENOUGH_INCIDENTS : NON_TRIVIAL_INCIDENTS;
        boolean judgeable = count.alerts >= minAlerts && count.incidents >= minIncidents;
        if (judgeable && count.matchedAlerts == count.alerts) {
            return new Verdict(
                    false,
                    "`" + joined(matchers) + "` " + scope + ", which is everything I know of; narrow it (add"
                            + " another matcher), or have an operator apply it with `alertbridge rules apply`");
        }
        return new Verdict(true, scope);
    }

    /** Whether the matcher rejects some value an alert can carry (see the class comment). */
    public static boolean narrows(Matcher matcher) {
        return switch (matcher.label()) {
            case "status" -> !matcher.matches(Map.of("status", AlertStatus.FIRING.name()));
            case "severity" -> {
                for (Severity severity : Severity.values()) {
                    if (!matcher.matches(Map.of("severity", severity.name()))) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> {
                if (matcher.matches(Map.of())) {
                    yield false;
                }
                for (String probe : PROBES) {
                    if (!matcher.matches(Map.of(matcher.label(), probe))) {
                        yield true;
                    }
                }
                yield false;
            }
        };
    }

    /** An equality with a value that narrows: the strongest statement of scope a person can make. */
    static boolean isPositiveEquality(Matcher matcher) {
        return matcher.op() == Matcher.Op.EQ && !matcher.value().isEmpty() && narrows(matcher);
    }

    /** True when every matcher's label is known for the alert and every matcher accepts it. */
    static boolean definitelyMatches(List<Matcher> matchers, Map<String, String> attributes) {
        for (Matcher matcher : matchers) {
            if (!attributes.containsKey(matcher.label()) || !matcher.matches(attributes)) {
                return false;
            }
        }
        return true;
    }

    private static Count count(List<Matcher> matchers, List<SampleAlert> sample) {
        Set<String> incidents = new HashSet<>();
        Set<String> open = new HashSet<>();
        Set<String> openMatched = new HashSet<>();
        int matched = 0;
        for (SampleAlert alert : sample) {
            incidents.add(alert.incidentId());
            if (alert.incidentOpen()) {
                open.add(alert.incidentId());
            }
            if (definitelyMatches(matchers, alert.attributes())) {
                matched++;
                if (alert.incidentOpen()) {
                    openMatched.add(alert.incidentId());
                }
            }
        }
        return new Count(sample.size(), matched, incidents.size(), open.size(), openMatched.size());
    }

    private static String joined(List<Matcher> matchers) {
        return String.join(", ", matchers.stream().map(Matcher::toString).toList());
    }

    private record Count(int alerts, int matchedAlerts, int incidents, int openIncidents, int matchedOpen) {
        String describe() {
            return "would silence " + matchedOpen + " of " + openIncidents + " open incident"
                    + (openIncidents == 1 ? "" : "s") + " and " + matchedAlerts + " of " + alerts + " alert"
                    + (alerts == 1 ? "" : "s") + " of the last day";
        }
    }
}
