package io.alertbridge.processor.incident;

import io.alertbridge.processor.config.ThrottleSlice;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RouteRule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the throttle policy the way the stage does, over in-memory state, for tests. */
final class ThrottleSim {

    final ThrottlePolicy policy;
    final Map<String, RouteRule> routes = new HashMap<>();
    final Map<String, OutboundIncident> incidents = new HashMap<>();
    final Map<String, ChannelState> channels = new HashMap<>();
    final List<NotificationCommand> sent = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    ThrottleSim(ThrottleSlice settings, RouteRule... routes) {
        this.policy = new ThrottlePolicy(settings);
        for (RouteRule route : routes) {
            this.routes.put(route.id(), route);
        }
    }

    /** Applies a change at {@code now}; returns the commands it sent. */
    List<NotificationCommand> change(IncidentChange change, Instant now) {
        String id = change.incident().incidentId();
        ThrottlePolicy.Step step = policy.onChange(
                incidents.get(id),
                channels.get(change.incident().channel()),
                change,
                routes.get(change.incident().routeId()),
                now);
        return apply(id, step);
    }

    /** Runs every timer due at {@code now}, earliest first, as the punctuator does. */
    List<NotificationCommand> tick(Instant now) {
        List<NotificationCommand> out = new ArrayList<>();
        record Due(Instant at, String id, boolean channel) {}
        List<Due> due = new ArrayList<>();
        incidents.forEach((id, o) -> {
            if (o.dueAt() != null && !o.dueAt().isAfter(now)) {
                due.add(new Due(o.dueAt(), id, false));
            }
        });
        channels.forEach((name, c) -> {
            if (c.dueAt() != null && !c.dueAt().isAfter(now)) {
                due.add(new Due(c.dueAt(), name, true));
            }
        });
        due.sort(Comparator.comparing(Due::at).thenComparing(Due::id));
        for (Due d : due) {
            if (d.channel()) {
                ThrottlePolicy.Step step = policy.onChannelDue(channels.get(d.id()), now);
                channels.put(d.id(), step.channel());
                record(step, out);
            } else if (incidents.containsKey(d.id())) {
                OutboundIncident o = incidents.get(d.id());
                ThrottlePolicy.Step step = policy.onIncidentDue(
                        o, channels.get(o.channel()), routes.get(o.latest().routeId()), now);
                out.addAll(apply(d.id(), step));
            }
        }
        return out;
    }

    /** Ticks every second from {@code from} (exclusive) to {@code to} (inclusive). */
    List<NotificationCommand> run(Instant from, Instant to) {
        List<NotificationCommand> out = new ArrayList<>();
        for (Instant t = from.plusSeconds(1); !t.isAfter(to); t = t.plusSeconds(1)) {
            out.addAll(tick(t));
        }
        return out;
    }

    private List<NotificationCommand> apply(String id, ThrottlePolicy.Step step) {
        if (step.incident() == null) {
            incidents.remove(id);
        } else {
            incidents.put(id, step.incident());
        }
        List<NotificationCommand> out = new ArrayList<>();
        channels.put(step.channel().channel(), step.channel());
        record(step, out);
        return out;
    }

    private void record(ThrottlePolicy.Step step, List<NotificationCommand> out) {
        out.addAll(step.commands());
        sent.addAll(step.commands());
        reasons.addAll(step.reasons());
    }
}
