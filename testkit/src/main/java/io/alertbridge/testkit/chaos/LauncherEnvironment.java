package io.alertbridge.testkit.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a child {@code alertbridge} launcher finds everything, as the product's environment contract says it
 * (Kafka, topic prefix, SQS endpoint and queues, Slack Web API and secrets, configuration file), plus the YAML
 * configuration that makes a test run fast: the throttle paces nothing (the local workspace's rate limits are meant
 * to be off), incidents post after one second, consumer groups notice a killed member within six seconds.
 *
 * @param bootstrapServers the Kafka cluster
 * @param topicPrefix prefix of every topic
 * @param sqsEndpoint the SQS server's URL
 * @param queueUrl the queue the bridge drains
 * @param slackApiUrl the Slack Web API base URL, ending in {@code /api/}
 * @param slackBotToken the bot token the Web API takes
 * @param slackSigningSecret the signing secret interactivity checks
 * @param workDir where configuration, rules, state directories and logs go
 */
public record LauncherEnvironment(
        String bootstrapServers,
        String topicPrefix,
        String sqsEndpoint,
        String queueUrl,
        String slackApiUrl,
        String slackBotToken,
        String slackSigningSecret,
        Path workDir) {

    /** The launcher's entry point. */
    public static final String MAIN_CLASS = "io.alertbridge.launcher.cli.AlertbridgeMain";

    /**
     * Writes {@code alertbridge.yaml} and {@code rules.yaml} into the work directory and returns the configuration
     * file's path. The bridge asks SQS for an 8 s visibility timeout instead of 30 s: what a killed bridge had
     * received comes back after 8 s, so a test waits less for the redelivery it checks.
     *
     * @param standbyReplicas Kafka Streams' {@code num.standby.replicas}
     * @param streamsApplicationId the processor's application id (consumer group and internal topic prefix)
     */
    public Path writeConfig(int standbyReplicas, String streamsApplicationId) {
        return writeConfig(standbyReplicas, streamsApplicationId, "auto");
    }

    /**
     * {@link #writeConfig(int, String)} with the processor's {@code streams.hops}: {@code topics}, {@code in_task}
     * (needs topics of one partition) or {@code auto}.
     */
    public Path writeConfig(int standbyReplicas, String streamsApplicationId, String hops) {
        try {
            Files.createDirectories(workDir);
            Path rules = workDir.resolve("rules.yaml");
            Files.writeString(
                    rules,
                    """
                    rules:
                      - kind: route
                        id: default
                        channel: "#alerts"
                        groupWait: 1s
                        updateInterval: 1s
                    """);
            Path config = workDir.resolve("alertbridge.yaml");
            Files.writeString(
                    config,
                    """
                    rules: {file: "%s"}
                    kafka:
                      properties: {session.timeout.ms: "6000", heartbeat.interval.ms: "1500"}
                    streams:
                      applicationId: %s
                      commitInterval: 100ms
                      numStandbyReplicas: %d
                      hops: %s
                    rocksdb: {blockCacheBytes: 16MiB, writeBufferBytes: 4MiB}
                    incidents:
                      throttleTick: 250ms
                      throttle: {postSpacing: 0s, updatesPerMinute: 100000, defaultStormLimit: 100000}
                    slack: {groupId: %s}
                    sqs: {visibilityTimeout: 8s, extensionMargin: 3s}
                    """
                            .formatted(rules, streamsApplicationId, standbyReplicas, hops, topicPrefix + "slack-sink"));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the launcher's configuration in " + workDir, e);
        }
    }

    /**
     * The environment of one launcher child.
     *
     * @param config the configuration file ({@link #writeConfig})
     * @param stateDir the child's own state directory (RocksDB); two instances never share one
     * @param httpPort the port of its {@code /health}
     */
    public Map<String, String> forChild(Path config, Path stateDir, int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("ALERTBRIDGE_CONFIG", config.toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("ALERTBRIDGE_TOPIC_PREFIX", topicPrefix);
        env.put("ALERTBRIDGE_STATE_DIR", stateDir.toString());
        env.put("ALERTBRIDGE_HTTP_PORT", Integer.toString(httpPort));
        env.put("ALERTBRIDGE_SQS_QUEUE_URLS", queueUrl);
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "x");
        env.put("AWS_SECRET_ACCESS_KEY", "x");
        env.put("SLACK_API_URL", slackApiUrl);
        env.put("SLACK_BOT_TOKEN", slackBotToken);
        env.put("SLACK_SIGNING_SECRET", slackSigningSecret);
        env.put("SLACK_DEFAULT_CHANNEL", "#alerts");
        return env;
    }

    /**
     * A child running {@code alertbridge <subcommand>} with its own state directory and HTTP port.
     *
     * @param name the child's name (log file, state directory)
     * @param subcommand {@code run}, {@code process}, {@code bridge}, {@code sink}, ...
     * @param config the configuration file
     * @param classPath a class path holding the launcher
     */
    public ChildJvm.Spec launcher(String name, String subcommand, Path config, String classPath) {
        int port = freePort();
        return new ChildJvm.Spec(
                name,
                MAIN_CLASS,
                List.of(subcommand),
                forChild(config, workDir.resolve("state-" + name), port),
                classPath,
                ChildJvm.testJvm("384m"),
                workDir.resolve("logs"),
                port);
    }

    /**
     * Runs {@code alertbridge topics create} in a child and waits for it (up to three minutes).
     *
     * @param config the configuration file
     * @param classPath a class path holding the launcher
     * @param mainClass the launcher's entry point on that class path
     * @throws IllegalStateException when it fails or does not finish in time, naming its log
     */
    public void createTopics(Path config, String classPath, String mainClass) {
        createTopics(config, classPath, mainClass, 3);
    }

    /** {@link #createTopics(Path, String, String)} with {@code partitions} per topic. */
    public void createTopics(Path config, String classPath, String mainClass, int partitions) {
        ChildJvm.Spec create = launcher("topics", "topics", config, classPath)
                .withArgs(List.of("topics", "create", "--partitions", Integer.toString(partitions)))
                .withMainClass(mainClass)
                .withJvmOptions(ChildJvm.testJvm("256m"))
                .onPort(0);
        try (ChildJvm child = ChildJvm.start(create)) {
            int code = child.awaitExit(Duration.ofMinutes(3));
            if (code != 0) {
                throw new IllegalStateException("topics create failed (" + code + "); see " + child.log());
            }
        }
    }

    /** A port free now (another process may take it before it is used; good enough on a test machine). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
