package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.connectors.kafka.TopicFollower;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * A local, always-current view of the compacted {@code alertbridge.incidents} topic, for {@code /alerts} and the
 * buttons: a consumer reads the whole topic from the beginning into an {@link IncidentIndex} and then follows it.
 *
 * <p>Every instance reads every partition (manual assignment, no consumer group, no committed offsets), because
 * any instance may be asked about any incident. Records are read committed (the processor writes them in
 * transactions). The view is {@link #isReady() ready} once it has read up to the end offsets it found at start;
 * until then answers could miss incidents, so the process reports itself not ready.
 *
 * <p>A record that is not a valid {@code Incident} is logged with its coordinates, counted
 * ({@code alertbridge.interactivity.view.invalid}) and skipped: the view is one of many readers of a topic the
 * processor owns, so it does not write dead letters (every instance would write the same one on every start).
 *
 * <p>The reading loop (waiting for Kafka and the topic, readiness, reloading after a failure) is a
 * {@link TopicFollower}; this class says what a record does to the index. Re-reading after a failure is harmless:
 * older copies are ignored and the latest wins, so the index is not cleared and answers keep coming from it.
 *
 * <p>Threading: one daemon thread ({@code incident-view}) owns the consumer; the index is safe to read from any
 * thread. {@link #close()} stops the thread and waits for it.
 */
final class IncidentView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentView.class);

    private final TopicSpec<String, Incident> topic;
    private final IncidentIndex index = new IncidentIndex();
    private final Counter invalid;
    private final Counter applied;
    private final TopicFollower follower;

    private IncidentView(TopicSpec<String, Incident> topic, Properties kafka, MeterRegistry registry) {
        this.topic = topic;
        this.invalid = Counter.builder("alertbridge.interactivity.view.invalid")
                .description("incident records that could not be read and were skipped")
                .register(registry);
        this.applied = Counter.builder("alertbridge.interactivity.view.records")
                .description("incident records applied to the /alerts view")
                .register(registry);
        Gauge.builder("alertbridge.interactivity.view.incidents", index, IncidentIndex::size)
                .description("incidents in the /alerts view")
                .register(registry);
        Gauge.builder("alertbridge.interactivity.view.open", index, IncidentIndex::openCount)
                .description("unresolved incidents in the /alerts view")
                .register(registry);
        this.follower = new TopicFollower(
                topic.name(),
                kafka,
                TopicFollower.Settings.of("Incident view", "incident-view", "alertbridge-interactivity-view")
                        .withErrorsInDetail(),
                new Hooks());
    }

    /**
     * Starts following the topic.
     *
     * @param topic the incidents topic
     * @param kafka common client properties (bootstrap servers, security); consumer settings are added here
     * @param registry where the view's meters go
     */
    static IncidentView start(TopicSpec<String, Incident> topic, Properties kafka, MeterRegistry registry) {
        IncidentView view = new IncidentView(topic, kafka, registry);
        view.follower.start();
        return view;
    }

    /** The index; read it from any thread. */
    IncidentIndex index() {
        return index;
    }

    /** True once the view has read everything that was in the topic when it started. */
    boolean isReady() {
        return follower.isReady();
    }

    /** A short human explanation of where the view is; never a secret. */
    String detail() {
        return follower.detail();
    }

    @Override
    public void close() {
        follower.close();
    }

    /** Latest incident per key; a tombstone removes it. */
    private final class Hooks implements TopicFollower.Hooks {

        @Override
        public void reset() {
            // Nothing to forget: a reload re-applies the same latest copies.
        }

        @Override
        public void apply(ConsumerRecord<String, byte[]> record, boolean live) {
            if (record.key() == null) {
                invalid.increment();
                LOG.warn(
                        "Skipping incident record without a key at {}-{}@{}",
                        record.topic(),
                        record.partition(),
                        record.offset());
                return;
            }
            Incident incident;
            try {
                incident = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            } catch (SerializationException e) {
                invalid.increment();
                LOG.warn(
                        "Skipping unreadable incident record at {}-{}@{} (key {}): {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        LogText.safe(record.key()),
                        LogText.safe(e.getMessage()));
                return;
            }
            if (index.apply(record.key(), incident)) {
                applied.increment();
            }
            LOG.debug(
                    "Incident view applied {} at {}-{}@{}",
                    incident == null ? "tombstone " + LogText.safe(record.key()) : incident.incidentId(),
                    record.topic(),
                    record.partition(),
                    record.offset());
        }

        @Override
        public String currentDetail() {
            return index.size() + " incidents";
        }
    }
}
