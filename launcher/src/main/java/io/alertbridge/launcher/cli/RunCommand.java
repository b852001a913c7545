package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.receivers.assembly.ReceiversConfig;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.connectors.slack.interactivity.Interactivity;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.slack.sink.SlackSink;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.connectors.sqs.SqsClients;
import io.alertbridge.processor.config.AlertbridgeConfig;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.LiveRuleBook;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code alertbridge run}: every part in one JVM against the configured Kafka, SQS and Slack: the bridge (idle
 * without queues), the processor, the Slack sink, the receivers beside Slack ({@code receivers:}) and
 * interactivity.
 *
 * <p>Slack's tokens are checked first, once each: a token that Slack definitely rejects refuses the start before
 * anything runs, naming the variable or key that holds it; Slack being down or slow does not, and the Slack parts
 * then start degraded while the bridge and the processor ingest as usual.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run every part in this JVM against the configured Kafka, SQS and Slack (see the environment",
            "contract in the README). To scale parts separately, run bridge, process, sink, receivers and interact",
            "instead.",
        })
final class RunCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Override
    public Integer call() throws Exception {
        try (RunningParts parts = start()) {
            Shutdown.closeOnSignal(parts);
        }
        return 0;
    }

    /** Starts every part and returns them running; the caller closes them. */
    RunningParts start() {
        ProcessorConfig config = options.clusterConfig();
        AlertbridgeConfig all = options.configuration();
        SqsBridgeConfig bridge = all.bridge();
        // A missing or malformed Slack setting fails before anything listens; secrets are read once parts close.
        all.sink().get();
        all.interactivity().get();
        RunningParts parts = new RunningParts(options.httpPort());
        try {
            SlackSecrets secrets = SlackSecrets.of(all);
            parts.closeLast(secrets);
            SlackSecrets.Resolved<SlackSinkConfig> sinkRead = secrets.sink(all.sink());
            SlackSecrets.Resolved<InteractivityConfig> interactivityRead = secrets.interactivity(all.interactivity());
            SlackSinkConfig sink = sinkRead.config();
            InteractivityConfig interactivity = interactivityRead.config();
            TokenWatch sinkToken = parts.checkSlackToken(
                    () -> SlackSink.watch(sink, all.sink().sourceOf("token"), sinkRead.botToken()));
            TokenWatch botToken = parts.checkSlackToken(() -> Interactivity.watch(
                    interactivity, all.interactivity().sourceOf("botToken"), interactivityRead.botToken()));
            SqsClient sqs = SqsClients.standard(bridge, Optional.empty());
            parts.closeLast(sqs);
            // The receivers' names check the file's routes now and the rules topic's as they arrive.
            LiveRuleBook rules = config.rules().live(all.receivers().names());
            ReceiversConfig receivers = ReceiverSecrets.read(all.receivers(), secrets);
            parts.startProcessor(config, rules);
            parts.startBridge(bridge, sqs, config);
            parts.startSink(sink, sinkToken, config, id -> rules.get().route(id), RunningParts.awsAccess(all));
            parts.startReceivers(receivers, config, id -> rules.get().route(id));
            parts.startInteractivity(
                    interactivity,
                    botToken,
                    new RunningParts.SlackReads(interactivityRead.signingSecret(), interactivityRead.appToken()),
                    RunningParts.alarmLookup(all),
                    id -> rules.get().route(id),
                    config);
            return parts;
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }
}
