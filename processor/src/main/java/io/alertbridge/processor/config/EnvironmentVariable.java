package io.alertbridge.processor.config;

import java.util.List;
import java.util.Optional;

/**
 * The environment contract: every variable Alertbridge reads, the configuration keys it sets, what it means and
 * its default. This table is the only place a variable is named for reading ({@link ConfigLoader} applies it, in
 * this order, so a later row wins over an earlier one for the same key), and the README's table is checked against
 * it ({@link #markdownTable()}). An unset or blank variable leaves the file's value alone.
 */
public enum EnvironmentVariable {
    ALERTBRIDGE_CONFIG(List.of(), "path of the YAML configuration file", "none: built-in defaults"),
    KAFKA_BOOTSTRAP_SERVERS(List.of("kafka.bootstrapServers"), "Kafka cluster", "`dev`: the in-process broker"),
    ALERTBRIDGE_TOPIC_PREFIX(
            List.of("topics.prefix", "slack.topicPrefix", "interactivity.topicPrefix"),
            "prefix of every topic name",
            "`alertbridge.`"),
    ALERTBRIDGE_SQS_QUEUE_URLS(
            List.of("sqs.queueUrls"), "comma-separated SQS queue URLs the bridge drains", "none (bridge idle)"),
    AWS_REGION(
            List.of("aws.region", "sqs.region"), "AWS region (the AWS SDK reads it too)", "the AWS SDK's region chain"),
    AWS_ENDPOINT_URL(
            List.of("aws.endpoint", "sqs.endpoint"),
            "endpoint of every AWS service (LocalStack, ElasticMQ)",
            "AWS's own endpoints"),
    AWS_ENDPOINT_URL_SQS(List.of("sqs.endpoint"), "endpoint of SQS alone; wins over `AWS_ENDPOINT_URL`", "AWS's own"),
    SLACK_BOT_TOKEN(
            List.of("slack.token", "interactivity.botToken"),
            "Slack bot token, or a secret reference (`secretsmanager:`, `ssm:`)",
            "`dev`: the local workspace's"),
    SLACK_SIGNING_SECRET(
            List.of("interactivity.signingSecret"),
            "Slack signing secret (HTTP mode), or a secret reference",
            "`dev`: generated at every start"),
    SLACK_APP_TOKEN(
            List.of("interactivity.appToken"),
            "Slack app-level token; selects Socket Mode; or a secret reference",
            "none: HTTP mode"),
    SLACK_API_URL(
            List.of("slack.apiUrl", "interactivity.apiUrl"),
            "base URL of Slack's Web API (ending in `/api/`)",
            "`https://slack.com/api/`"),
    SLACK_DEFAULT_CHANNEL(
            List.of("rules.defaultChannel", "slack.defaultChannel"), "channel of the default route", "`#alerts`"),
    ALERTBRIDGE_GRAPHS(
            List.of("slack.graphs.enabled"),
            "graphs of the metric or scores in incident messages (`true`/`false`)",
            "`true`"),
    ALERTBRIDGE_HTTP_PORT(List.of("httpPort"), "port of `/health`, `/metrics` and `/slack/events`", "`8080`"),
    ALERTBRIDGE_STATE_DIR(List.of("stateDir"), "local state (RocksDB, dev-mode Kafka data)", "`./.alertbridge`");

    private final List<String> keys;
    private final String description;
    private final String defaultValue;

    EnvironmentVariable(List<String> keys, String description, String defaultValue) {
        this.keys = keys;
        this.description = description;
        this.defaultValue = defaultValue;
    }

    /** The configuration keys this variable sets, the principal one first; none for {@link #ALERTBRIDGE_CONFIG}. */
    public List<String> keys() {
        return keys;
    }

    public String description() {
        return description;
    }

    /** What applies when neither the variable nor the file says, as the README shows it. */
    public String defaultValue() {
        return defaultValue;
    }

    /** True when the value is a comma-separated list. */
    boolean isList() {
        return this == ALERTBRIDGE_SQS_QUEUE_URLS;
    }

    /** The variable's value in {@code environment}, or empty when it is unset or blank. */
    public Optional<String> in(java.util.Map<String, String> environment) {
        String value = environment.get(name());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The variables that set {@code key}, in the order they are applied. */
    public static List<EnvironmentVariable> setting(String key) {
        return java.util.Arrays.stream(values())
                .filter(variable -> variable.keys.contains(key))
                .toList();
    }

    /** The README's table of environment variables, one row per variable, in this order. */
    public static String markdownTable() {
        StringBuilder table =
                new StringBuilder("| variable | key in the file | meaning | default |\n|---|---|---|---|\n");
        for (EnvironmentVariable variable : values()) {
            String keys = variable.keys.isEmpty()
                    ? "none"
                    : String.join(
                            ", ", variable.keys.stream().map(k -> "`" + k + "`").toList());
            table.append("| `")
                    .append(variable.name())
                    .append("` | ")
                    .append(keys)
                    .append(" | ")
                    .append(variable.description)
                    .append(" | ")
                    .append(variable.defaultValue)
                    .append(" |\n");
        }
        return table.toString();
    }
}
