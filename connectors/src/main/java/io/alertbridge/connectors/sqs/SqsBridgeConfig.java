package io.alertbridge.connectors.sqs;

import io.alertbridge.connectors.config.SectionBinder;
import io.alertbridge.schemas.topics.Topics;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * <p>From a file: the {@code sqs:} section of the YAML configuration, bound by {@link #from(Map, Map)} with the
 * environment overriding it ({@value #QUEUE_URLS_ENV}, {@code AWS_ENDPOINT_URL_SQS} or {@code AWS_ENDPOINT_URL},
 * {@code AWS_REGION}, {@value #TOPIC_PREFIX_ENV}); every key is optional:
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
 * <p>Immutable and thread-safe. Use the {@code with...} methods to derive a changed copy.
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
 * @param topics the topic catalog: records go to {@code topics.awsRaw()}, poison messages to {@code deadLetters()}
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
        Topics topics) {

    /** The environment variable of the environment contract that lists the queue URLs, comma-separated. */
    public static final String QUEUE_URLS_ENV = "ALERTBRIDGE_SQS_QUEUE_URLS";

    /** The environment variable of the environment contract that sets the topic prefix. */
    public static final String TOPIC_PREFIX_ENV = "ALERTBRIDGE_TOPIC_PREFIX";

    /** SQS caps a message's visibility timeout at 12 hours. */
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String SECTION = "sqs";

    public SqsBridgeConfig {
        require(queueUrls != null, "queueUrls", "must not be null");
        validateQueueUrls(queueUrls);
        queueUrls = List.copyOf(queueUrls);
        require(
                endpoint == null || SectionBinder.isHttpUrl(endpoint),
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
        require(topics != null, "topics", "must not be null");
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
                Topics.defaults());
    }

    /**
     * The defaults with the queues of {@value #QUEUE_URLS_ENV} and the topic prefix of {@value #TOPIC_PREFIX_ENV}
     * taken from the given environment (the launcher passes {@code System.getenv()}). An unset or blank variable
     * gives no queues (an idle bridge) and the default prefix. The same as {@link #from(Map, Map)} without a file.
     */
    public static SqsBridgeConfig fromEnvironment(Map<String, String> environment) {
        return from(null, environment);
    }

    /**
     * Binds the YAML {@code sqs} section (as a map; null for none) over the defaults and applies the environment's
     * overrides: {@value #QUEUE_URLS_ENV} (comma-separated) replaces {@code queueUrls}, {@code AWS_ENDPOINT_URL_SQS}
     * (else {@code AWS_ENDPOINT_URL}) {@code endpoint}, {@code AWS_REGION} {@code region}, and
     * {@value #TOPIC_PREFIX_ENV} the topic prefix. A blank variable overrides nothing.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public static SqsBridgeConfig from(Map<String, ?> section, Map<String, String> env) {
        Section bound = SectionBinder.of(SECTION, section)
                .onlyKeysOf(Section.class)
                .overlay("queueUrls", SectionBinder.commaSeparated(env.get(QUEUE_URLS_ENV)))
                .overlay("endpoint", env.get("AWS_ENDPOINT_URL"))
                .overlay("endpoint", env.get("AWS_ENDPOINT_URL_SQS"))
                .overlay("region", env.get("AWS_REGION"))
                .bind(Section.class);
        String prefix = env.get(TOPIC_PREFIX_ENV);
        Topics topics = prefix == null || prefix.isBlank() ? Topics.defaults() : Topics.withPrefix(prefix.trim());
        return bound.over(of(List.of())).withTopics(topics);
    }

    /**
     * The {@code sqs} section as written: every key optional, so what is left out keeps its default.
     *
     * @param endpoint kept as text so that a bad URL fails with this configuration's own message
     */
    record Section(
            List<String> queueUrls,
            String endpoint,
            String region,
            Integer receiversPerQueue,
            Duration waitTime,
            Integer maxMessagesPerReceive,
            Integer maxInFlight,
            Duration visibilityTimeout,
            Duration extensionMargin,
            Duration closeTimeout) {

        /** These settings over {@code defaults}; validated by the bridge configuration's constructor. */
        SqsBridgeConfig over(SqsBridgeConfig defaults) {
            return new SqsBridgeConfig(
                    or(queueUrls, defaults.queueUrls()),
                    endpoint == null || endpoint.isBlank() ? defaults.endpoint() : toUri(endpoint.strip()),
                    region == null || region.isBlank() ? defaults.region() : region.strip(),
                    or(receiversPerQueue, defaults.receiversPerQueue()),
                    or(waitTime, defaults.waitTime()),
                    or(maxMessagesPerReceive, defaults.maxMessagesPerReceive()),
                    or(maxInFlight, defaults.maxInFlight()),
                    or(visibilityTimeout, defaults.visibilityTimeout()),
                    or(extensionMargin, defaults.extensionMargin()),
                    or(closeTimeout, defaults.closeTimeout()),
                    defaults.topics());
        }

        private static <T> T or(T value, T fallback) {
            return value == null ? fallback : value;
        }

        private static URI toUri(String text) {
            try {
                return URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        SECTION + ".endpoint: must be an http(s) URL, was '" + text + "'", e);
            }
        }
    }

    /** A copy with another SQS endpoint (null: the AWS SDK's own) and region (null: the SDK's chain). */
    public SqsBridgeConfig withEndpoint(URI sqsEndpoint, String awsRegion) {
        return new SqsBridgeConfig(
                queueUrls,
                sqsEndpoint,
                awsRegion,
                receiversPerQueue,
                waitTime,
                maxMessagesPerReceive,
                maxInFlight,
                visibilityTimeout,
                extensionMargin,
                closeTimeout,
                topics);
    }

    public SqsBridgeConfig withReceiversPerQueue(int receivers) {
        return new SqsBridgeConfig(
                queueUrls,
                endpoint,
                region,
                receivers,
                waitTime,
                maxMessagesPerReceive,
                maxInFlight,
                visibilityTimeout,
                extensionMargin,
                closeTimeout,
                topics);
    }

    public SqsBridgeConfig withWaitTime(Duration wait) {
        return new SqsBridgeConfig(
                queueUrls,
                endpoint,
                region,
                receiversPerQueue,
                wait,
                maxMessagesPerReceive,
                maxInFlight,
                visibilityTimeout,
                extensionMargin,
                closeTimeout,
                topics);
    }

    public SqsBridgeConfig withMaxMessagesPerReceive(int max) {
        return new SqsBridgeConfig(
                queueUrls,
                endpoint,
                region,
                receiversPerQueue,
                waitTime,
                max,
                maxInFlight,
                visibilityTimeout,
                extensionMargin,
                closeTimeout,
                topics);
    }

    public SqsBridgeConfig withMaxInFlight(int max) {
        return new SqsBridgeConfig(
                queueUrls,
                endpoint,
                region,
                receiversPerQueue,
                waitTime,
                maxMessagesPerReceive,
                max,
                visibilityTimeout,
                extensionMargin,
                closeTimeout,
                topics);
    }

    /** A copy with another visibility timeout and extension margin (they are validated together). */
    public SqsBridgeConfig withVisibility(Duration timeout, Duration margin) {
        return new SqsBridgeConfig(
                queueUrls,
                endpoint,
                region,
                receiversPerQueue,
                waitTime,
                maxMessagesPerReceive,
                maxInFlight,
                timeout,
                margin,
                closeTimeout,
                topics);
    }

    public SqsBridgeConfig withCloseTimeout(Duration timeout) {
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
                timeout,
                topics);
    }

    public SqsBridgeConfig withTopics(Topics catalog) {
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
                catalog);
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
        SectionBinder.require(condition, SECTION + "." + field, problem);
    }
}
