package io.alertbridge.connectors.kafka;

import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
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
 * Reads a topic from its beginning into a local index and then follows it: the loop behind every local view of a
 * topic ({@code /alerts}' incidents, reports' history). What a record does to the index is the view's
 * {@link Hooks}; everything else is here.
 *
 * <p>Every partition is read (manual assignment, no consumer group, no committed offsets), read committed, without
 * creating the topic: the topics are written in transactions by the processor, which also creates them with their
 * own settings. While Kafka cannot be reached or the topic does not exist yet, the follower waits and says so in
 * {@link #detail()}. The follower is {@link #isReady() ready} once it has read up to the end offsets it found when the
 * load started; records polled after that are {@code live}. When reading fails (Kafka gone, the topic deleted under
 * us, a hook throwing), the follower becomes not ready, waits a second, {@link Hooks#reset() resets} the index and
 * loads again from the beginning.
 *
 * <p>Threading: one daemon thread owns the consumer and calls the hooks (see {@link Hooks} for the one exception);
 * the state accessors may be called from any thread. {@link #start()} once; {@link #close()} stops the thread and waits for it (up to 10 s).
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(5);

    /**
     * What a view does with what the follower reads. {@link #reset()} and {@link #apply} are called on the follower's
     * thread only; {@link #currentDetail()} also from whoever asks for {@link #detail()}, so it must be thread-safe.
     */
    public interface Hooks {

        /** Before each load from the beginning (the first one too): forget what an earlier load applied, if need be. */
        void reset();

        /**
         * One record, keys as strings and values as bytes. A hook that throws a {@code RuntimeException} makes the
         * follower reload; an unreadable record should be counted and skipped instead.
         *
         * @param live false while loading up to the end offsets found at start, true once the view is current
         */
        void apply(ConsumerRecord<String, byte[]> record, boolean live);

        /** What the index holds, for the detail once current, e.g. {@code "42 incidents"}. */
        String currentDetail();
    }

    /**
     * How one view's follower differs from another's.
     *
     * @param name the view's name at the start of log lines, e.g. {@code "Incident view"}
     * @param threadName the daemon thread's name
     * @param clientId the consumer's client id, unless the Kafka properties set one
     * @param maxPollRecords the consumer's {@code max.poll.records} unless the Kafka properties set it; 0 for Kafka's
     *     default
     * @param errorsInDetail whether {@link #detail()} carries the message of the error that made the follower wait or
     *     reload, or only its kind
     */
    public record Settings(
            String name, String threadName, String clientId, int maxPollRecords, boolean errorsInDetail) {

        /** Kafka's default poll size, only the kind of error in the detail. */
        public static Settings of(String name, String threadName, String clientId) {
            return new Settings(name, threadName, clientId, 0, false);
        }

        /** The same with this poll size (a bulk load comes sooner with large fetches). */
        public Settings withMaxPollRecords(int records) {
            return new Settings(name, threadName, clientId, records, errorsInDetail);
        }

        /** The same with the error's message in the detail. */
        public Settings withErrorsInDetail() {
            return new Settings(name, threadName, clientId, maxPollRecords, true);
        }
    }

    private final String topic;
    private final Settings settings;
    private final Hooks hooks;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private volatile Map<TopicPartition, Long> catchUpTargets;
    private volatile boolean ready;
    private volatile boolean closing;
    private volatile long loadStarted;
    private volatile Duration loadTime;
    private volatile String detail = "starting";
    private volatile boolean following;

    /**
     * Creates the consumer; nothing is read before {@link #start()}.
     *
     * @param topic the topic's name
     * @param kafka common client properties (bootstrap servers, security); consumer settings are added here
     */
    public TopicFollower(String topic, Properties kafka, Settings settings, Hooks hooks) {
        this.topic = topic;
        this.settings = settings;
        this.hooks = hooks;
        this.consumer = new KafkaConsumer<>(
                consumerProps(kafka, settings), new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, settings.threadName());
        this.thread.setDaemon(true);
    }

    /**
     * The consumer settings of a reader of a whole topic: no group, nothing committed, only committed records, from the
     * beginning, never creating the topic; {@code settings}' poll size and client id unless {@code kafka} sets them.
     * Also for one-shot reads of a topic that do not follow it.
     */
    public static Properties consumerProps(Properties kafka, Settings settings) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The processor creates the topics with their own settings (compaction); a reader asking for their partitions
        // must not create them first with the broker's defaults.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        if (settings.maxPollRecords() > 0) {
            props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(settings.maxPollRecords()));
        }
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        return props;
    }

    /** Starts the thread that reads the topic. */
    public void start() {
        thread.start();
    }

    /** True once the follower has read everything that was in the topic when the current load started. */
    public boolean isReady() {
        return ready;
    }

    /** How long the last load from the beginning took, or null while the first one runs. */
    public Duration loadTime() {
        return loadTime;
    }

    /**
     * A short human explanation of where the follower is. While it follows, the count comes from the view at the time
     * of asking, not from when it became current (a {@code /health} long after the start would otherwise show the
     * count of the first load).
     */
    public String detail() {
        return following ? "following " + topic + " (" + hooks.currentDetail() + ")" : detail;
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
                    ready = false;
                    following = false;
                    detail = "reloading after " + e.getClass().getSimpleName()
                            + (settings.errorsInDetail() ? ": " + e.getMessage() : "");
                    LOG.error("{} of {} failed; reloading in {}", settings.name(), topic, RETRY, LogText.failure(e));
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
        hooks.reset();
        loadStarted = System.nanoTime();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUpTargets = consumer.endOffsets(partitions);
        following = false;
        detail = "loading " + topic;
        LOG.info("{} loading {} ({} partitions)", settings.name(), topic, partitions.size());
        while (!closing) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            boolean live = ready;
            records.forEach(record -> hooks.apply(record, live));
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
                infos = consumer.partitionsFor(topic, METADATA_WAIT);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // partitionsFor already waited; no pause before asking again.
                following = false;
                detail = "waiting for Kafka" + (settings.errorsInDetail() ? " (" + e.getMessage() + ")" : "");
                LOG.warn("{} cannot reach Kafka yet: {}", settings.name(), LogText.safe(e.getMessage()));
                continue;
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            following = false;
            detail = "waiting for topic " + topic;
            LOG.debug("{} waiting for topic {}", settings.name(), topic);
            if (pause(RETRY)) {
                break;
            }
        }
        return List.of();
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
        String current = hooks.currentDetail();
        detail = "following " + topic + " (" + current + ")";
        following = true;
        LOG.info("{} of {} is current: {}, loaded in {}", settings.name(), topic, current, loadTime);
    }

    /** Stops the thread and waits up to 10 s for it; the follower is not ready afterwards. */
    @Override
    public void close() {
        closing = true;
        ready = false;
        closeRequested.countDown();
        consumer.wakeup();
        try {
            if (thread.isAlive() && !stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("{} thread did not stop within 10 s", settings.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
