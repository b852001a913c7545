package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.receivers.assembly.ReceiversConfig;
import io.alertbridge.processor.rules.RuleValidator;
import io.alertbridge.processor.rules.RulesFile;
import io.alertbridge.schemas.model.RouteRule;
import io.alertbridge.schemas.model.Rule;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The receivers of one process as it starts them: their secrets read through the process's {@link SlackSecrets}
 * (a literal as it is, {@code secretsmanager:}/{@code ssm:} references from AWS, failing the start naming the key),
 * and the routes in force checked against them, so a route naming a receiver the configuration does not define
 * refuses the start naming the rule.
 */
final class ReceiverSecrets {

    private ReceiverSecrets() {}

    /** The receivers with their secrets read. */
    static ReceiversConfig read(ReceiversConfig receivers, SlackSecrets secrets) {
        return receivers.withSecrets((key, value) -> secrets.read(key, value).get());
    }

    /**
     * @throws RulesFile.InvalidRulesException naming the first route that names a receiver that is not defined
     */
    static void checkRoutes(Collection<Rule> rules, ReceiversConfig receivers) {
        Set<String> defined = receivers.names();
        for (Rule rule : rules) {
            if (rule instanceof RouteRule route) {
                List<String> unknown = RuleValidator.undefinedReceivers(route, defined);
                if (!unknown.isEmpty()) {
                    throw new RulesFile.InvalidRulesException("route " + route.id() + " names receiver(s) " + unknown
                            + " that the configuration does not define (receivers: " + defined + ", and slack)");
                }
            }
        }
    }
}
