package io.alertbridge.processor.incident;

import io.alertbridge.schemas.model.UserAction;

/**
 * One thing that happens to an incident group, in the order it happened: either a routed alert or a person's
 * action. Both travel through one repartition topic keyed by group key, so they reach the lifecycle in one
 * partition and in order, whatever the partition counts of their source topics. Exactly one field is set.
 *
 * @param alert a routed alert event, or null
 * @param action a person's action, or null
 */
public record IncidentInput(RoutedAlert alert, UserAction action) {

    public IncidentInput {
        if ((alert == null) == (action == null)) {
            throw new IllegalArgumentException("exactly one of alert and action must be set");
        }
    }

    /** An input carrying an alert. */
    public static IncidentInput of(RoutedAlert alert) {
        return new IncidentInput(alert, null);
    }

    /** An input carrying a person's action. */
    public static IncidentInput of(UserAction action) {
        return new IncidentInput(null, action);
    }
}
