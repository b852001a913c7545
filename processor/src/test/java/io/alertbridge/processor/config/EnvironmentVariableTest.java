package io.alertbridge.processor.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The environment table is the README's, and every key it names is a key the loader binds. */
class EnvironmentVariableTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void shouldBeTheTableTheReadmeShows() throws IOException {
        assertThat(Files.readString(README))
                .as("README.md's table of environment variables is EnvironmentVariable.markdownTable(); paste it")
                .contains(EnvironmentVariable.markdownTable());
    }

    @Test
    void shouldNameOnlyKeysThatExistAndReachThem() {
        for (EnvironmentVariable variable : EnvironmentVariable.values()) {
            if (variable.keys().isEmpty() || variable == EnvironmentVariable.ALERTBRIDGE_SQS_QUEUE_URLS) {
                continue;
            }
            String value =
                    switch (variable) {
                        case ALERTBRIDGE_HTTP_PORT -> "9090";
                        case AWS_REGION -> "eu-west-3";
                        case AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SQS -> "http://aws.local:4566";
                        case SLACK_API_URL -> "http://slack.local/api/";
                        case SLACK_DEFAULT_CHANNEL -> "#elsewhere";
                        case SLACK_APP_TOKEN -> "xapp-1-x";
                        case ALERTBRIDGE_TOPIC_PREFIX -> "env.";
                        case ALERTBRIDGE_GRAPHS -> "false";
                        default -> "from-env";
                    };
            AlertbridgeConfig config = ConfigLoader.parse("", "ab.yaml", Map.of(variable.name(), value));
            for (String key : variable.keys()) {
                assertThat(valueAt(config, key)).as(variable + " sets " + key).isEqualTo(value);
            }
        }
        assertThat(Arrays.stream(EnvironmentVariable.values()).map(Enum::name))
                .doesNotHaveDuplicates()
                .contains("ALERTBRIDGE_TOPIC_PREFIX", "ALERTBRIDGE_CONFIG");
    }

    /** What the loaded configuration holds at a key, as text, read through the slices' own accessors. */
    private static String valueAt(AlertbridgeConfig config, String key) {
        String section = key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.'));
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        Object slice =
                switch (section) {
                    case "slack" ->
                        config.sink()
                                .with(Map.of("token", "xoxb-any"))
                                .ifValid()
                                .orElseThrow();
                    case "interactivity" ->
                        config.interactivity()
                                .with(Map.of("botToken", "xoxb-any", "signingSecret", "s", "appToken", "xapp-1-any"))
                                .ifValid()
                                .orElseThrow();
                    case "sqs" -> config.bridge();
                    case "aws" -> config.aws();
                    case "httpPort" -> config;
                    default -> config.processor();
                };
        if (section.equals("slack") && leaf.equals("token")) {
            return config.sink().sourceOf("token").endsWith("SLACK_BOT_TOKEN") ? "from-env" : "not set";
        }
        if (section.equals("interactivity") && leaf.matches("botToken|signingSecret|appToken")) {
            return config.interactivity().sourceOf(leaf).startsWith("SLACK_") ? value(leaf) : "not set";
        }
        // Walk the key from its slice down to the leaf's holder: kafka.bootstrapServers is processor.kafka(), and
        // slack.graphs.enabled is the sink's graphs().
        String[] path = key.split("\\.");
        Object holder = slice;
        for (int i = slice instanceof ProcessorConfig ? 0 : 1; i < path.length - 1; i++) {
            holder = read(holder, path[i]);
        }
        return String.valueOf(read(holder, leaf));
    }

    private static String value(String leaf) {
        return leaf.equals("appToken") ? "xapp-1-x" : "from-env";
    }

    private static Object read(Object record, String component) {
        try {
            return record.getClass().getMethod(component).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(record.getClass().getSimpleName() + " has no " + component, e);
        }
    }
}
