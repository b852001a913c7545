package io.alertbridge.launcher.dev;

import io.alertbridge.connectors.aws.AwsAccess;
import io.alertbridge.connectors.aws.AwsClients;
import io.alertbridge.connectors.aws.AwsConnect;
import io.alertbridge.connectors.aws.EventPreset;
import io.alertbridge.devkit.MotoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.util.List;

/**
 * The AWS side of {@code alertbridge dev --aws}: moto's server (the devkit's {@link MotoServer}), two SNS topics in
 * it (one that CloudWatch alarms notify, one an AI detector publishes its anomaly scores to), and the dev queue
 * connected to both and to the EventBridge presets {@code cloudwatch-alarms} and {@code codepipeline} by the same
 * code as {@code alertbridge aws connect} ({@link AwsConnect}). The bridge then drains that queue, so everything the
 * demo or a developer publishes travels the production path: SNS or EventBridge, then SQS, then the bridge.
 *
 * <p>moto keeps everything in memory: every start connects an empty account from nothing. Thread-safe (the SDK
 * clients are); {@link #close} stops moto by its PID.
 */
public final class DevAws implements AutoCloseable {

    /** The topic dev's CloudWatch alarms notify. */
    public static final String ALARM_TOPIC = "alertbridge-dev-alarms";

    /** The topic dev's AI detector publishes its anomaly scores to. */
    public static final String ANOMALY_TOPIC = "alertbridge-dev-anomalies";

    /** The EventBridge presets dev connects. */
    public static final List<String> PRESETS =
            List.of(EventPreset.CLOUDWATCH_ALARMS.id(), EventPreset.CODEPIPELINE.id());

    /** moto could not start: python3 or the moto package is missing, or its server did not answer. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DevAws.class);

    private final MotoServer moto;
    private final AwsClients aws;
    private final String alarmTopicArn;
    private final String anomalyTopicArn;
    private final String queueUrl;
    private final List<String> report;

    private DevAws(
            MotoServer moto,
            AwsClients aws,
            String alarmTopicArn,
            String anomalyTopicArn,
            String queueUrl,
            List<String> report) {
        this.moto = moto;
        this.aws = aws;
        this.alarmTopicArn = alarmTopicArn;
        this.anomalyTopicArn = anomalyTopicArn;
        this.queueUrl = queueUrl;
        this.report = List.copyOf(report);
    }

    /**
     * Starts moto, creates the two topics and connects {@code queue} to them and to the presets.
     *
     * @throws Unavailable when moto cannot start (its message names what is missing)
     * @throws IllegalStateException when connecting fails (with the connect report's error lines)
     */
    public static DevAws start(String queue) {
        MotoServer moto;
        try {
            moto = MotoServer.start();
        } catch (IllegalStateException e) {
            throw new Unavailable(e.getMessage(), e);
        }
        AwsClients aws = clients(moto.endpoint(), moto.region());
        try {
            String alarms = aws.sns().createTopic(b -> b.name(ALARM_TOPIC)).topicArn();
            String anomalies = aws.sns().createTopic(b -> b.name(ANOMALY_TOPIC)).topicArn();
            AwsConnect.Report connected = AwsConnect.run(
                    aws, new AwsConnect.Request(queue, List.of(alarms, anomalies), PRESETS, false, false));
            if (!connected.succeeded()) {
                throw new IllegalStateException("connecting the dev queue in moto failed: " + connected.err());
            }
            String url = aws.sqs().getQueueUrl(b -> b.queueName(queue)).queueUrl();
            LOG.info(
                    "Dev queue {} connected in moto to topics {} and {} and presets {}",
                    url,
                    alarms,
                    anomalies,
                    PRESETS);
            return new DevAws(moto, aws, alarms, anomalies, url, connected.out());
        } catch (RuntimeException e) {
            aws.close();
            moto.close();
            throw e;
        }
    }

    /** How dev's parts reach moto at {@code endpoint}: any credentials do, so fixed dummy ones keep the developer's own out. */
    public static AwsAccess access(URI endpoint, String region) {
        return new AwsAccess(
                region,
                endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("alertbridge-dev", "alertbridge-dev")));
    }

    /** Clients for moto at {@code endpoint}. */
    public static AwsClients clients(URI endpoint, String region) {
        AwsAccess access = access(endpoint, region);
        return new AwsClients(
                region,
                access.configure(SqsClient.builder()).build(),
                access.configure(SnsClient.builder()).build(),
                access.configure(EventBridgeClient.builder()).build(),
                access.configure(CloudWatchClient.builder()).build(),
                access.configure(StsClient.builder()).build());
    }

    /** How dev's parts reach this moto. */
    public AwsAccess access() {
        return access(endpoint(), region());
    }

    /** moto's endpoint, for every AWS service. */
    public URI endpoint() {
        return moto.endpoint();
    }

    /** The region the topics, queue and rules live in. */
    public String region() {
        return aws.region();
    }

    /** The clients against moto (SQS for the bridge, SNS and EventBridge for the demo). */
    public AwsClients clients() {
        return aws;
    }

    /** The ARN of {@value #ALARM_TOPIC}. */
    public String alarmTopicArn() {
        return alarmTopicArn;
    }

    /** The ARN of {@value #ANOMALY_TOPIC}. */
    public String anomalyTopicArn() {
        return anomalyTopicArn;
    }

    /** The connected queue's URL in moto. */
    public String queueUrl() {
        return queueUrl;
    }

    /** What connect reported, line by line ({@code done: ...}, {@code Connected: ...}). */
    public List<String> connectReport() {
        return report;
    }

    /** Closes the clients and stops moto. */
    @Override
    public void close() {
        aws.close();
        moto.close();
    }
}
