package io.alertbridge.processor.cli;

import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.connectors.sqs.SqsClients;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code alertbridge run}: every part in one JVM against the configured Kafka, SQS and Slack: the bridge (idle
 * without queues), the processor, the Slack sink and interactivity.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run every part in this JVM against the configured Kafka, SQS and Slack (see the environment",
            "contract in the README). To scale parts separately, run bridge, process, sink and interact instead.",
        })
final class RunCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = options.clusterConfig();
        SqsBridgeConfig bridge = options.bridgeConfig(config);
        SlackSinkConfig sink = SlackSinkConfig.from(options.section("slack"), options.environment());
        InteractivityConfig interactivity =
                InteractivityConfig.from(options.section("interactivity"), options.environment());
        try (SqsClient sqs = SqsClients.standard(bridge, Optional.empty());
                RunningParts parts = new RunningParts(options.httpPort())) {
            LiveRuleBook rules = config.rules().live();
            parts.startProcessor(config, rules);
            parts.startBridge(bridge, sqs, config);
            parts.startSink(sink, config, id -> rules.get().route(id));
            parts.startInteractivity(interactivity, config);
            Shutdown.closeOnSignal(parts);
        }
        return 0;
    }
}
