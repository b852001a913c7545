package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.slack.TokenWatch;
import io.alertbridge.connectors.slack.interactivity.Interactivity;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.processor.config.ProcessorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code alertbridge interact}: Slack interactivity alone: buttons and {@code /alerts}, over HTTP
 * ({@code /slack/events}, signed requests) or Socket Mode ({@code SLACK_APP_TOKEN}).
 */
@Command(
        name = "interact",
        mixinStandardHelpOptions = true,
        description = {
            "Answer Slack's buttons and the /alerts command. HTTP mode serves /slack/events on the HTTP port",
            "(SLACK_SIGNING_SECRET verifies requests); SLACK_APP_TOKEN selects Socket Mode (no public URL).",
        })
final class InteractCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = options.clusterConfig();
        try (RunningParts parts = new RunningParts(options.httpPort())) {
            SlackSecrets secrets = SlackSecrets.of(options.configuration());
            parts.closeLast(secrets);
            SlackSecrets.Resolved<InteractivityConfig> read =
                    secrets.interactivity(options.configuration().interactivity());
            InteractivityConfig interactivity = read.config();
            TokenWatch token = parts.checkSlackToken(() -> Interactivity.watch(
                    interactivity, options.configuration().interactivity().sourceOf("botToken"), read.botToken()));
            parts.startInteractivity(
                    interactivity,
                    token,
                    read.signingSecret(),
                    read.appToken(),
                    RunningParts.alarmLookup(options.configuration()),
                    config);
            Shutdown.closeOnSignal(parts);
        }
        return 0;
    }
}
