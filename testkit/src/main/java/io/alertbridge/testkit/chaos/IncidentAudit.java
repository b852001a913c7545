package io.alertbridge.testkit.chaos;

import io.alertbridge.devkit.slack.SlackMessage;
import io.alertbridge.testkit.chaos.AlarmStorm.FinalState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Slack channel shows against what a storm should have left: for each expected incident (one per alarm,
 * recognised by its instance id in the message metadata's {@code group_key}), how many incident messages it has and
 * whether the message shows the expected final state. Pure: a function of the messages and the expectation.
 *
 * <p>An incident message is a channel message (not a thread reply) whose metadata {@code event_type} is
 * {@value #INCIDENT_EVENT_TYPE}; its state is the headline's bold state word ({@code *OPEN*},
 * {@code *ACKNOWLEDGED*}, {@code *RESOLVED*}).
 */
public final class IncidentAudit {

    /** Metadata event type of an incident's main message, as the Slack sink writes it. */
    public static final String INCIDENT_EVENT_TYPE = "alertbridge_incident";

    private static final Pattern STATE = Pattern.compile("\\*(OPEN|ACKNOWLEDGED|RESOLVED)\\*");

    private IncidentAudit() {}

    /**
     * The outcome.
     *
     * @param incidents incidents expected
     * @param posted expected incidents with at least one message
     * @param duplicates messages beyond the first, summed over incidents
     * @param lost expected incidents without a message
     * @param mismatches incidents whose message (any of them) does not show the expected final state
     * @param strays incident messages of this storm that match no expected incident
     * @param problems the first few problems, for a person to read
     */
    public record Result(
            int incidents, int posted, int duplicates, int lost, int mismatches, int strays, List<String> problems) {

        /** Every incident posted exactly once, in its final state, and nothing else. */
        public boolean clean() {
            return duplicates == 0 && lost == 0 && mismatches == 0 && strays == 0;
        }

        /** Nothing missing and nothing stale: what a run converges to (duplicates are judged separately). */
        public boolean converged() {
            return lost == 0 && mismatches == 0;
        }

        @Override
        public String toString() {
            return "incidents=%d posted=%d duplicates=%d lost=%d final-state-mismatches=%d strays=%d%s"
                    .formatted(
                            incidents,
                            posted,
                            duplicates,
                            lost,
                            mismatches,
                            strays,
                            problems.isEmpty() ? "" : " e.g. " + problems);
        }
    }

    /**
     * Audits a channel's messages.
     *
     * @param runId the storm's run id (its instance ids are {@code i-<runId>-NNNNNN})
     * @param expected final state by instance id
     * @param messages the channel's messages
     */
    public static Result audit(String runId, Map<String, FinalState> expected, List<SlackMessage> messages) {
        Pattern instance = Pattern.compile(Pattern.quote("i-" + runId + "-") + "\\d{6}");
        Map<String, List<SlackMessage>> byInstance = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int strays = 0;
        for (SlackMessage message : messages) {
            if (message.isReply() || !INCIDENT_EVENT_TYPE.equals(message.eventType())) {
                continue;
            }
            String groupKey =
                    message.metadata().path("event_payload").path("group_key").asText("");
            Matcher found = instance.matcher(groupKey);
            if (!found.find()) {
                continue;
            }
            String id = found.group();
            if (!expected.containsKey(id)) {
                strays++;
                note(problems, "stray message " + message.ts() + " for " + id);
                continue;
            }
            byInstance.computeIfAbsent(id, k -> new ArrayList<>()).add(message);
        }
        int posted = 0;
        int duplicates = 0;
        int lost = 0;
        int mismatches = 0;
        for (Map.Entry<String, FinalState> entry : expected.entrySet()) {
            List<SlackMessage> own = byInstance.getOrDefault(entry.getKey(), List.of());
            if (own.isEmpty()) {
                lost++;
                note(problems, "no message for " + entry.getKey());
                continue;
            }
            posted++;
            if (own.size() > 1) {
                duplicates += own.size() - 1;
                note(problems, own.size() + " messages for " + entry.getKey());
            }
            String want = entry.getValue().name();
            boolean stale = own.stream().anyMatch(m -> !state(m).orElse("?").equals(want));
            if (stale) {
                mismatches++;
                note(
                        problems,
                        entry.getKey() + " shows "
                                + own.stream().map(m -> state(m).orElse("?")).toList() + ", expected " + want);
            }
        }
        return new Result(expected.size(), posted, duplicates, lost, mismatches, strays, List.copyOf(problems));
    }

    /** The state the message's headline shows. */
    static Optional<String> state(SlackMessage message) {
        Matcher matcher = STATE.matcher(message.text());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < 5) {
            problems.add(problem);
        }
    }
}
