package io.alertbridge.processor.config;

import io.alertbridge.connectors.receivers.assembly.ReceiversConfig;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.connectors.sqs.SqsBridgeConfig;
import io.alertbridge.schemas.config.Check;
import io.alertbridge.schemas.config.InvalidConfigException;

import java.util.Map;

/**
 * Alertbridge's whole configuration, one slice per part, loaded once per process by {@link ConfigLoader} from the
 * YAML file named by {@code ALERTBRIDGE_CONFIG} (built-in defaults otherwise) with the environment variables of
 * {@link EnvironmentVariable} winning over the file. A command takes the slices of the parts it starts. Immutable.
 *
 * <p>The file's top level holds the processor's keys ({@code stateDir}, {@code kafka}, {@code topics}, ...) beside
 * {@code httpPort}, {@code aws}, {@code sqs}, {@code slack}, {@code interactivity} and {@code receivers}; any other key fails the load.
 * The topic prefix is set once ({@code topics.prefix}) and handed to every part.
 *
 * @param processor the stream processor's slices (and the Kafka cluster every part uses)
 * @param httpPort port of {@code /health}, {@code /metrics} and {@code /slack/events}; environment
 *     {@code ALERTBRIDGE_HTTP_PORT}
 * @param aws how AWS is reached
 * @param bridge the SQS bridge ({@code sqs:})
 * @param sink the Slack sink ({@code slack:}); needs a bot token, so checked when a command asks for it
 * @param interactivity Slack interactivity ({@code interactivity:}); needs tokens, so checked when asked for
 * @param receivers the receivers beside Slack ({@code receivers:}: webhooks, ...), none by default
 */
public record AlertbridgeConfig(
        ProcessorConfig processor,
        int httpPort,
        AwsSlice aws,
        SqsBridgeConfig bridge,
        Deferred<SlackSinkConfig> sink,
        Deferred<InteractivityConfig> interactivity,
        ReceiversConfig receivers) {

    /** The port of {@code /health}, {@code /metrics} and {@code /slack/events} unless configured. */
    public static final int DEFAULT_HTTP_PORT = 8080;

    public AlertbridgeConfig {
        Check.notNull("processor", processor);
        Check.require(httpPort >= 0 && httpPort <= 65535, "httpPort", "must be a port number (0..65535)");
        Check.notNull("aws", aws);
        Check.notNull("sqs", bridge);
        Check.notNull("slack", sink);
        Check.notNull("interactivity", interactivity);
        Check.notNull("receivers", receivers);
    }

    /**
     * Loads the configuration from the given environment (the process's is {@code System.getenv()}).
     *
     * @throws InvalidConfigException naming the key (and file or variable) that is wrong
     */
    public static AlertbridgeConfig load(Map<String, String> environment) {
        return ConfigLoader.load(environment);
    }
}
