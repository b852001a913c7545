package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.devkit.EmbeddedKafka;
import io.alertbridge.devkit.slack.LocalSlackWorkspace;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import io.alertbridge.testkit.junit.DevkitExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * One interactivity under test: its own topics on the JVM's shared broker, the local Slack workspace (which answers
 * Bolt's {@code auth.test}), a response-URL recorder, and readers of the topics it writes.
 */
final class Harness implements AutoCloseable {

    final EmbeddedKafka kafka;
    final Topics topics;
    final LocalSlackWorkspace workspace;
    final ResponseUrlRecorder responses = new ResponseUrlRecorder();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final SignedRequests requests;
    final int actionPartitions;
    private final KafkaProducer<String, byte[]> producer;
    Interactivity interactivity;

    Harness(EmbeddedKafka kafka, int actionPartitions) {
        this.kafka = kafka;
        this.actionPartitions = actionPartitions;
        this.topics = Topics.withPrefix(DevkitExtension.unique("ia") + ".");
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(topics.incidents().name(), 3, (short) 1)
                                    .configs(Map.of("cleanup.policy", "compact")),
                            new NewTopic(topics.actions().name(), actionPartitions, (short) 1),
                            new NewTopic(topics.rules().name(), 1, (short) 1)
                                    .configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        this.workspace = LocalSlackWorkspace.start();
        this.requests = new SignedRequests(workspace.signingSecret());
        Properties props = kafkaProps();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    Properties kafkaProps() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return props;
    }

    /** The HTTP-mode configuration for this harness. */
    InteractivityConfig config() {
        return InteractivityConfig.http(workspace.signingSecret(), workspace.botToken()).toBuilder()
                .apiUrl(workspace.apiUrl())
                .topicPrefix(topics.prefix())
                .build();
    }

    /** Starts interactivity (configuration adjusted by {@code adjust}) and waits until it is ready. */
    Interactivity start(UnaryOperator<InteractivityConfig> adjust, Clock clock) {
        return start(adjust.apply(config()), clock);
    }

    /** Starts interactivity with this configuration and waits until it is ready. */
    Interactivity start(InteractivityConfig config, Clock clock) {
        interactivity = Interactivity.start(config, kafkaProps(), registry, clock);
        await().atMost(Duration.ofSeconds(30)).until(interactivity::isReady);
        return interactivity;
    }

    /** Starts interactivity with these sources (an app token that rotates, an alarm lookup) and waits until ready. */
    Interactivity start(InteractivityConfig config, Clock clock, Interactivity.Sources sources) {
        interactivity = Interactivity.start(config, kafkaProps(), registry, clock, sources);
        await().atMost(Duration.ofSeconds(30)).until(interactivity::isReady);
        return interactivity;
    }

    /** Writes incidents to the incidents topic as the processor does (key: group key) and waits for the ack. */
    void publish(Incident... incidents) {
        TopicSpec<String, Incident> spec = topics.incidents();
        try {
            for (Incident incident : incidents) {
                producer.send(new ProducerRecord<>(
                                spec.name(),
                                incident.groupKey(),
                                spec.valueSerde().serializer().serialize(spec.name(), incident)))
                        .get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes raw bytes to the incidents topic (a record that is not an Incident). */
    void publishRaw(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topics.incidents().name(), key, value))
                .get();
    }

    /** A reader of the actions topic from its beginning. */
    TopicReader<io.alertbridge.schemas.model.UserAction> actions() {
        return new TopicReader<>(kafka.bootstrapServers(), topics.actions(), actionPartitions);
    }

    /** A reader of the rules topic from its beginning. */
    TopicReader<io.alertbridge.schemas.model.Rule> rules() {
        return new TopicReader<>(kafka.bootstrapServers(), topics.rules(), 1);
    }

    double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        if (interactivity != null) {
            interactivity.close();
        }
        producer.close();
        responses.close();
        workspace.close();
    }
}
