package io.alertbridge.launcher.dev;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.PersistentKafka;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The devkit's servers for {@code alertbridge dev}: a persistent in-process Kafka broker (data under
 * {@code <stateDir>/kafka}, so incidents survive a restart) with Alertbridge's topics, the local Slack workspace (a
 * Web API stand-in with a page where people see and click alerts), and the alarm queue: in moto, connected to SNS
 * topics and EventBridge rules as {@code aws connect} connects a real account ({@link DevAws}), or, without moto, in
 * an in-process SQS server. Preferred ports are the usual ones (Kafka 9092, SQS 9324, Slack page 3000); a taken port
 * falls back to a free one, and two dev instances starting at once take turns at that ({@link DevPortLock}). All of
 * them listen on the loopback interface only.
 *
 * <p>The workspace signs with a {@link DevSigningSecret} generated at every start and written to the state directory,
 * never with the devkit's default secret, which is public in the source.
 *
 * <p>Not thread-safe: started and closed by the launcher's main thread.
 */
public final class DevEnvironment implements AutoCloseable {

    /** The queue CloudWatch alarms are delivered to in dev mode. */
    public static final String ALARM_QUEUE = "alertbridge-alarms";

    private static final Logger LOG = LoggerFactory.getLogger(DevEnvironment.class);

    private final PersistentKafka kafka;
    private final EmbeddedSqs sqs;
    private final DevAws aws;
    private final String awsNote;
    private final String alarmQueueUrl;
    private final LocalSlackWorkspace slack;
    private final Path signingSecretFile;

    /** Whether dev runs the AWS stand-in. */
    public enum AwsMode {
        /** Never: alarms go straight into the in-process queue ({@code --no-aws}). */
        OFF,
        /** When moto can start; otherwise say why in one line and run without it (the default). */
        IF_AVAILABLE,
        /** Always; refuse to start without it ({@code --aws}). */
        ON
    }

    private DevEnvironment(
            PersistentKafka kafka,
            EmbeddedSqs sqs,
            DevAws aws,
            String awsNote,
            LocalSlackWorkspace slack,
            Path signingSecretFile) {
        this.kafka = kafka;
        this.sqs = sqs;
        this.aws = aws;
        this.awsNote = awsNote;
        this.alarmQueueUrl = aws != null ? aws.queueUrl() : sqs.createQueue(ALARM_QUEUE);
        this.slack = slack;
        this.signingSecretFile = signingSecretFile;
    }

    /** As {@link #start(Path, Topics, AwsMode)} without the AWS stand-in. */
    public static DevEnvironment start(Path stateDir, Topics topics) throws ExecutionException, InterruptedException {
        return start(stateDir, topics, AwsMode.OFF);
    }

    /**
     * Starts Kafka and creates the topics, the local Slack workspace with a new signing secret, and the alarm queue:
     * in moto, connected to SNS topics and EventBridge rules ({@link DevAws}), or in the in-process SQS server. moto
     * starts on its own thread while the broker starts, since both take seconds.
     *
     * @param stateDir where Kafka keeps its data and the signing secret is written
     * @param topics the topic catalog to create
     * @param awsMode whether to run the AWS stand-in
     * @throws DevAws.Unavailable with {@link AwsMode#ON}, when moto cannot start (naming what is missing)
     */
    public static DevEnvironment start(Path stateDir, Topics topics, AwsMode awsMode)
            throws ExecutionException, InterruptedException {
        CompletableFuture<DevAws> starting = awsMode == AwsMode.OFF
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> DevAws.start(ALARM_QUEUE), DevEnvironment::startMoto);
        PersistentKafka kafka = null;
        EmbeddedSqs sqs = null;
        LocalSlackWorkspace slack = null;
        DevAws aws = null;
        // Until the usual ports are bound: another dev starting now would otherwise find them free too.
        DevPortLock ports = DevPortLock.acquire();
        try {
            kafka = EmbeddedKafka.persistent(stateDir.resolve("kafka"), preferred(9092));
            String secret = DevSigningSecret.generate(new SecureRandom());
            Path secretFile = DevSigningSecret.write(stateDir, secret);
            slack = LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults()
                    .withPort(preferred(3000))
                    .withSigningSecret(secret));
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(admin, topics, TopicCreator.TopicSettings.dev());
            }
            String note = null;
            try {
                aws = starting.get();
            } catch (ExecutionException e) {
                if (awsMode == AwsMode.ON || !(e.getCause() instanceof DevAws.Unavailable missing)) {
                    if (e.getCause() instanceof RuntimeException cause) {
                        throw cause;
                    }
                    throw e;
                }
                note = missing.getMessage();
            }
            if (aws == null) {
                sqs = EmbeddedSqs.start(preferred(9324));
            }
            return new DevEnvironment(kafka, sqs, aws, note, slack, secretFile);
        } catch (RuntimeException | ExecutionException | InterruptedException e) {
            if (aws == null) {
                // moto may still be starting: stop it once it has.
                starting.thenAccept(started -> closeAll(started));
            }
            closeAll(aws, sqs, slack, kafka);
            throw e;
        } finally {
            ports.close();
        }
    }

    private static void startMoto(Runnable start) {
        Thread thread = new Thread(start, "alertbridge-dev-moto");
        thread.setDaemon(true);
        thread.start();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The client of the server that holds the alarm queue: moto with the AWS stand-in, else the in-process SQS. */
    public SqsClient queueClient() {
        return aws != null ? aws.clients().sqs() : sqs.client();
    }

    /** The SQS endpoint of the alarm queue. */
    public String queueEndpoint() {
        return aws != null ? aws.endpoint().toString() : sqs.endpoint().toString();
    }

    /** The AWS stand-in, when it runs. */
    public Optional<DevAws> aws() {
        return Optional.ofNullable(aws);
    }

    /** Why the AWS stand-in does not run although it was not turned off, or empty. */
    public Optional<String> awsNote() {
        return Optional.ofNullable(awsNote);
    }

    public String alarmQueueUrl() {
        return alarmQueueUrl;
    }

    /** Where this run's signing secret is written ({@code <stateDir>/dev-signing-secret}, owner read/write only). */
    public Path signingSecretFile() {
        return signingSecretFile;
    }

    /** The local Slack workspace: its Web API ({@code apiUrl()}), page, bot token and signing secret. */
    public LocalSlackWorkspace slack() {
        return slack;
    }

    @Override
    public void close() {
        closeAll(aws, sqs, slack, kafka);
    }

    private static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Could not stop {} cleanly", part.getClass().getSimpleName(), e);
            }
        }
    }

    /** The port if it is free now, else 0 (a free one). */
    public static int preferred(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException taken) {
            return 0;
        }
    }
}
