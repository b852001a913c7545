package io.alertbridge.bench;

import io.alertbridge.testkit.chaos.LauncherEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The product's configuration for {@link EndToEndLatency}: one route to {@code #alerts} with the given group wait, a
 * throttle that paces nothing, and the run's {@code key=value} settings.
 */
final class LatencyConfig {

    /** A setting with this prefix is a Kafka Streams property, put in {@code streams.properties}. */
    static final String STREAMS_PROPERTY = "streams.";

    private LatencyConfig() {}

    /** Writes the rules and the configuration into {@code work}; returns the configuration file. */
    static Path write(Path work, LauncherEnvironment env, Duration groupWait, Map<String, String> settings)
            throws IOException {
        Files.createDirectories(work);
        Path rules = work.resolve("rules.yaml");
        Files.writeString(
                rules,
                """
                rules:
                  - kind: route
                    id: default
                    channel: "#alerts"
                    groupWait: %dms
                    updateInterval: 1s
                """
                        .formatted(groupWait.toMillis()));
        String streams = (settings.containsKey("commitInterval")
                        ? "  commitInterval: " + settings.get("commitInterval") + "\n"
                        : "")
                + (settings.containsKey("numThreads") ? "  numThreads: " + settings.get("numThreads") + "\n" : "")
                + (settings.containsKey("hops") ? "  hops: " + settings.get("hops") + "\n" : "")
                + streamsProperties(settings);
        StringBuilder incidents = new StringBuilder();
        if (settings.containsKey("throttleTick")) {
            incidents
                    .append("  throttleTick: ")
                    .append(settings.get("throttleTick"))
                    .append('\n');
        }
        if (settings.containsKey("lifecycleTick")) {
            incidents
                    .append("  lifecycleTick: ")
                    .append(settings.get("lifecycleTick"))
                    .append('\n');
        }
        Path config = work.resolve("alertbridge.yaml");
        // Only what the benchmark must set: the throttle paces nothing (see the class comment).
        Files.writeString(
                config,
                """
                rules: {file: "%s"}
                streams:
                  applicationId: %s
                %sincidents:
                %s  throttle: {postSpacing: 0s, updatesPerMinute: 100000, defaultStormLimit: 100000}
                slack: {groupId: %s}
                """
                        .formatted(
                                rules,
                                env.topicPrefix() + "processor",
                                streams,
                                incidents,
                                env.topicPrefix() + "slack-sink"));
        return config;
    }

    /** The {@code streams.NAME=VALUE} settings as the configuration's {@code streams.properties}, or nothing. */
    private static String streamsProperties(Map<String, String> settings) {
        StringBuilder yaml = new StringBuilder();
        settings.forEach((key, value) -> {
            if (key.startsWith(STREAMS_PROPERTY)) {
                yaml.append(yaml.length() == 0 ? "  properties:\n" : "")
                        .append("    \"")
                        .append(key.substring(STREAMS_PROPERTY.length()))
                        .append("\": \"")
                        .append(value)
                        .append("\"\n");
            }
        });
        return yaml.toString();
    }
}
