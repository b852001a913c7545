package io.alertbridge.connectors.slack.interactivity;

import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 * <p>Threading: one daemon thread ({@code incident-view}) owns the consumer; the index is safe to read from any
 * thread. {@link #close()} stops the thread and waits for it.
 */
final class IncidentView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentView.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final TopicSpec<String, Incident> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final IncidentIndex index = new IncidentIndex();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private final Counter invalid;
    private final Counter applied;
    private volatile Map<TopicPartition, Long> catchUpTargets;
    private volatile boolean ready;
    private volatile boolean closing;
    private volatile String detail = "starting";

    private IncidentView(TopicSpec<String, Incident> topic, Properties kafka, MeterRegistry registry) {
        this.topic = topic;
        this.consumer =
                new KafkaConsumer<>(consumerProps(kafka), new StringDeserializer(), new ByteArrayDeserializer());
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
        this.thread = new Thread(this::run, "incident-view");
        this.thread.setDaemon(true);
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
        view.thread.start();
        return view;
    }

    private static Properties consumerProps(Properties kafka) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The processor creates the compacted incidents topic; a reader asking for its partitions must not create
        // it first with the broker's defaults (delete policy).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "alertbridge-interactivity-view");
        return props;
    }

    /** The index; read it from any thread. */
    IncidentIndex index() {
        return index;
    }

    /** True once the view has read everything that was in the topic when it started. */
    boolean isReady() {
        return ready;
    }

    /** A short human explanation of where the view is; never a secret. */
    String detail() {
        return detail;
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    follow();
                } catch (WakeupException e) {
                    if (!closing) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    // Kafka unreachable, the topic deleted under us: start over from the beginning. Re-reading is
                    // harmless (older copies are ignored, the latest wins), and answers keep coming from the index.
                    ready = false;
                    detail = "reloading after " + e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.error("Incident view of {} failed; reloading in {}", topic.name(), RETRY, LogText.failure(e));
                    pause(RETRY);
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
            stopped.countDown();
        }
    }

    private void follow() {
        List<TopicPartition> partitions = awaitPartitions();
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUpTargets = consumer.endOffsets(partitions);
        detail = "loading " + topic.name();
        LOG.info("Incident view loading {} ({} partitions)", topic.name(), partitions.size());
        while (!closing) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            records.forEach(this::applyRecord);
            checkCaughtUp();
        }
    }

    /** Waits, unless close() is called meanwhile; true when it was. */
    private boolean pause(Duration duration) {
        try {
            return closeRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (!closing) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                detail = "waiting for Kafka (" + e.getMessage() + ")";
                LOG.warn("Incident view cannot reach Kafka yet: {}", LogText.safe(e.getMessage()));
                continue;
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            detail = "waiting for topic " + topic.name();
            LOG.debug("Incident view waiting for topic {}", topic.name());
            if (pause(RETRY)) {
                break;
            }
        }
        return List.of();
    }

    private void applyRecord(ConsumerRecord<String, byte[]> record) {
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

    private void checkCaughtUp() {
        if (ready) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> target : catchUpTargets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return;
            }
        }
        ready = true;
        detail = "following " + topic.name() + " (" + index.size() + " incidents)";
        LOG.info(
                "Incident view of {} is current: {} incidents, {} open", topic.name(), index.size(), index.openCount());
    }

    @Override
    public void close() {
        closing = true;
        ready = false;
        closeRequested.countDown();
        consumer.wakeup();
        try {
            if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("Incident view thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
