package io.alertbridge.connectors.slack.rendering;

import io.alertbridge.schemas.aws.Arn;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentMember;
import io.alertbridge.schemas.model.Link;
import io.alertbridge.schemas.model.LinkButton;
import io.alertbridge.schemas.model.RouteRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's link buttons rendered for one incident, at post (and edit) time from the live route.
 *
 * <p>Why here and not in the processor: an incident carries no links of its own (only its members' console links,
 * shown as text), and the sink already reads the live route for a first post's mentions; rendering here needs no
 * new field on {@code Incident} and picks up a changed template at the next edit. The values are the incident's
 * group labels ({@code {{labels.NAME}}}) and, from its worst member's fingerprint, {@code {{fingerprint}}} and,
 * when that is an ARN, {@code {{region}}}, {@code {{account}}} and {@code {{alarmName}}} (a CloudWatch alarm's
 * name). A button whose template names a value this incident lacks is left out. Stateless and thread-safe.
 */
public final class LinkButtons {

    private LinkButtons() {}

    /** The route's buttons that render for {@code incident}, in the route's order; empty without a route. */
    public static List<Link> render(Optional<RouteRule> route, Incident incident) {
        if (route.isEmpty() || route.get().links().isEmpty()) {
            return List.of();
        }
        Map<String, String> values = values(incident);
        List<Link> links = new ArrayList<>();
        for (LinkButton button : route.get().links()) {
            button.render(values).ifPresent(url -> links.add(new Link(button.text(), url)));
        }
        return links;
    }

    /** The placeholder values of an incident, by placeholder name. */
    static Map<String, String> values(Incident incident) {
        Map<String, String> values = new HashMap<>();
        incident.groupLabels().forEach((name, value) -> values.put(LinkButton.LABEL_PREFIX + name, value));
        Optional<IncidentMember> worst = incident.members().stream().min(IncidentMember.WORST_FIRST);
        worst.ifPresent(member -> {
            values.put("fingerprint", member.fingerprint());
            Arn.parse(member.fingerprint()).toOptional().ifPresent(arn -> {
                putIfPresent(values, "region", arn.region());
                putIfPresent(values, "account", arn.account());
                if (arn.service().equals("cloudwatch") && arn.resource().startsWith("alarm:")) {
                    values.put("alarmName", arn.resource().substring("alarm:".length()));
                }
            });
        });
        return values;
    }

    private static void putIfPresent(Map<String, String> values, String name, String value) {
        if (value != null && !value.isEmpty()) {
            values.put(name, value);
        }
    }
}
