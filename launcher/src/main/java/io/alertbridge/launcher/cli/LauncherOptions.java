package io.alertbridge.launcher.cli;

import io.alertbridge.processor.config.AlertbridgeConfig;
import io.alertbridge.processor.config.ProcessorConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Options every running subcommand shares, on top of the environment contract: {@code --config} stands for
 * {@code ALERTBRIDGE_CONFIG}, {@code --http-port} for {@code ALERTBRIDGE_HTTP_PORT}. An option wins over the
 * variable; the variable wins over the file. The configuration is loaded once per command, on first use.
 */
final class LauncherOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (default: $ALERTBRIDGE_CONFIG).")
    Path config;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = "Port of /health, /metrics and /slack/events (default: $ALERTBRIDGE_HTTP_PORT or 8080).")
    Integer httpPort;

    private AlertbridgeConfig loaded;

    /**
     * The process environment with the options applied, as the configuration loader reads it. A new, mutable map
     * on every call.
     */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (config != null) {
            env.put(ProcessorConfig.CONFIG_VARIABLE, config.toString());
        }
        return env;
    }

    /** The whole configuration from file and environment, loaded on the first call; fails naming the bad key. */
    AlertbridgeConfig configuration() {
        if (loaded == null) {
            loaded = AlertbridgeConfig.load(environment());
        }
        return loaded;
    }

    /**
     * The processor's slice, for a subcommand that needs a real cluster: fails, naming what to set, when Kafka is
     * left at {@code dev} (the in-process broker only {@code alertbridge dev} starts).
     */
    ProcessorConfig clusterConfig() {
        ProcessorConfig processor = configuration().processor();
        if (processor.kafka().usesDevBroker()) {
            throw new IllegalArgumentException("no Kafka cluster configured: set KAFKA_BOOTSTRAP_SERVERS (or "
                    + "kafka.bootstrapServers), or use 'alertbridge dev' for the in-process broker");
        }
        return processor;
    }

    /** The HTTP port to serve on: the option, else the configuration's. */
    int httpPort() {
        return httpPort != null ? httpPort : configuration().httpPort();
    }
}
