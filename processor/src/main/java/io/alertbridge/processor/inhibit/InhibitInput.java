package io.alertbridge.processor.inhibit;

import io.alertbridge.schemas.model.AlertEvent;

import java.util.Objects;

/**
 * One alert's part in one inhibition group, as it travels to the group's task: value of the inhibition repartition
 * topic, keyed by the group.
 *
 * @param role whether the alert is a source or the target in this group
 * @param rule the group's rule id (named in an inhibited target's mark)
 * @param event the alert
 */
public record InhibitInput(Role role, String rule, AlertEvent event) {

    public InhibitInput {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(event, "event");
    }

    /** An alert's role in a group. */
    public enum Role {
        /** It may inhibit: recorded while it fires; its RESOLVED may release targets. Never passed on from here. */
        SOURCE,
        /** It may be inhibited: passed on from here, marked when a source fires. */
        TARGET
    }
}
