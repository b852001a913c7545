package io.alertbridge.launcher.dev;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.EmbeddedSqs;
import io.alertbridge.devkit.PersistentKafka;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.ExecutionException;

/**
 * The devkit's servers for {@code alertbridge dev}: a persistent in-process Kafka broker (data under
 * {@code <stateDir>/kafka}, so incidents survive a restart), an in-process SQS server with the alarm queue, and
 * Alertbridge's topics, and the local Slack workspace (a Web API stand-in with a page where people see and click
 * alerts). Preferred ports are the usual ones (Kafka 9092, SQS 9324, Slack page 3000); a taken port falls back to a
 * free one. All of them listen on the loopback interface only.
 *
 * <p>The workspace signs with a {@link DevSigningSecret} generated at every start and written to the state directory,
 * never with the devkit's default secret, which is public in the source.
 *
 * <p>Not thread-safe: started and closed by the launcher's main thread.
 */
public final class DevEnvironment implements AutoCloseable {

    /** The queue CloudWatch alarms are delivered to in dev mode. */
    public static final String ALARM_QUEUE = "alertbridge-alarms";

    private final PersistentKafka kafka;
    private final EmbeddedSqs sqs;
    private final String alarmQueueUrl;
    private final LocalSlackWorkspace slack;
    private final Path signingSecretFile;

    private DevEnvironment(
            PersistentKafka kafka,
            EmbeddedSqs sqs,
            String alarmQueueUrl,
            LocalSlackWorkspace slack,
            Path signingSecretFile) {
        this.kafka = kafka;
        this.sqs = sqs;
        this.alarmQueueUrl = alarmQueueUrl;
        this.slack = slack;
        this.signingSecretFile = signingSecretFile;
    }

    /**
     * Starts Kafka and SQS and creates the topics, and the local Slack workspace with a new signing secret.
     *
     * @param stateDir where Kafka keeps its data and the signing secret is written
     * @param topics the topic catalog to create
     */
    public static DevEnvironment start(Path stateDir, Topics topics) throws ExecutionException, InterruptedException {
        PersistentKafka kafka = EmbeddedKafka.persistent(stateDir.resolve("kafka"), preferred(9092));
        EmbeddedSqs sqs;
        try {
            sqs = EmbeddedSqs.start(preferred(9324));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        LocalSlackWorkspace slack = null;
        Path secretFile;
        try {
            String secret = DevSigningSecret.generate(new SecureRandom());
            secretFile = DevSigningSecret.write(stateDir, secret);
            slack = LocalSlackWorkspace.start(LocalSlackWorkspace.Config.defaults()
                    .withPort(preferred(3000))
                    .withSigningSecret(secret));
            try (Admin admin = kafka.admin()) {
                TopicCreator.createAll(admin, topics, TopicCreator.TopicSettings.dev());
            }
        } catch (RuntimeException | ExecutionException | InterruptedException e) {
            if (slack != null) {
                slack.close();
            }
            sqs.close();
            kafka.close();
            throw e;
        }
        return new DevEnvironment(kafka, sqs, sqs.createQueue(ALARM_QUEUE), slack, secretFile);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public EmbeddedSqs sqs() {
        return sqs;
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
        slack.close();
        sqs.close();
        kafka.close();
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
