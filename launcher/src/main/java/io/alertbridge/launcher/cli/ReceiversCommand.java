package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.receivers.assembly.ReceiversConfig;
import io.alertbridge.processor.config.AlertbridgeConfig;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RuleBook;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code alertbridge receivers}: the receivers beside Slack alone (webhooks), each with its own consumer group over
 * the incidents topic, with the routes of the rules file.
 */
@Command(
        name = "receivers",
        mixinStandardHelpOptions = true,
        description = {
            "Deliver the incidents to the receivers beside Slack that routes list (receivers: in the configuration).",
            "Run more instances to scale out: each receiver's group shares the incidents' partitions. While a",
            "destination is down, its receiver waits (health: degraded) and catches up; the others go on.",
        })
final class ReceiversCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = options.clusterConfig();
        AlertbridgeConfig all = options.configuration();
        RuleBook routes = config.rules().load();
        ReceiverSecrets.checkRoutes(routes.rules().values(), all.receivers());
        if (all.receivers().isEmpty()) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "no receivers in the configuration (receivers: webhook: ...)");
        }
        try (RunningParts parts = new RunningParts(options.httpPort())) {
            SlackSecrets secrets = SlackSecrets.of(all);
            parts.closeLast(secrets);
            ReceiversConfig receivers = ReceiverSecrets.read(all.receivers(), secrets);
            parts.startReceivers(receivers, config, routes::route);
            Shutdown.closeOnSignal(parts);
        }
        return 0;
    }
}
