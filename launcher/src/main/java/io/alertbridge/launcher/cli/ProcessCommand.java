package io.alertbridge.launcher.cli;

import io.alertbridge.processor.config.ProcessorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code alertbridge process}: the Kafka Streams processor alone, against the configured cluster. Run more
 * instances with the same configuration to scale out: Kafka Streams spreads the partitions and moves the state.
 */
@Command(
        name = "process",
        mixinStandardHelpOptions = true,
        description = {
            "Run the stream processor (normalize, detect, dedupe, incidents, throttle, outbox) alone.",
            "Needs KAFKA_BOOTSTRAP_SERVERS (or kafka.bootstrapServers in the configuration file).",
            "Start more instances with the same configuration to scale out.",
        })
final class ProcessCommand implements Callable<Integer> {

    @CommandLine.Mixin
    LauncherOptions options = new LauncherOptions();

    @Override
    public Integer call() throws Exception {
        ProcessorConfig config = options.clusterConfig();
        try (RunningParts parts = new RunningParts(options.httpPort())) {
            // Receivers run in other processes; the configuration names them, so routes naming others are refused.
            parts.startProcessor(
                    config,
                    config.rules().live(options.configuration().receivers().names()));
            Shutdown.closeOnSignal(parts);
        }
        return 0;
    }
}
