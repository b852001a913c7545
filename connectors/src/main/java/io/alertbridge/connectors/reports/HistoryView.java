package io.alertbridge.connectors.reports;

import io.alertbridge.schemas.model.IncidentTransition;
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
 * ({@code alertbridge.reports.view.invalid}) and skipped. Threading: one daemon thread ({@code history-view}) owns
 * the consumer; the index is safe to read from any thread. {@link #close()} stops the thread and waits for it.
 */
public final class HistoryView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryView.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final TopicSpec<String, IncidentTransition> topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final HistoryIndex index;
    private final ReportMetrics metrics;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private final Counter invalid;
    private volatile Map<TopicPartition, Long> catchUpTargets;
    private volatile boolean ready;
    private volatile boolean closing;
    private volatile long loadStarted;
    private volatile Duration loadTime;
    private volatile String detail = "starting";

    private HistoryView(
            TopicSpec<String, IncidentTransition> topic,
            Properties kafka,
            MeterRegistry registry,
            HistoryIndex.Bounds bounds) {
        this.topic = topic;
        this.index = new HistoryIndex(bounds);
        this.metrics = new ReportMetrics(registry);
        this.consumer =
                new KafkaConsumer<>(consumerProps(kafka), new StringDeserializer(), new ByteArrayDeserializer());
        this.invalid = Counter.builder("alertbridge.reports.view.invalid")
                .description("incident history records that could not be read and were skipped")
                .register(registry);
        Gauge.builder("alertbridge.reports.view.transitions", index, HistoryIndex::size)
                .description("incident transitions held for reports")
                .register(registry);
        this.thread = new Thread(this::run, "history-view");
        this.thread.setDaemon(true);
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
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Loading is a bulk read: large fetches make the first answer after a start come sooner.
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "alertbridge-history-view");
        return props;
    }

    /** The index; read it from any thread. */
    public HistoryIndex index() {
        return index;
    }

    /** True once the view has read everything that was in the topic when it started. */
    public boolean isReady() {
        return ready;
    }

    /** How long the last load from the beginning took, or null while loading. */
    public Duration loadTime() {
        return loadTime;
    }

    /** A short human explanation of where the view is. */
    public String detail() {
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
                    // Start over from the beginning with an empty index: a transition applied twice would count twice.
                    ready = false;
                    detail = "reloading after " + e.getClass().getSimpleName();
                    LOG.error("History view of {} failed; reloading in {}", topic.name(), RETRY, LogText.failure(e));
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
        index.clear();
        loadStarted = System.nanoTime();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUpTargets = consumer.endOffsets(partitions);
        detail = "loading " + topic.name();
        LOG.info("History view loading {} ({} partitions)", topic.name(), partitions.size());
        while (!closing) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            boolean live = ready;
            records.forEach(r -> applyRecord(r, live));
            checkCaughtUp();
        }
    }

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
                detail = "waiting for Kafka";
                LOG.warn("History view cannot reach Kafka yet: {}", LogText.safe(e.getMessage()));
                continue;
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            detail = "waiting for topic " + topic.name();
            if (pause(RETRY)) {
                break;
            }
        }
        return List.of();
    }

    private void applyRecord(ConsumerRecord<String, byte[]> record, boolean live) {
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

    private void checkCaughtUp() {
        if (ready) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> target : catchUpTargets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return;
            }
        }
        loadTime = Duration.ofNanos(System.nanoTime() - loadStarted);
        ready = true;
        detail = "following " + topic.name() + " (" + index.size() + " transitions)";
        LOG.info("History view of {} is current: {} transitions, loaded in {}", topic.name(), index.size(), loadTime);
    }

    @Override
    public void close() {
        closing = true;
        ready = false;
        closeRequested.countDown();
        consumer.wakeup();
        try {
            if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("History view thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
