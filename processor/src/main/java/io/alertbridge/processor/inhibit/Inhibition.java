package io.alertbridge.processor.inhibit;

import io.alertbridge.processor.rules.Attributes;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AlertStatus;
import io.alertbridge.schemas.model.InhibitRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inhibition decisions (Alertmanager's model), as pure functions on an {@link InhibitGroup}. Thread-safe (stateless).
 *
 * <p>A group is one inhibition rule and one set of values of its {@code equal} labels ({@link #groupKey}), so a
 * source and its targets meet in one group. A source's FIRING is recorded in its groups; its RESOLVED removes it; when
 * a group has no source left besides a held target itself, the targets it held are released ({@link #onSource}). A
 * target that fires while a source other than itself fires in its group is marked inhibited (see {@link #mark}): the
 * lifecycle records it on its incident like a silenced alert and the throttle never notifies it; its latest event is
 * held so that releasing it is a lookup. A RESOLVED target always passes, so incidents close.
 *
 * <p>A CloudWatch composite alarm whose message says its actions are suppressed ({@code actionsSuppressedBy} is
 * {@code Alarm}, {@code WaitPeriod} or {@code ExtensionPeriod}) is a target of the group of its actions suppressor
 * (the alarm named in {@code actionsSuppressor}, in the composite's account and region), and every CloudWatch alarm is
 * a source of its own suppressor group. So the composite is inhibited while its suppressor fires here, and released
 * when it resolves; a composite whose suppressor is not known to fire is notified (a suppression this processor
 * could never see end would otherwise hide it for good).
 *
 * <p>An alert is the target of at most one group: the first inhibition rule (by id) whose target matchers match it, else
 * its actions suppressor's group. It is a source of every group whose rule's source matchers match it.
 */
public final class Inhibition {

    /** The rule id of the groups of CloudWatch actions suppressors. */
    public static final String ACTIONS_SUPPRESSOR = "aws:actions-suppressor";

    /** What {@link AlertEvent#suppressedBy()} of an inhibited alert starts with; a silence's id never contains '/'. */
    static final String MARK = "inhibit/";

    private static final String RELEASE = "#released@";
    private static final char SEPARATOR = '\u001f';

    private Inhibition() {}

    /**
     * The groups an alert takes part in under the rules in force.
     *
     * @param sourceGroups the groups it is a source of (empty for an INFO, which neither fires nor resolves)
     * @param targetGroup the group it is a target of, or null when it is nobody's target
     * @param targetRule the rule of {@code targetGroup}, or null
     */
    public record Plan(List<String> sourceGroups, String targetGroup, String targetRule) {
        public Plan {
            sourceGroups = List.copyOf(sourceGroups);
        }

        /** True when the alert takes no part in inhibition and can go on at once. */
        public boolean isBystander() {
            return sourceGroups.isEmpty() && targetGroup == null;
        }
    }

    /** Plans an alert's part under the rules. */
    public static Plan plan(AlertEvent event, RuleBook rules) {
        Map<String, String> attributes = Attributes.of(event);
        List<String> sources = new ArrayList<>();
        String targetGroup = null;
        String targetRule = null;
        for (InhibitRule rule : rules.inhibitions()) {
            if (event.status() != AlertStatus.INFO && RuleBook.matchesAll(rule.sourceMatchers(), attributes)) {
                sources.add(groupKey(rule, attributes));
            }
            if (targetGroup == null && RuleBook.matchesAll(rule.targetMatchers(), attributes)) {
                targetGroup = groupKey(rule, attributes);
                targetRule = rule.id();
            }
        }
        String alarm = event.labels().get("alarm");
        if ("cloudwatch".equals(event.source()) && alarm != null && event.status() != AlertStatus.INFO) {
            sources.add(suppressorGroup(event, alarm));
        }
        String suppressor = actionsSuppressor(event);
        if (targetGroup == null && suppressor != null) {
            targetGroup = suppressorGroup(event, suppressor);
            targetRule = ACTIONS_SUPPRESSOR;
        }
        return new Plan(sources, targetGroup, targetRule);
    }

    /**
     * The group of a rule for an alert's attributes: the rule id and the values of its {@code equal} labels (an absent
     * label is the empty value).
     */
    public static String groupKey(InhibitRule rule, Map<String, String> attributes) {
        StringBuilder key = new StringBuilder(rule.id());
        for (String label : rule.equal()) {
            key.append(SEPARATOR).append(label).append('=').append(attributes.getOrDefault(label, ""));
        }
        return key.toString();
    }

    /**
     * A source's event applied to its group.
     *
     * @return the group after it, and the held targets it releases (each a new event: see {@link #released})
     */
    public static Outcome onSource(InhibitGroup group, AlertEvent source) {
        Map<String, String> sources = new TreeMap<>(group.sources());
        if (source.status() == AlertStatus.FIRING) {
            sources.put(source.fingerprint(), source.title());
            return new Outcome(
                    new InhibitGroup(sources, group.held()), List.of(), "source " + source.title() + " fires");
        }
        if (source.status() != AlertStatus.RESOLVED || sources.remove(source.fingerprint()) == null) {
            return new Outcome(group, List.of(), "not a firing source of this group");
        }
        Map<String, AlertEvent> held = new TreeMap<>(group.held());
        List<AlertEvent> releases = new ArrayList<>();
        for (AlertEvent target : group.held().values()) {
            if (inhibitor(sources, target.fingerprint()) == null) {
                held.remove(target.fingerprint());
                releases.add(released(target, source));
            }
        }
        return new Outcome(
                new InhibitGroup(sources, held),
                releases,
                "source " + source.title() + " resolved; " + releases.size() + " targets released");
    }

    /**
     * A target's event applied to its group.
     *
     * @param rule the group's rule id, named in the mark
     * @return the group after it, and the event to pass on (marked when inhibited)
     */
    public static Outcome onTarget(InhibitGroup group, AlertEvent target, String rule) {
        Map<String, AlertEvent> held = new TreeMap<>(group.held());
        held.remove(target.fingerprint());
        String inhibitor = inhibitor(group.sources(), target.fingerprint());
        if (target.status() == AlertStatus.RESOLVED || inhibitor == null || target.isSuppressed()) {
            return new Outcome(
                    new InhibitGroup(group.sources(), held),
                    List.of(target),
                    target.status() == AlertStatus.RESOLVED
                            ? "a RESOLVED always passes"
                            : inhibitor == null ? "no other source fires" : "already silenced");
        }
        if (target.status() == AlertStatus.FIRING) {
            held.put(target.fingerprint(), target);
        }
        return new Outcome(
                new InhibitGroup(group.sources(), held),
                List.of(target.suppressed(mark(rule, inhibitor))),
                "inhibited by " + inhibitor + " (rule " + rule + ")");
    }

    /** The mark an inhibited event carries in {@link AlertEvent#suppressedBy()}. */
    public static String mark(String rule, String sourceTitle) {
        return MARK + rule + "/" + sourceTitle;
    }

    /** True when {@code suppressedBy} is an inhibition's mark rather than a silence's id. */
    public static boolean isMark(String suppressedBy) {
        return suppressedBy != null && suppressedBy.startsWith(MARK);
    }

    /**
     * For people: {@code inhibited by <source> (rule <id>)} for an inhibition's mark, {@code silenced by <id>} for a
     * silence, null for null.
     */
    public static String describe(String suppressedBy) {
        if (suppressedBy == null) {
            return null;
        }
        if (!isMark(suppressedBy)) {
            return "silenced by " + suppressedBy;
        }
        String rest = suppressedBy.substring(MARK.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "inhibited (rule " + rest + ")";
        }
        String rule = rest.substring(0, slash);
        String source = rest.substring(slash + 1);
        return ACTIONS_SUPPRESSOR.equals(rule)
                ? "inhibited by " + source + " (its actions suppressor)"
                : "inhibited by " + source + " (rule " + rule + ")";
    }

    /**
     * A held target released when {@code source} resolved: the event as it arrived, under a new event id (its own was
     * recorded as inhibited, and the lifecycle drops an id it has applied), at its own {@code occurredAt} (so a
     * RESOLVED of it that happened before the source resolved still counts).
     */
    static AlertEvent released(AlertEvent target, AlertEvent source) {
        return new AlertEvent(
                target.eventId() + RELEASE + source.occurredAt().toEpochMilli(),
                target.fingerprint(),
                target.source(),
                target.status(),
                target.severity(),
                target.title(),
                target.summary(),
                target.occurredAt(),
                target.labels(),
                withAnnotation(target.annotations(), "inhibitionReleasedBy", source.title() + " resolved"),
                target.links(),
                null,
                target.metric(),
                target.scores());
    }

    private static Map<String, String> withAnnotation(Map<String, String> annotations, String key, String value) {
        Map<String, String> copy = new HashMap<>(annotations);
        copy.put(key, value);
        return copy;
    }

    private static String inhibitor(Map<String, String> sources, String targetFingerprint) {
        for (Map.Entry<String, String> source : sources.entrySet()) {
            if (!source.getKey().equals(targetFingerprint)) {
                return source.getValue();
            }
        }
        return null;
    }

    private static String actionsSuppressor(AlertEvent event) {
        String by = event.annotations().get("actionsSuppressedBy");
        String suppressor = event.annotations().get("actionsSuppressor");
        if (by == null || by.isBlank() || "null".equalsIgnoreCase(by) || suppressor == null || suppressor.isBlank()) {
            return null;
        }
        // The suppressor may be given by name or by ARN; its group is named by the alarm's name.
        int alarm = suppressor.lastIndexOf(":alarm:");
        return alarm >= 0 ? suppressor.substring(alarm + ":alarm:".length()) : suppressor;
    }

    private static String suppressorGroup(AlertEvent event, String alarmName) {
        return ACTIONS_SUPPRESSOR
                + SEPARATOR
                + event.labels().getOrDefault("account", "")
                + SEPARATOR
                + event.labels().getOrDefault("region", "")
                + SEPARATOR
                + alarmName;
    }

    /**
     * An inhibition decision.
     *
     * @param group the group after the event (store it, or delete it when {@link InhibitGroup#isEmpty()})
     * @param emit the events to pass on, in order
     * @param reason why, for logs and tests
     */
    public record Outcome(InhibitGroup group, List<AlertEvent> emit, String reason) {
        public Outcome {
            emit = List.copyOf(emit);
        }
    }
}
