package io.alertbridge.schemas.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a person did to an incident: value of {@code alertbridge.actions}, keyed by {@link #groupKey()} so
 * that it lands in the same partition, in order, as everything else that happens to that incident.
 *
 * @param actionId unique id of this action (idempotency: a replayed action is applied once)
 * @param type what the person did
 * @param incidentId the incident's human-friendly id, e.g. {@code INC-7F3A}
 * @param groupKey the incident's group key
 * @param userId who: a Slack user id, or an operator name for actions from the CLI
 * @param userName display name of who, for the timeline
 * @param at when the person acted
 * @param origin where from: {@code slack-button}, {@code slack-command}, {@code cli}
 * @param snoozeUntil for {@link ActionType#SNOOZE}: until when; otherwise null
 * @param reason free text the person gave, or null
 * @param subject for {@link ActionType#INVITE} and {@link ActionType#REMOVE}: the Slack user id of the person invited
 *     to or removed from the incident's channel; otherwise null
 */
public record UserAction(
        String actionId,
        ActionType type,
        String incidentId,
        String groupKey,
        String userId,
        String userName,
        Instant at,
        String origin,
        Instant snoozeUntil,
        String reason,
        String subject) {

    public UserAction {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        if (type == ActionType.SNOOZE && snoozeUntil == null) {
            throw new IllegalArgumentException("snoozeUntil is required for SNOOZE");
        }
        if ((type == ActionType.INVITE || type == ActionType.REMOVE) && (subject == null || subject.isBlank())) {
            throw new IllegalArgumentException("subject is required for " + type);
        }
    }

    /** The kinds of action a person can take on an incident. */
    public enum ActionType {
        ACKNOWLEDGE,
        UNACKNOWLEDGE,
        RESOLVE,
        SNOOZE,
        SILENCE,
        /** Invite {@code subject} to the incident's channel. */
        INVITE,
        /** Remove {@code subject} from the incident's channel. */
        REMOVE
    }
}
