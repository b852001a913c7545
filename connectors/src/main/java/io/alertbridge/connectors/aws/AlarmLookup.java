package io.alertbridge.connectors.aws;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads one CloudWatch alarm for {@code /alerts alarm NAME}: its definition by exact name ({@code DescribeAlarms}
 * with {@code AlarmNames}, metric and composite), or, when no alarm has that name, up to
 * {@link #MAX_SUGGESTIONS} names that start like it ({@code AlarmNamePrefix}), with the region and the (masked)
 * account asked; and the topics connected to the bridge's queues ({@link ConnectedTopics}, cached), so that each
 * action can be judged ({@link ActionReach}). Read calls only.
 *
 * <p>The clients are the AWS SDK's standard ones, built at the first question (so a process without AWS starts
 * anyway and says so when asked): credentials from the SDK's default chain, the region and endpoint from the AWS
 * connection settings when given, else the SDK's own chain ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL}). Each call
 * gives up after {@link #CALL_TIMEOUT}. Every failure is an {@link Unavailable} with one plain sentence
 * ({@link AwsTrouble}). Blocking: call it off Slack's request thread. Thread-safe; {@link #close()} releases the
 * clients.
 */
public final class AlarmLookup implements AutoCloseable {

    /** How many similar names a "not found" offers at most. */
    public static final int MAX_SUGGESTIONS = 5;

    /** How long one AWS call may take, retries included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

    /** What a lookup found. */
    public sealed interface Result {}

    /** The alarm, and the connected topics its actions are judged against. */
    public record Found(AlarmDefinition alarm, ConnectedTopics.Snapshot connected) implements Result {}

    /**
     * No alarm has the name.
     *
     * @param region the region asked
     * @param maskedAccount the account asked, masked ({@link #maskAccount}), or "an unknown account"
     * @param similar up to {@link #MAX_SUGGESTIONS} names starting like it
     */
    public record NotFound(String region, String maskedAccount, List<String> similar) implements Result {
        public NotFound {
            similar = List.copyOf(similar);
        }
    }

    /** AWS could not be asked; the message is one plain sentence for people. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String sentence) {
            super(sentence);
        }
    }

    private final AwsAccess access;
    private final List<String> queueUrls;
    private final Clock clock;
    private Clients clients;
    private ConnectedTopics connected;
    private String account;

    /**
     * A lookup through the given access: the process's {@code aws:} settings, or dev's moto with its own credentials.
     *
     * @param access region, endpoint and credentials; what it leaves out comes from the SDK's chains
     * @param queueUrls the bridge's queues, whose subscriptions say which topics are connected
     */
    public AlarmLookup(AwsAccess access, List<String> queueUrls, Clock clock) {
        this.access = Objects.requireNonNull(access, "access");
        this.queueUrls = List.copyOf(queueUrls);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The alarm named exactly {@code name}, or what is there instead.
     *
     * @throws Unavailable with one sentence when AWS cannot be asked
     */
    public Result find(String name) {
        Clients c = clients();
        DescribeAlarmsResponse exact;
        try {
            exact = c.cloudWatch.describeAlarms(
                    b -> b.alarmNames(name).alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM));
        } catch (SdkException e) {
            throw new Unavailable(AwsTrouble.sentence(e, "CloudWatch"));
        }
        if (!exact.metricAlarms().isEmpty()) {
            return new Found(
                    AlarmDefinition.of(exact.metricAlarms().get(0)), connected().get());
        }
        if (!exact.compositeAlarms().isEmpty()) {
            return new Found(
                    AlarmDefinition.of(exact.compositeAlarms().get(0)),
                    connected().get());
        }
        return new NotFound(c.region, maskAccount(account(c)), similar(c, name));
    }

    private List<String> similar(Clients c, String name) {
        Set<String> names = new LinkedHashSet<>();
        for (String prefix : prefixes(name)) {
            try {
                DescribeAlarmsResponse page = c.cloudWatch.describeAlarms(b -> b.alarmNamePrefix(prefix)
                        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                        .maxRecords(MAX_SUGGESTIONS));
                page.metricAlarms().forEach(a -> names.add(a.alarmName()));
                page.compositeAlarms().forEach(a -> names.add(a.alarmName()));
            } catch (SdkException e) {
                throw new Unavailable(AwsTrouble.sentence(e, "CloudWatch"));
            }
            if (!names.isEmpty()) {
                break;
            }
        }
        return names.stream().limit(MAX_SUGGESTIONS).toList();
    }

    /**
     * The prefixes to offer names by, longest first: the name itself, then its first word (up to the first
     * {@code -_./: } after at least three characters), so a typo after the first word still finds its family.
     */
    static List<String> prefixes(String name) {
        List<String> out = new ArrayList<>();
        out.add(name);
        for (int i = 3; i < name.length(); i++) {
            if ("-_./: ".indexOf(name.charAt(i)) >= 0) {
                out.add(name.substring(0, i));
                break;
            }
        }
        return out;
    }

    /** An account id shown as its last four digits ({@code ********9012}); anything else as it is. */
    public static String maskAccount(String account) {
        if (account == null || !account.matches("\\d{12}")) {
            return "an unknown account";
        }
        return "********" + account.substring(8);
    }

    private synchronized String account(Clients c) {
        if (account == null) {
            try {
                account = c.sts.getCallerIdentity().account();
            } catch (SdkException e) {
                return null;
            }
        }
        return account;
    }

    private synchronized ConnectedTopics connected() {
        if (connected == null) {
            Clients c = clients();
            connected = new ConnectedTopics(
                    () -> connectedTopics(c),
                    queueUrls.size(),
                    clock,
                    ConnectedTopics.DEFAULT_TTL,
                    ConnectedTopics.DEFAULT_FAILURE_TTL);
        }
        return connected;
    }

    private Set<String> connectedTopics(Clients c) {
        Set<String> queueArns = new HashSet<>();
        for (String url : queueUrls) {
            queueArns.add(c.sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN));
        }
        Set<String> topics = new HashSet<>();
        c.sns.listSubscriptionsPaginator(b -> {}).subscriptions().stream()
                .filter(s -> "sqs".equals(s.protocol()) && queueArns.contains(s.endpoint()))
                .forEach(s -> topics.add(s.topicArn()));
        return topics;
    }

    private synchronized Clients clients() {
        if (clients == null) {
            try {
                clients = Clients.build(access);
            } catch (SdkException | IllegalArgumentException e) {
                throw new Unavailable(AwsTrouble.sentence(e, "CloudWatch"));
            }
        }
        return clients;
    }

    @Override
    public synchronized void close() {
        if (clients != null) {
            clients.close();
            clients = null;
        }
    }

    /** The four clients, built together; a failure closes what was built. */
    private static final class Clients implements AutoCloseable {
        private final List<AutoCloseable> built = new ArrayList<>();
        private CloudWatchClient cloudWatch;
        private SnsClient sns;
        private SqsClient sqs;
        private StsClient sts;
        private String region;

        static Clients build(AwsAccess access) {
            Clients c = new Clients();
            ClientOverrideConfiguration timeouts = ClientOverrideConfiguration.builder()
                    .apiCallTimeout(CALL_TIMEOUT)
                    .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                    .build();
            try {
                CloudWatchClientBuilder cw =
                        access.configure(CloudWatchClient.builder().overrideConfiguration(timeouts));
                SnsClientBuilder sns = access.configure(SnsClient.builder().overrideConfiguration(timeouts));
                SqsClientBuilder sqs = access.configure(SqsClient.builder().overrideConfiguration(timeouts));
                StsClientBuilder sts = access.configure(StsClient.builder().overrideConfiguration(timeouts));
                c.cloudWatch = keep(c, cw.build());
                c.sns = keep(c, sns.build());
                c.sqs = keep(c, sqs.build());
                c.sts = keep(c, sts.build());
                c.region = c.cloudWatch.serviceClientConfiguration().region().id();
                return c;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }

        private static <T extends AutoCloseable> T keep(Clients c, T client) {
            c.built.add(client);
            return client;
        }

        @Override
        public void close() {
            for (AutoCloseable client : built) {
                try {
                    client.close();
                } catch (Exception e) {
                    // Closing an SDK client releases connections; nothing to do when it fails.
                }
            }
        }
    }
}
