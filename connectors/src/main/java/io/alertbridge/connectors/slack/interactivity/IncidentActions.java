package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.slack.interactivity.InteractivityMetrics.Outcome;
import io.alertbridge.connectors.slack.rendering.MrkdwnEscaper;
import io.alertbridge.connectors.slack.replay.ReplayRewrite;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentState;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.model.UserAction.ActionType;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a person's request to act on an incident (a button, or {@code /alerts ack|unack|resolve|snooze}) into a
 * {@link UserAction} on {@code alertbridge.actions}, after the checks a person deserves an answer to: who they are,
 * which incident, whether they may, whether the incident's state allows it, until when a snooze lasts.
 *
 * <p>{@link #act} decides at once and hands the Kafka write to {@link AfterAck}, so the caller can acknowledge
 * Slack immediately; the outcome of the write reaches the person through the interaction's {@code response_url}.
 * The processor stays the authority on the incident's state (the view may be a moment behind); the checks here
 * only spare people pointless clicks.
 *
 * <p>The action id is derived from the request, never drawn at random: Slack's {@code trigger_id} when present, else
 * a digest of team, user, action, incident and the request's key (a digest of its raw body, see {@link RequestIds}).
 * So a request Slack delivers twice (Socket Mode redelivers an envelope that was not acknowledged, HTTP mode retries),
 * or that an attacker replays to another instance, becomes one action after the processor's de-duplication (it
 * remembers the ids of the latest actions applied to each incident). Thread-safe.
 */
final class IncidentActions {

    /** {@link UserAction#origin()} of a button click. */
    static final String ORIGIN_BUTTON = "slack-button";
    /** {@link UserAction#origin()} of a slash command. */
    static final String ORIGIN_COMMAND = "slack-command";

    private final IncidentIndex index;
    private final ActionPublisher publisher;
    private final Authorizer authorizer;
    private final SnoozeTimes snoozes;
    private final Clock clock;
    private final AfterAck afterAck;

    IncidentActions(
            IncidentIndex index,
            ActionPublisher publisher,
            Authorizer authorizer,
            SnoozeTimes snoozes,
            Clock clock,
            AfterAck afterAck) {
        this.index = index;
        this.publisher = publisher;
        this.authorizer = authorizer;
        this.snoozes = snoozes;
        this.clock = clock;
        this.afterAck = afterAck;
    }

    /**
     * A request to act on an incident.
     *
     * @param type what to do
     * @param incidentId the incident as the person or the button named it
     * @param groupKey its group key when the button carried it, else null
     * @param snooze for a snooze, the choice (a duration or "tomorrow-morning"); otherwise null
     * @param reason free text, or null
     * @param origin {@link #ORIGIN_BUTTON} or {@link #ORIGIN_COMMAND}
     * @param subject for an invitation or removal: the Slack user id it concerns; otherwise null
     */
    record Request(
            ActionType type,
            String incidentId,
            String groupKey,
            String snooze,
            String reason,
            String origin,
            String subject) {
        Request {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(origin, "origin");
        }

        Request(ActionType type, String incidentId, String groupKey, String snooze, String reason, String origin) {
            this(type, incidentId, groupKey, snooze, reason, origin, null);
        }
    }

    /**
     * The decision on a request.
     *
     * @param reply what to tell the person now, or null for nothing (a button whose effect the message will show)
     * @param outcome for the meters
     */
    record Result(Reply reply, Outcome outcome) {}

    /**
     * Checks a request and, when it holds, schedules the write to Kafka.
     *
     * @param caller who asked
     * @param request what they asked
     * @param shared whether answers are shown to the channel
     * @param confirm whether to confirm a successful write (commands) or stay silent (buttons)
     */
    Result act(Caller caller, Request request, boolean shared, boolean confirm) {
        if (!caller.known()) {
            return refused(
                    Outcome.INVALID,
                    "I could not tell who you are from Slack's request, so I did not " + "change anything.");
        }
        if (ReplayRewrite.isReplayId(request.incidentId()) || ReplayRewrite.isReplayId(request.groupKey())) {
            // Posted by 'alertbridge replay --post-to' for review: no incident of production stands behind it.
            return refused(
                    Outcome.REFUSED,
                    "*" + MrkdwnEscaper.escape(request.incidentId()) + "* is a replayed incident, posted for review "
                            + "by `alertbridge replay --post-to`. Its buttons do not act on any incident.");
        }
        Optional<Incident> found = index.byId(request.incidentId());
        String label =
                "*" + MrkdwnEscaper.escape(found.map(Incident::incidentId).orElse(request.incidentId())) + "*";
        String groupKey = found.map(Incident::groupKey).orElse(request.groupKey());
        if (found.isEmpty() && (groupKey == null || request.origin().equals(ORIGIN_COMMAND))) {
            return refused(
                    Outcome.INVALID,
                    "I can't find an incident " + label + ". `/alerts list` shows the open " + "ones.");
        }
        boolean membership = isMembership(request.type());
        Optional<String> refusal = refusal(found, request.type(), caller.userId(), label);
        if (refusal.isPresent()) {
            return refused(Outcome.REFUSED, refusal.get());
        }
        Instant now = clock.instant();
        Instant snoozeUntil = null;
        if (request.type() == ActionType.SNOOZE) {
            try {
                snoozeUntil = snoozes.until(request.snooze(), now);
            } catch (IllegalArgumentException e) {
                return refused(Outcome.INVALID, "I did not snooze " + label + ": " + e.getMessage() + ".");
            }
        }
        String incidentId = found.map(Incident::incidentId).orElse(request.incidentId());
        UserAction action = new UserAction(
                actionId(caller, request.type(), incidentId),
                request.type(),
                incidentId,
                groupKey,
                caller.userId(),
                caller.displayName(),
                now,
                request.origin(),
                snoozeUntil,
                request.reason(),
                request.subject());
        Reply done = confirm
                ? new Reply(
                        membership
                                ? membershipText(request.type(), request.subject(), label)
                                : doneText(request.type(), label, snoozeUntil),
                        shared)
                : null;
        afterAck.publish(caller, () -> publisher.publish(action), done, noun(request.type()) + " of " + label, shared);
        Reply immediate =
                confirm ? new Reply(":hourglass_flowing_sand: " + progress(request, label) + "…", shared) : null;
        return new Result(immediate, Outcome.ACCEPTED);
    }

    private static boolean isMembership(ActionType type) {
        return type == ActionType.INVITE || type == ActionType.REMOVE;
    }

    /**
     * Why the request is refused: the incident's state (membership changes aside: the channel outlives the resolve),
     * or the person's rights (resolving and changing a channel's members need the same).
     */
    private Optional<String> refusal(Optional<Incident> found, ActionType type, String userId, String label) {
        if (found.isPresent() && !isMembership(type)) {
            Optional<String> state = stateRefusal(found.get(), type, userId, label);
            if (state.isPresent()) {
                return state;
            }
        }
        if (type == ActionType.RESOLVE || isMembership(type)) {
            Authorizer.Decision decision = authorizer.mayResolveOrSilence(userId);
            if (!decision.allowed()) {
                return Optional.of(decision.refusal());
            }
        }
        return Optional.empty();
    }

    private static String progress(Request request, String label) {
        return switch (request.type()) {
            case INVITE -> "Inviting " + AlertsFormatter.user(request.subject()) + " to the channel of " + label;
            case REMOVE -> "Removing " + AlertsFormatter.user(request.subject()) + " from the channel of " + label;
            default -> verb(request.type()) + " " + label;
        };
    }

    /** Why the incident's current state makes the request pointless, if it does. */
    static Optional<String> stateRefusal(Incident incident, ActionType type, String userId, String label) {
        if (incident.state() == IncidentState.RESOLVED) {
            return Optional.of(label + " is already resolved"
                    + (incident.resolvedBy() == null ? "" : " by " + AlertsFormatter.user(incident.resolvedBy()))
                    + "; there is nothing left to do.");
        }
        if (type == ActionType.UNACKNOWLEDGE && incident.state() == IncidentState.OPEN) {
            return Optional.of(label + " is not acknowledged by anyone, so there is nothing to give back.");
        }
        if (type == ActionType.ACKNOWLEDGE
                && incident.state() == IncidentState.ACKNOWLEDGED
                && userId.equals(incident.acknowledgedBy())) {
            return Optional.of("You already acknowledged " + label + ".");
        }
        return Optional.empty();
    }

    private static Result refused(Outcome outcome, String text) {
        return new Result(Reply.ephemeral(text), outcome);
    }

    /** The action's id, derived from the request (random only when the request gave nothing to derive it from). */
    static String actionId(Caller caller, ActionType type, String incidentId) {
        if (caller.triggerId() != null && !caller.triggerId().isBlank()) {
            return "slack-" + caller.triggerId();
        }
        if (caller.requestKey() != null) {
            return "slack-"
                    + RequestIds.digest(caller.teamId(), caller.userId(), type.name(), incidentId, caller.requestKey());
        }
        return "slack-" + UUID.randomUUID();
    }

    private static String verb(ActionType type) {
        return switch (type) {
            case ACKNOWLEDGE -> "Acknowledging";
            case UNACKNOWLEDGE -> "Unacknowledging";
            case RESOLVE -> "Resolving";
            case SNOOZE -> "Snoozing";
            case SILENCE -> "Silencing";
            case INVITE -> "Inviting to the channel of";
            case REMOVE -> "Removing from the channel of";
        };
    }

    private static String noun(ActionType type) {
        return switch (type) {
            case ACKNOWLEDGE -> "acknowledgement";
            case UNACKNOWLEDGE -> "unacknowledgement";
            case RESOLVE -> "resolution";
            case SNOOZE -> "snooze";
            case SILENCE -> "silence";
            case INVITE -> "invitation";
            case REMOVE -> "removal";
        };
    }

    private static String doneText(ActionType type, String label, Instant snoozeUntil) {
        return switch (type) {
            case ACKNOWLEDGE -> ":eyes: You acknowledged " + label + "; its message will show it in a moment.";
            case UNACKNOWLEDGE -> ":leftwards_arrow_with_hook: You gave " + label + " back; it is open again.";
            case RESOLVE -> ":white_check_mark: You resolved " + label + ".";
            case SNOOZE -> ":zzz: " + label + " is snoozed until " + AlertsFormatter.date(snoozeUntil) + ".";
            case SILENCE -> ":mute: " + label + " is silenced.";
            case INVITE, REMOVE -> membershipText(type, null, label);
        };
    }

    private static String membershipText(ActionType type, String subject, String label) {
        String who = subject == null ? "them" : AlertsFormatter.user(subject);
        return type == ActionType.INVITE
                ? ":inbox_tray: Asked to invite " + who + " to the channel of " + label
                        + "; its thread will say when it is done, and I will tell you if Slack refuses."
                : ":outbox_tray: Asked to remove " + who + " from the channel of " + label
                        + "; its thread will say when it is done, and I will tell you if Slack refuses.";
    }
}
