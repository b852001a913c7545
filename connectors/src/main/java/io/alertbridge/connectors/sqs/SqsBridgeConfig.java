package io.alertbridge.connectors.sqs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.alertbridge.schemas.config.Check;
import io.alertbridge.schemas.topics.Topics;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bridge's typed, validated configuration. Every check runs in the constructor and fails with an
 * {@link IllegalArgumentException} whose message names the bad field, so a wrong setting stops the process at start.
 *
 * <p>The defaults ({@link #of(List)}) follow SQS's own advice for high-throughput consumers: long polling with the
 * longest wait (20 s) and the largest batch (10), two receivers per queue. Memory is bounded by
 * {@code queueUrls.size() * maxInFlight} message bodies (at most 1 MiB each on SQS, usually a few KiB).
 *
 * <p>From a file: the {@code sqs:} section of the YAML configuration, bound over {@link #of(List)} by the one
 * configuration loader with the environment overriding it ({@code ALERTBRIDGE_SQS_QUEUE_URLS},
 * {@code AWS_ENDPOINT_URL_SQS}, else {@code aws.endpoint}; {@code aws.region}); every key is optional:
 *
 * <pre>
 * sqs:
 *   queueUrls: [https://sqs.eu-west-1.amazonaws.com/111122223333/alarms]
 *   endpoint: http://localhost:9324   # default: the AWS SDK's own (AWS_ENDPOINT_URL_SQS, else AWS's)
 *   region: eu-west-1                 # default: the AWS SDK's chain (AWS_REGION, profile, instance metadata)
 *   receiversPerQueue: 2
 *   waitTime: 20s
 *   maxMessagesPerReceive: 10
 *   maxInFlight: 500
 *   visibilityTimeout: 30s
 *   extensionMargin: 10s
 *   closeTimeout: 30s
 * </pre>
 *
 * <p>Immutable and thread-safe. {@link #toBuilder()} derives a changed copy.
 *
 * @param queueUrls the queues to drain; empty means the bridge is idle
 * @param endpoint the SQS endpoint ({@code http(s)://host[:port]}), or null for the AWS SDK's own
 * @param region the AWS region of the client, or null for the AWS SDK's region chain
 * @param receiversPerQueue concurrent long-polling receivers per queue
 * @param waitTime long-poll wait of each receive (whole seconds, 0..20)
 * @param maxMessagesPerReceive {@code MaxNumberOfMessages} of each receive (1..10)
 * @param maxInFlight per queue: messages received and not yet deleted (or given back) before receiving pauses
 * @param visibilityTimeout visibility the bridge asks for on receive and on each extension (whole seconds)
 * @param extensionMargin a message still in flight this close to its visibility deadline gets it extended
 * @param closeTimeout how long {@code close()} waits for in-flight produces and deletes before giving messages back
 * @param topicPrefix the prefix of the topic catalog ({@link #topics()}); the loader sets it from {@code topics.prefix}
 */
public record SqsBridgeConfig(
        List<String> queueUrls,
        URI endpoint,
        String region,
        int receiversPerQueue,
        Duration waitTime,
        int maxMessagesPerReceive,
        int maxInFlight,
        Duration visibilityTimeout,
        Duration extensionMargin,
        Duration closeTimeout,
        String topicPrefix) {

    /** SQS caps a message's visibility timeout at 12 hours. */
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String SECTION = "sqs";

    public SqsBridgeConfig {
        require(queueUrls != null, "queueUrls", "must not be null");
        validateQueueUrls(queueUrls);
        queueUrls = List.copyOf(queueUrls);
        require(
                endpoint == null || Check.isHttpUrl(endpoint),
                "endpoint",
                "must be an http(s) URL, was '" + endpoint + "'");
        require(
                region == null || REGION.matcher(region).matches(),
                "region",
                "must be an AWS region code such as eu-west-1, was '" + region + "'");
        require(receiversPerQueue >= 1 && receiversPerQueue <= 64, "receiversPerQueue", "must be 1..64");
        require(waitTime != null, "waitTime", "must not be null");
        require(
                wholeSeconds(waitTime) && !waitTime.isNegative() && waitTime.getSeconds() <= 20,
                "waitTime",
                "must be whole seconds in 0..20 (SQS long polling), was " + waitTime);
        require(
                maxMessagesPerReceive >= 1 && maxMessagesPerReceive <= 10,
                "maxMessagesPerReceive",
                "must be 1..10 (SQS MaxNumberOfMessages)");
        require(
                maxInFlight >= maxMessagesPerReceive,
                "maxInFlight",
                "must be at least maxMessagesPerReceive (" + maxMessagesPerReceive + ")");
        require(visibilityTimeout != null, "visibilityTimeout", "must not be null");
        require(
                wholeSeconds(visibilityTimeout)
                        && visibilityTimeout.getSeconds() >= 2
                        && visibilityTimeout.compareTo(MAX_VISIBILITY) <= 0,
                "visibilityTimeout",
                "must be whole seconds in 2s..12h, was " + visibilityTimeout);
        require(extensionMargin != null, "extensionMargin", "must not be null");
        require(
                extensionMargin.toMillis() >= 500 && extensionMargin.compareTo(visibilityTimeout) < 0,
                "extensionMargin",
                "must be at least 500ms and shorter than visibilityTimeout (" + visibilityTimeout + ")");
        require(closeTimeout != null && !closeTimeout.isNegative(), "closeTimeout", "must be zero or positive");
        require(topicPrefix != null, "topicPrefix", "must not be null");
    }

    /** The defaults for the given queues: 2 receivers, 20 s wait, 10 per receive, 500 in flight, 30 s visibility. */
    public static SqsBridgeConfig of(List<String> queueUrls) {
        return new SqsBridgeConfig(
                queueUrls,
                null,
                null,
                2,
                Duration.ofSeconds(20),
                10,
                500,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Topics.DEFAULT_PREFIX);
    }

    /** The topic catalog: records go to {@code awsRaw()}, poison messages to {@code deadLetters()}. */
    @JsonIgnore
    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    private static void validateQueueUrls(List<String> urls) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            String field = "queueUrls[" + i + "]";
            require(url != null && !url.isBlank(), field, "must not be blank");
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SECTION + "." + field + ": not a URL: '" + url + "'", e);
            }
            String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
            require(
                    (scheme.equals("https") || scheme.equals("http"))
                            && uri.getHost() != null
                            && uri.getPath() != null
                            && uri.getPath().length() > 1,
                    field,
                    "must be a queue URL like https://sqs.<region>.amazonaws.com/<account>/<queue>, was '" + url + "'");
            require(seen.add(url), field, "lists '" + url + "' twice");
        }
    }

    private static boolean wholeSeconds(Duration d) {
        return d.getNano() == 0;
    }

    /** A check of one setting, named as the file's key ({@code sqs.waitTime}) whether it came from a file or not. */
    private static void require(boolean condition, String field, String problem) {
        Check.require(condition, SECTION + "." + field, problem);
    }

    /** A builder starting from of(List.of): set what differs, then {@link Builder#build()}. */
    public static Builder builder() {
        return of(List.of()).toBuilder();
    }

    /** A builder starting from this configuration, for a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@code SqsBridgeConfig}; {@link #build()} validates as the constructor does. Not thread-safe. */
    public static final class Builder {
        private List<String> queueUrls;
        private URI endpoint;
        private String region;
        private int receiversPerQueue;
        private Duration waitTime;
        private int maxMessagesPerReceive;
        private int maxInFlight;
        private Duration visibilityTimeout;
        private Duration extensionMargin;
        private Duration closeTimeout;
        private String topicPrefix;

        private Builder() {}

        private Builder(SqsBridgeConfig from) {
            queueUrls = from.queueUrls;
            endpoint = from.endpoint;
            region = from.region;
            receiversPerQueue = from.receiversPerQueue;
            waitTime = from.waitTime;
            maxMessagesPerReceive = from.maxMessagesPerReceive;
            maxInFlight = from.maxInFlight;
            visibilityTimeout = from.visibilityTimeout;
            extensionMargin = from.extensionMargin;
            closeTimeout = from.closeTimeout;
            topicPrefix = from.topicPrefix;
        }

        public Builder queueUrls(List<String> value) {
            queueUrls = value;
            return this;
        }

        public Builder endpoint(URI value) {
            endpoint = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder receiversPerQueue(int value) {
            receiversPerQueue = value;
            return this;
        }

        public Builder waitTime(Duration value) {
            waitTime = value;
            return this;
        }

        public Builder maxMessagesPerReceive(int value) {
            maxMessagesPerReceive = value;
            return this;
        }

        public Builder maxInFlight(int value) {
            maxInFlight = value;
            return this;
        }

        public Builder visibilityTimeout(Duration value) {
            visibilityTimeout = value;
            return this;
        }

        public Builder extensionMargin(Duration value) {
            extensionMargin = value;
            return this;
        }

        public Builder closeTimeout(Duration value) {
            closeTimeout = value;
            return this;
        }

        public Builder topicPrefix(String value) {
            topicPrefix = value;
            return this;
        }

        /** The prefix of this topic catalog. */
        public Builder topics(Topics catalog) {
            topicPrefix = catalog.prefix();
            return this;
        }

        /** The configuration, validated. */
        public SqsBridgeConfig build() {
            return new SqsBridgeConfig(
                    queueUrls,
                    endpoint,
                    region,
                    receiversPerQueue,
                    waitTime,
                    maxMessagesPerReceive,
                    maxInFlight,
                    visibilityTimeout,
                    extensionMargin,
                    closeTimeout,
                    topicPrefix);
        }
    }
}
