package io.alertbridge.connectors.reports;

import io.alertbridge.connectors.kafka.TopicFollower;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;

/**
 * A local view of the incident history topic ({@code alertbridge.incident.history}) for reports: a consumer reads it
 * from the beginning into a {@link HistoryIndex} and then follows it, recording the {@link ReportMetrics} histograms
 * for what arrives once it is live. The same pattern as the {@code /alerts} incidents view: every partition, manual
 * assignment, no consumer group, read committed.
 *
 * <p>{@link #isReady() Ready} once it has read up to the end offsets it found at start; until then a report would miss
 * incidents, so reports answer "still loading" instead. How long that takes after a start is the time to read the
 * topic (see bench {@code ReportLatency}); {@link #loadTime()} says how long it took.
 *
 * <p>A record that is not a valid transition is logged with its coordinates, counted
 * ({@code alertbridge.reports.view.invalid}) and skipped. The reading loop (waiting for Kafka and the topic,
 * readiness, reloading after a failure) is a {@link TopicFollower}; a reload starts with an empty index, because a
 * transition applied twice would count twice.
 *
 * <p>Threading: one daemon thread ({@code history-view}) owns the consumer; the index is safe to read from any thread.
 * {@link #close()} stops the thread and waits for it.
 */
public final class HistoryView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryView.class);
    /** Loading is a bulk read: large fetches make the first answer after a start come sooner. */
    private static final int LOAD_POLL_RECORDS = 5000;

    private final TopicSpec<String, IncidentTransition> topic;
    private final HistoryIndex index;
    private final ReportMetrics metrics;
    private final Counter invalid;
    private final TopicFollower follower;

    private HistoryView(
            TopicSpec<String, IncidentTransition> topic,
            Properties kafka,
            MeterRegistry registry,
            HistoryIndex.Bounds bounds) {
        this.topic = topic;
        this.index = new HistoryIndex(bounds);
        this.metrics = new ReportMetrics(registry);
        this.invalid = Counter.builder("alertbridge.reports.view.invalid")
                .description("incident history records that could not be read and were skipped")
                .register(registry);
        Gauge.builder("alertbridge.reports.view.transitions", index, HistoryIndex::size)
                .description("incident transitions held for reports")
                .register(registry);
        this.follower = new TopicFollower(
                topic.name(),
                kafka,
                TopicFollower.Settings.of("History view", "history-view", "alertbridge-history-view")
                        .withMaxPollRecords(LOAD_POLL_RECORDS),
                new Hooks());
    }

    /**
     * Starts following the topic.
     *
     * @param topic the incident history topic
     * @param kafka common client properties (bootstrap servers, security); consumer settings are added here
     * @param registry where the view's meters and the report histograms go
     * @param bounds how much history the index keeps
     */
    public static HistoryView start(
            TopicSpec<String, IncidentTransition> topic,
            Properties kafka,
            MeterRegistry registry,
            HistoryIndex.Bounds bounds) {
        HistoryView view = new HistoryView(topic, kafka, registry, bounds);
        view.follower.start();
        return view;
    }

    /** The index; read it from any thread. */
    public HistoryIndex index() {
        return index;
    }

    /** True once the view has read everything that was in the topic when it started. */
    public boolean isReady() {
        return follower.isReady();
    }

    /** How long the last load from the beginning took, or null while loading. */
    public Duration loadTime() {
        return follower.loadTime();
    }

    /** A short human explanation of where the view is. */
    public String detail() {
        return follower.detail();
    }

    @Override
    public void close() {
        follower.close();
    }

    /** Every transition appended; the histograms only for live ones. */
    private final class Hooks implements TopicFollower.Hooks {

        @Override
        public void reset() {
            index.clear();
        }

        @Override
        public void apply(ConsumerRecord<String, byte[]> record, boolean live) {
            IncidentTransition transition;
            try {
                transition = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            } catch (SerializationException e) {
                transition = null;
                LOG.warn(
                        "Skipping unreadable history record at {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        LogText.safe(e.getMessage()));
            }
            if (transition == null) {
                invalid.increment();
                return;
            }
            index.apply(transition);
            metrics.seen(transition, live);
        }

        @Override
        public String currentDetail() {
            return index.size() + " transitions";
        }
    }
}
