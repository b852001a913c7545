package io.alertbridge.launcher.cli;

import io.alertbridge.connectors.secrets.RotatingSecret;
import io.alertbridge.connectors.secrets.SecretReference;
import io.alertbridge.connectors.secrets.SecretResolver;
import io.alertbridge.connectors.slack.SlackSinkConfig;
import io.alertbridge.connectors.slack.interactivity.InteractivityConfig;
import io.alertbridge.processor.config.AlertbridgeConfig;
import io.alertbridge.processor.config.AwsSlice;
import io.alertbridge.processor.config.Deferred;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Slack secrets of one process as its parts read them: a value configured as itself is used as it is; a
 * {@link SecretReference} ({@code secretsmanager:...}, {@code ssm:...}) is read from AWS at start, through one
 * {@link SecretResolver} on the AWS connection settings ({@code aws:}), and a referenced bot token is read again
 * when Slack refuses it ({@link RotatingSecret} behind the part's {@code TokenWatch}). A secret that cannot be read
 * refuses the start, naming the key and the reference, never a value.
 *
 * <p>A referenced signing secret is read again when a request's signature does not match, and a referenced app token
 * when Slack refuses to open Socket Mode with it as invalid or revoked (each at most once per
 * {@link RotatingSecret#DEFAULT_MIN_INTERVAL}).
 *
 * <p>Used from the launcher's main thread; the suppliers it returns are thread-safe. {@link #close()} releases the
 * AWS clients (a rotating secret then keeps its last value).
 */
final class SlackSecrets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSecrets.class);

    /**
     * A slice with its secrets read, and where its bot token, signing secret and app token are read from from now on.
     *
     * @param signingSecret null for the sink's slice; gives null in Socket Mode
     * @param appToken null for the sink's slice; gives null in HTTP mode
     */
    record Resolved<T>(
            T config, Supplier<String> botToken, Supplier<String> signingSecret, Supplier<String> appToken) {}

    private final AwsSlice aws;
    private final Clock clock;
    private final Duration minInterval;
    private SecretResolver resolver;

    SlackSecrets(AwsSlice aws, Clock clock, Duration minInterval) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
    }

    /** The secrets of {@code config}, read again at most every {@link RotatingSecret#DEFAULT_MIN_INTERVAL}. */
    static SlackSecrets of(AlertbridgeConfig config) {
        return new SlackSecrets(config.aws(), Clock.systemUTC(), RotatingSecret.DEFAULT_MIN_INTERVAL);
    }

    /** The sink's slice with its token read; its token's supplier for the sink's {@code TokenWatch}. */
    Resolved<SlackSinkConfig> sink(Deferred<SlackSinkConfig> slice) {
        SlackSinkConfig config = slice.get();
        Supplier<String> token = read(slice.sourceOf("token"), config.token());
        return new Resolved<>(config.toBuilder().token(token.get()).build(), token, null, null);
    }

    /** Interactivity's slice with its secrets read; its bot token's supplier for its {@code TokenWatch}. */
    Resolved<InteractivityConfig> interactivity(Deferred<InteractivityConfig> slice) {
        InteractivityConfig config = slice.get();
        Supplier<String> botToken = read(slice.sourceOf("botToken"), config.botToken());
        InteractivityConfig.Builder read = config.toBuilder().botToken(botToken.get());
        Supplier<String> signingSecret = () -> null;
        if (config.signingSecret() != null) {
            signingSecret = read(slice.sourceOf("signingSecret"), config.signingSecret());
            read.signingSecret(signingSecret.get());
        }
        Supplier<String> appToken = () -> null;
        if (config.appToken() != null) {
            appToken = read(slice.sourceOf("appToken"), config.appToken());
            read.appToken(appToken.get());
        }
        return new Resolved<>(read.build(), botToken, signingSecret, appToken);
    }

    /**
     * The value configured under {@code key}: itself, or the referenced secret, read now.
     *
     * @throws io.alertbridge.schemas.config.InvalidConfigException naming {@code key} and the reference when the
     *     secret is missing, not JSON where a key is asked for, or lacks the key
     */
    Supplier<String> read(String key, String configured) {
        SecretReference.Parsed parsed = SecretReference.parse(configured);
        if (!parsed.isReference()) {
            return () -> configured;
        }
        SecretReference reference = parsed.reference();
        SecretResolver store = resolver();
        RotatingSecret secret =
                RotatingSecret.fetchNow(reference, () -> store.fetch(key, reference), clock, minInterval);
        LOG.info("Read {} from {}", key, reference);
        return secret;
    }

    private SecretResolver resolver() {
        if (resolver == null) {
            resolver = SecretResolver.standard(aws.region(), aws.endpoint());
        }
        return resolver;
    }

    @Override
    public void close() {
        if (resolver != null) {
            resolver.close();
        }
    }
}
