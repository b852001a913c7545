package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.connectors.slack.sink.SlackSink;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.rules.RuleBook;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code alertbridge sink}: the Slack sink alone. Carries out the processor's notifications with Slack's Web API:
 * one message per incident, edited in place, its timeline in the thread.
 */
@Command(
        name = "sink",
        mixinStandardHelpOptions = true,
        description = {
            "Post and edit the incidents' Slack messages (SLACK_BOT_TOKEN; SLACK_API_URL for another Web API).",
            "Run more instances to scale out: they share the notifications' partitions. While Slack is down or",
            "refuses the token, the sink pauses (health: degraded) and resumes where it stopped.",
        })
final class SinkCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = options.clusterConfig();
        RuleBook routes = config.rules().load();
        try (RunningParts parts = new RunningParts(options.httpPort())) {
            SlackSecrets secrets = SlackSecrets.of(options.configuration());
            parts.closeLast(secrets);
            SlackSecrets.Resolved<SlackSinkConfig> read =
                    secrets.sink(options.configuration().sink());
            SlackSinkConfig sink = read.config();
            TokenWatch token = parts.checkSlackToken(
                    () -> SlackSink.watch(sink, options.configuration().sink().sourceOf("token"), read.botToken()));
            parts.startSink(sink, token, config, routes::route, RunningParts.awsAccess(options.configuration()));
            Shutdown.closeOnSignal(parts);
        }
        return 0;
    }
}
