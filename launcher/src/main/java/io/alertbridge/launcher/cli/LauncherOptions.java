package io.alertbridge.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.processor.config.ProcessorConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Options every running subcommand shares, on top of the environment contract: {@code --config} stands for
 * {@code ALERTBRIDGE_CONFIG}, {@code --http-port} for {@code ALERTBRIDGE_HTTP_PORT}. An option wins over the
 * variable; the variable wins over the file.
 */
final class LauncherOptions {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The port of {@code /health}, {@code /metrics} and {@code /slack/events} unless configured. */
    static final int DEFAULT_HTTP_PORT = 8080;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (default: $ALERTBRIDGE_CONFIG).")
    Path config;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = "Port of /health, /metrics and /slack/events (default: $ALERTBRIDGE_HTTP_PORT or 8080).")
    Integer httpPort;

    /**
     * The process environment with the options applied, as every loader of configuration reads it. A new,
     * mutable map on every call.
     */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (config != null) {
            env.put(ProcessorConfig.CONFIG_VARIABLE, config.toString());
        }
        return env;
    }

    /** The processor's configuration from file and environment; fails naming the bad key. */
    ProcessorConfig processorConfig() {
        return ProcessorConfig.load(environment());
    }

    /**
     * One top-level section of the YAML configuration file as a map (empty when there is no file or no such
     * section), for the parts whose configuration records bind themselves ({@code slack:}, {@code interactivity:},
     * {@code sqs:}).
     */
    Map<String, Object> section(String name) {
        String file = environment().get(ProcessorConfig.CONFIG_VARIABLE);
        if (file == null || file.isBlank()) {
            return Map.of();
        }
        try {
            Map<?, ?> root = YAML.readValue(Path.of(file).toFile(), Map.class);
            Object section = root == null ? null : root.get(name);
            if (section == null) {
                return Map.of();
            }
            if (!(section instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": '" + name + "' must be a mapping");
            }
            Map<String, Object> typed = new HashMap<>();
            map.forEach((k, v) -> typed.put(String.valueOf(k), v));
            return typed;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The SQS bridge's configuration: the {@code sqs:} section with the environment's overrides, writing to the
     * topics of the processor's configuration.
     */
    SqsBridgeConfig bridgeConfig(ProcessorConfig config) {
        return SqsBridgeConfig.from(section("sqs"), environment()).withTopics(config.topicCatalog());
    }

    /**
     * The configuration of a subcommand that needs a real cluster: fails, naming what to set, when Kafka is left at
     * {@code dev} (the in-process broker only {@code alertbridge dev} starts).
     */
    ProcessorConfig clusterConfig() {
        ProcessorConfig config = processorConfig();
        if (config.kafka().usesDevBroker()) {
            throw new IllegalArgumentException("no Kafka cluster configured: set KAFKA_BOOTSTRAP_SERVERS (or "
                    + "kafka.bootstrapServers), or use 'alertbridge dev' for the in-process broker");
        }
        return config;
    }

    /**
     * Where the Slack bot token comes from, for messages about it: {@code SLACK_BOT_TOKEN} when that variable is
     * set (it wins over the file), else the YAML key that holds it ({@code slack.token}, {@code
     * interactivity.botToken}).
     */
    String slackTokenName(String yamlKey) {
        String value = environment().get("SLACK_BOT_TOKEN");
        return value == null || value.isBlank() ? yamlKey : "SLACK_BOT_TOKEN";
    }

    /** The HTTP port to serve on. */
    int httpPort() {
        if (httpPort != null) {
            return httpPort;
        }
        String value = environment().get("ALERTBRIDGE_HTTP_PORT");
        if (value == null || value.isBlank()) {
            return DEFAULT_HTTP_PORT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ALERTBRIDGE_HTTP_PORT is not a port number: '" + value + "'", e);
        }
    }
}
