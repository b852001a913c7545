package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.Matcher;
import io.alertbridge.schemas.model.UserAction.ActionType;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a person asked with {@code /alerts}, as {@link AlertsCommandParser} understood it. Immutable.
 */
sealed interface AlertsRequest {

    /** {@code /alerts help} (or nothing). */
    record Help() implements AlertsRequest {}

    /**
     * {@code /alerts list [channel=..] [severity=..] [service=..] [--held]}.
     *
     * @param filter which incidents
     * @param held only incidents whose first post is held now (the transient-alert hold), with how many cleared by
     *     themselves while held in the last 24 hours
     */
    record ListIncidents(ListFilter filter, boolean held) implements AlertsRequest {
        public ListIncidents {
            Objects.requireNonNull(filter, "filter");
        }

        /** Every matching open incident, held or not. */
        public ListIncidents(ListFilter filter) {
            this(filter, false);
        }
    }

    /** {@code /alerts show INC-7F3A}. */
    record Show(String incidentId) implements AlertsRequest {
        public Show {
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    /** {@code /alerts why INC-7F3A}: how the incident was routed, grouped, silenced, inhibited and notified. */
    record Why(String incidentId) implements AlertsRequest {
        public Why {
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    /**
     * {@code /alerts ack|unack|resolve|snooze INC-7F3A [2h] [reason]}.
     *
     * @param type what to do
     * @param incidentId to which incident
     * @param snooze for a snooze, the length as typed; otherwise null
     * @param reason free text after the arguments, or null
     */
    record Act(ActionType type, String incidentId, String snooze, String reason) implements AlertsRequest {
        public Act {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    /**
     * {@code /alerts invite|remove|kick @user [INC-7F3A] [reason]}.
     *
     * @param type {@link ActionType#INVITE} or {@link ActionType#REMOVE}
     * @param userId the Slack user id of the person to invite or remove
     * @param incidentId the incident named, or null when the channel the command was typed in implies it
     * @param reason free text after the arguments, or null
     */
    record Membership(ActionType type, String userId, String incidentId, String reason) implements AlertsRequest {
        public Membership {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** {@code /alerts silence service=api,env=prod 2h deploying}. */
    record Silence(List<Matcher> matchers, Duration duration, String reason) implements AlertsRequest {
        public Silence {
            matchers = List.copyOf(matchers);
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * {@code /alerts alarm NAME}: a CloudWatch alarm's definition, state, actions and incidents.
     *
     * @param name the alarm's name as typed (with Slack's HTML entities undone), at most
     *     {@link AlertsCommandParser#MAX_ALARM_NAME} characters, no control characters
     */
    record Alarm(String name) implements AlertsRequest {
        public Alarm {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * {@code /alerts report [RANGE] [route:R|service:S|channel:C] [public]}.
     *
     * @param range the range as typed, or null for the default (the last 7 days); read by
     *     {@link io.alertbridge.connectors.reports.ReportRange#parse}
     * @param filter which incidents count
     */
    record Report(String range, io.alertbridge.connectors.reports.ReportFilter filter) implements AlertsRequest {
        public Report {
            Objects.requireNonNull(filter, "filter");
        }
    }

    /** Something the parser could not understand; {@code problem} is a sentence for the person. */
    record Invalid(String problem) implements AlertsRequest {
        public Invalid {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * A parsed command line.
     *
     * @param request what was asked
     * @param inChannel true when the person asked for the answer to be visible to the channel ({@code --public})
     */
    record Parsed(AlertsRequest request, boolean inChannel) {}
}
