package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.IncidentState;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of Alertbridge's incidents have a given CloudWatch alarm as a member: Alertbridge's own history of the alarm
 * (moto has no {@code DescribeAlarmHistory}, and an incident's timeline says more: who acknowledged, what else fired
 * with it). Pure and thread-safe.
 *
 * <p>A member is the alarm when its fingerprint is the alarm's ARN (what the processor uses whenever the message
 * carries one), or an ARN naming an alarm of the same name in the same account and region (another partition's
 * spelling), or the processor's fallback {@code cloudwatch-alarm:<account>:<name>} for the same name and the same
 * (or an unknown) account. A same-named alarm of another account or region is another alarm and does not match.
 */
final class AlarmIncidents {

    /** Open incidents first, newest first; then resolved ones, latest resolved first. */
    static final Comparator<Incident> OPEN_THEN_RECENT = Comparator.comparing(
                    (Incident i) -> i.state() == IncidentState.RESOLVED)
            .thenComparing(
                    i -> i.state() == IncidentState.RESOLVED && i.resolvedAt() != null ? i.resolvedAt() : i.firstSeen(),
                    Comparator.reverseOrder());

    private AlarmIncidents() {}

    /**
     * An incident and its member that is the alarm.
     *
     * @param incident the incident
     * @param member the member that matched
     */
    record Match(Incident incident, IncidentMember member) {
        Match {
            Objects.requireNonNull(incident, "incident");
            Objects.requireNonNull(member, "member");
        }
    }

    /**
     * The incidents among {@code candidates} that have the alarm as a member, open first, then the most recently
     * resolved, at most {@code limit}.
     *
     * @param alarmArn the alarm's ARN as {@code DescribeAlarms} gave it
     * @param alarmName its name
     */
    static List<Match> of(Collection<Incident> candidates, String alarmArn, String alarmName, int limit) {
        return candidates.stream()
                .sorted(OPEN_THEN_RECENT)
                .flatMap(i -> member(i, alarmArn, alarmName).map(m -> new Match(i, m)).stream())
                .limit(limit)
                .toList();
    }

    private static Optional<IncidentMember> member(Incident incident, String alarmArn, String alarmName) {
        return incident.members().stream()
                .filter(m -> isAlarm(m.fingerprint(), alarmArn, alarmName))
                .findFirst();
    }

    /** True when a member's fingerprint names this alarm (see the class's rules). */
    static boolean isAlarm(String fingerprint, String alarmArn, String alarmName) {
        if (fingerprint == null) {
            return false;
        }
        if (fingerprint.equals(alarmArn)) {
            return true;
        }
        Arn alarm = Arn.parse(alarmArn).toOptional().orElse(null);
        String account = alarm == null ? null : alarm.account();
        if (fingerprint.startsWith("cloudwatch-alarm:")) {
            String rest = fingerprint.substring("cloudwatch-alarm:".length());
            int colon = rest.indexOf(':');
            if (colon < 0) {
                return false;
            }
            String fpAccount = rest.substring(0, colon);
            String fpName = rest.substring(colon + 1);
            return fpName.equals(alarmName)
                    && (fpAccount.equals("unknown-account") || account == null || fpAccount.equals(account));
        }
        Arn member = Arn.parse(fingerprint).toOptional().orElse(null);
        return member != null
                && alarm != null
                && "cloudwatch".equals(member.service())
                && member.resource().equals("alarm:" + alarmName)
                && Objects.equals(member.account(), alarm.account())
                && Objects.equals(member.region(), alarm.region());
    }

    /** The incidents to look through: open ones and those resolved since {@code since}. */
    static List<Incident> candidates(IncidentIndex index, Instant since) {
        return index.openOrResolvedSince(since, i -> true);
    }
}
