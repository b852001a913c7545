package io.alertbridge.processor.replay;

import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.processor.topology.Hop;
import io.alertbridge.processor.topology.WindowEnd;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@code alertbridge replay --rebuild}: reprocesses the history with the real Kafka Streams runtime to rebuild the
 * incident state under new rules, beside the running processor and never in its way.
 *
 * <p>Safety comes from separation, not care:
 *
 * <ul>
 *   <li>Its own application id ({@code <processor id>-rebuild-<UTC time>} unless given): its own consumer group,
 *       state directory, changelog and repartition topics. The processor's id is refused.
 *   <li>Its own output topics, under the prefix {@code <topics prefix><application id>.}: nothing reaches the Slack
 *       sink or the incident index. Only production's raw, anomaly-score and action topics are read.
 *   <li>{@link io.alertbridge.processor.topology.TimeBase#RECORD_TIME}: waits, escalations and quiet windows are
 *       judged by the records' time, as they were live; and incident ids are numbered from far above any live
 *       sequence, so that no rebuilt incident can ever share an id (and a Slack message) with a live one.
 * </ul>
 *
 * <p>Order: Kafka Streams keeps time order within a partition only. Live, records arrive in time order anyway; a
 * rebuild reads days of history at once, and left to itself the task of one input partition would run hours ahead
 * of another's before their records meet, repartitioned by incident group. So the rebuild feeds the history itself:
 * it merges every input partition into one time-ordered stream ({@link HistoryReader}), copies it into its own input
 * topics (same partition as the original, same key, timestamp and headers), one {@code orderWindow} of record time
 * at a time, and waits until the topology has drained each window, internal topics included, before the next. Two
 * records can then meet out of order only when they are less than a window apart.
 *
 * <p>When the history is read, the rebuild leaves its group and commits, for production's input partitions, the
 * offsets where its history ended: a processor switched to the rebuilt id goes on from exactly there. Its own copy
 * of the history is deleted. The rebuilt state waits in its changelog topics. Switching is explicit and left to the
 * operator ({@link #switchSteps}): run the processor under the rebuilt application id; the old id's state stays as
 * it was, so switching back is the same step.
 *
 * <p>{@code --resume} continues a finished rebuild from where its history ended: run it after stopping the processor
 * and the rebuilt state has caught up with every record the old processor saw, so nothing is handled twice after
 * the switch. A rebuild that stopped half-way cannot be resumed: start a new one.
 */
public final class Rebuild {

    private static final Logger LOG = LoggerFactory.getLogger(Rebuild.class);
    private static final Pattern LEGAL_ID = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private Rebuild() {}

    /**
     * What to rebuild.
     *
     * @param applicationId the rebuild's application id (see {@link #defaultApplicationId})
     * @param from where the history starts, or null for the beginning (ignored when resuming)
     * @param rules the rules to rebuild under
     * @param resume continue an earlier rebuild of this id instead of starting one
     * @param timeout how long the whole rebuild may take before it stops with an error
     * @param orderWindow how much record time is fed before the topology must drain it (see the class comment)
     */
    public record Options(
            String applicationId,
            Instant from,
            RuleBook rules,
            boolean resume,
            Duration timeout,
            Duration orderWindow) {
        public Options {
            if (orderWindow == null || orderWindow.isNegative() || orderWindow.isZero()) {
                throw new IllegalArgumentException("the order window must be positive, was " + orderWindow);
            }
        }
    }

    /**
     * The outcome.
     *
     * @param applicationId the rebuilt application id: run the processor under it to switch
     * @param outputs the catalog the rebuild wrote its alerts, incidents, notifications and dead letters to
     * @param records history records the rebuild read in this run
     * @param elapsed how long it took
     * @param report what the rebuilt state holds, from its output topics (all its runs)
     */
    public record Outcome(String applicationId, Topics outputs, long records, Duration elapsed, ReplayReport report) {
        /** Records per second. */
        public double rate() {
            return records / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }
    }

    /** {@code <processor id>-rebuild-<UTC time of now>}. */
    public static String defaultApplicationId(ProcessorConfig config, Instant now) {
        return config.streams().applicationId() + "-rebuild-" + STAMP.format(now);
    }

    /** The topics a rebuild of {@code applicationId} writes to: {@code <topics prefix><applicationId>.}. */
    public static Topics outputsOf(ProcessorConfig config, String applicationId) {
        return own(config.topicCatalog(), applicationId);
    }

    /** The explicit steps that switch the processor to a finished rebuild, for the terminal. */
    public static List<String> switchSteps(ProcessorConfig config, String applicationId, String rulesFile) {
        return List.of(
                "1. Stop the processor (alertbridge process / run).",
                "2. Catch up what it handled meanwhile: alertbridge replay --rebuild --resume --application-id "
                        + applicationId + " --rules " + rulesFile,
                "3. Make these rules the live ones: alertbridge rules apply " + rulesFile,
                "4. Start the processor with streams.applicationId: " + applicationId + " (it was "
                        + config.streams().applicationId() + ").",
                "To switch back, start it with streams.applicationId: "
                        + config.streams().applicationId() + " again: that state was never touched.");
    }

    /**
     * Rebuilds.
     *
     * @param config the processor's configuration (cluster, topics, stage settings); its application id is the one
     *     the rebuild must not use
     * @param options what to rebuild
     * @param progress where to draw the progress bar, or null for none
     * @throws IllegalArgumentException for an unusable application id or a resume/start that does not fit the group
     */
    public static Outcome run(ProcessorConfig config, Options options, PrintStream progress)
            throws ExecutionException, InterruptedException, TimeoutException {
        String id = checkedId(config, options.applicationId());
        Topics history = config.topicCatalog();
        Topics own = outputsOf(config, id);
        Map<String, Object> client = config.kafka().clientProperties();
        long started = System.nanoTime();
        try (Admin admin = Admin.create(client);
                UnreadRecords unread = new UnreadRecords(client);
                HistoryReader reader = historyReader(admin, client, history, id, options)) {
            createTopics(admin, history, own);
            if (options.resume()) {
                readOwnInputsFromTheStart(admin, id, history, own);
            }
            ProcessorConfig rebuildConfig =
                    rebuildConfig(hopsFor(config, partitionsOf(admin, inputs(history))), id, own);
            AlertbridgeTopology reprocessing = new AlertbridgeTopology(rebuildConfig, options::rules)
                    .reprocessing(own, Instant.now().getEpochSecond());
            Topology topology = reprocessing.build();
            LOG.info(
                    "Rebuild {}: stages hand records on {}",
                    id,
                    reprocessing.hop() == Hop.IN_TASK ? "in the task" : "through repartition topics");
            LOG.info("Rebuild {}: {} records of history", id, reader.estimatedRecords());
            ProgressBar bar = progress != null ? new ProgressBar(progress, reader.estimatedRecords()) : null;
            Feed feed = new Feed(admin, unread, id, history, own, client, options, bar);
            try (ProcessorApp app = ProcessorApp.of(rebuildConfig, topology)) {
                app.start();
                feed.run(reader, app, reprocessing.hop() == Hop.THROUGH_TOPIC);
                app.closeAndLeaveGroup(ProcessorApp.CLOSE_TIMEOUT);
            }
            finish(admin, id, reader.endOffsets(), own);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Rebuild {} read {} records in {} ms", id, feed.fed(), elapsed.toMillis());
            return new Outcome(id, own, feed.fed(), elapsed, readReport(client, own));
        }
    }

    private static String checkedId(ProcessorConfig config, String id) {
        if (id == null || !LEGAL_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "--application-id may only hold letters, digits, '.', '_' and '-', was '" + id + "'");
        }
        if (id.equals(config.streams().applicationId())) {
            throw new IllegalArgumentException("'" + id + "' is the processor's own application id: a rebuild "
                    + "never runs on the processor's state; choose another id (or leave it out)");
        }
        return id;
    }

    /** The history to feed: from --from (or the beginning) for a new rebuild, from where it ended to resume one. */
    private static HistoryReader historyReader(
            Admin admin, Map<String, Object> client, Topics history, String id, Options options)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                .partitionsToOffsetAndMetadata()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = partitionsOf(admin, inputs(history));
        if (!options.resume()) {
            if (!committed.isEmpty()) {
                throw new IllegalArgumentException("rebuild '" + id + "' already exists: continue it with --resume, "
                        + "or leave --application-id out for a new one");
            }
            return new HistoryReader(
                    client,
                    partitions.stream().map(TopicPartition::topic).distinct().toList(),
                    options.from(),
                    null);
        }
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                throw new IllegalArgumentException("no finished rebuild '" + id + "' to resume: its group has no "
                        + "offset for " + partition + " (a rebuild that stopped half-way cannot be resumed)");
            }
            starts.put(partition, offset.offset());
        }
        return new HistoryReader(client, starts);
    }

    private static Topics own(Topics history, String id) {
        return Topics.withPrefix(history.prefix() + id + ".");
    }

    private static List<TopicSpec<?, ?>> inputs(Topics topics) {
        return List.of(topics.awsRaw(), topics.anomalyScores(), topics.actions());
    }

    /** The rebuild's own copy of one of production's input topics: the same name under the rebuild's prefix. */
    static String ownName(Topics history, Topics own, String historyTopic) {
        return own.prefix() + historyTopic.substring(history.prefix().length());
    }

    /** A resumed rebuild's own input topics start afresh: their records from the last run were deleted with them. */
    private static void readOwnInputsFromTheStart(Admin admin, String id, Topics history, Topics own)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> fromStart = new HashMap<>();
        for (TopicPartition partition : partitionsOf(admin, inputs(own))) {
            fromStart.put(partition, new OffsetAndMetadata(0));
        }
        admin.alterConsumerGroupOffsets(id, fromStart).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Hands production's input offsets to the rebuilt group and deletes the rebuild's copy of the history. */
    private static void finish(Admin admin, String id, Map<TopicPartition, Long> historyEnds, Topics own)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        historyEnds.forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end)));
        // The group is empty now (the rebuild left it), so its offsets can be set.
        admin.alterConsumerGroupOffsets(id, ends).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        admin.deleteTopics(inputs(own).stream().map(TopicSpec::name).toList())
                .all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static List<TopicPartition> partitionsOf(Admin admin, List<TopicSpec<?, ?>> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        List<TopicPartition> partitions = new ArrayList<>();
        var described =
                admin.describeTopics(names).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        described.forEach((name, description) ->
                description.partitions().forEach(info -> partitions.add(new TopicPartition(name, info.partition()))));
        return partitions;
    }

    /**
     * Each partition's high watermark: the end of what has been written to it, committed or not. Not the last stable
     * offset: a transaction's commit becomes visible partition by partition, as its coordinator writes the markers,
     * so a group's committed offset can already show a transaction whose records the partition it wrote to does not
     * yet expose below its last stable offset. Asking up to the last stable offset then declares those records
     * drained; asking up to the high watermark waits for them (see {@link UnreadRecords#anyBetween}).
     */
    private static Map<TopicPartition, Long> writtenEnds(Admin admin, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        ends.forEach((partition, info) -> out.put(partition, info.offset()));
        return out;
    }

    private static void createTopics(Admin admin, Topics history, Topics own)
            throws ExecutionException, InterruptedException, TimeoutException {
        // The copies of the inputs have their originals' partition counts, so the rebuilt tasks, changelogs and
        // repartition topics are the ones a processor reading the originals expects.
        List<TopicSpec<?, ?>> originals = inputs(history);
        List<TopicSpec<?, ?>> copies = inputs(own);
        for (int i = 0; i < originals.size(); i++) {
            int partitions = partitionsOf(admin, List.of(originals.get(i))).size();
            TopicCreator.create(
                    admin,
                    List.of(copies.get(i)),
                    new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(7), Duration.ofDays(7)));
        }
        int partitions = partitionsOf(admin, List.of(history.incidents())).size();
        TopicCreator.create(
                admin,
                // The heartbeat stage reads pings from its own catalog; a rebuild watches no heartbeat, so it stays
                // empty.
                List.of(
                        own.alerts(),
                        own.incidents(),
                        own.incidentHistory(),
                        own.notifications(),
                        own.deadLetters(),
                        own.heartbeats()),
                new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(30), Duration.ofDays(7)));
    }

    /**
     * Decides {@code streams.hops: auto} for a rebuild from the history it reads: its stages hand records on in the
     * task when every input topic has one partition (the copies it feeds have the same), else through repartition
     * topics. A hop set explicitly stays. The processor itself cannot ask the broker before it builds its topology
     * (it starts while Kafka is down); a rebuild has already described the topics.
     *
     * @param inputs every partition of the history's input topics
     */
    static ProcessorConfig hopsFor(ProcessorConfig config, Collection<TopicPartition> inputs) {
        boolean onePartitionEach =
                !inputs.isEmpty() && inputs.stream().allMatch(partition -> partition.partition() == 0);
        return onePartitionEach
                ? config.toBuilder()
                        .streams(config.streams().onSinglePartitionTopics())
                        .build()
                : config;
    }

    private static ProcessorConfig rebuildConfig(ProcessorConfig config, String id, Topics outputs) {
        Map<String, String> properties = new HashMap<>(config.streams().properties());
        // Each window waits for its records to cross every repartition topic before the next is fed: commit often,
        // and do not let a read_committed fetch sit out fetch.max.wait.ms (500 ms) when a commit marker, not a
        // record, is what made data visible; three hops would otherwise cost about a second per window.
        // 5 ms, not 20, since the throttle's timers stopped firing at every record (StageTimers): a window's time is
        // now its records waiting at each hop for the commit. bench/run RebuildThroughput 10000 2 1d 5m 1 drained a
        // window in 250 and 266 ms at 5 ms against 364 and 278 ms at 20 (runs alternated); the defaults' rounds
        // rebuilt at 193 / 265 / 274 records/s against 187 / 210 / 236 (A/B, one run each).
        //
        // In the task (streams.hops: in_task) one commit drains a window, and the feed's WindowEnd marker asks for it
        // as soon as the window is processed; a timed commit is then only the fallback for a marker processed early,
        // and at 5 ms it cut a window of 35 records into a dozen commits of about 10 ms each. RebuildThroughput
        // 10000 1 1d 5m 1 under in_task, p50 drain: 130 ms at 5 ms without the marker, 100 with it at 5 ms, 74 with
        // it at 100 ms, 32 with it at 1 s (bench/README.md, "A rebuild's window ends with a marker").
        boolean inTask = Hop.of(config.streams().hops()) == Hop.IN_TASK;
        properties.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, inTask ? "1000" : "5");
        properties.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "10");
        // Nor let the stream thread block in its poll (poll.ms, 100 ms) while the next hop's records wait in its
        // open transaction for the commit that comes after the poll: a window drained in 669 and 668 ms against 760
        // and 795 (bench/run RebuildThroughput 800 2 2h 5m 1, the feed's DEBUG lines, two pairs of runs).
        properties.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, "10");
        StreamsSlice streams = config.streams().toBuilder()
                .applicationId(id)
                .properties(properties)
                .build();
        return config.toBuilder().streams(streams).topicPrefix(outputs.prefix()).build();
    }

    private static boolean internalDrained(
            Admin admin,
            UnreadRecords unread,
            List<TopicPartition> internal,
            Map<TopicPartition, OffsetAndMetadata> committed)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (internal.isEmpty()) {
            return true;
        }
        Map<TopicPartition, Long> ends = writtenEnds(admin, internal);
        Map<TopicPartition, Long> from = new HashMap<>();
        // Nothing committed yet: everything the partition holds is still to be read.
        internal.forEach(partition -> from.put(partition, offset(committed, partition, 0)));
        return !unread.anyBetween(from, ends);
    }

    /** The partitions of the rebuild's repartition topics (Kafka Streams creates them before it runs). */
    private static List<TopicPartition> repartitionPartitions(Admin admin, String id)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> topics = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(name -> name.startsWith(id + "-") && name.endsWith("-repartition"))
                .toList();
        List<TopicPartition> partitions = new ArrayList<>();
        if (!topics.isEmpty()) {
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((name, description) -> description
                            .partitions()
                            .forEach(info -> partitions.add(new TopicPartition(name, info.partition()))));
        }
        return partitions;
    }

    private static long offset(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition partition, long dflt) {
        OffsetAndMetadata offset = committed.get(partition);
        return offset == null ? dflt : offset.offset();
    }

    private static ReplayReport readReport(Map<String, Object> client, Topics outputs) {
        ReplayReport report = new ReplayReport(outputs);
        try (HistoryReader reader = new HistoryReader(
                client,
                List.of(
                        outputs.alerts().name(),
                        outputs.incidents().name(),
                        outputs.notifications().name()),
                null,
                null)) {
            reader.forEach(record -> report.record(record.topic(), record.value()));
        }
        return report;
    }

    /**
     * Copies the history into the rebuild's own input topics one order window at a time and waits, after each, until
     * the topology has committed every record of it and drained its repartition topics. Without repartition topics
     * ({@code streams.hops: in_task}) the commit of a window's input offsets is the transaction that wrote all it led
     * to, so the committed offsets alone say it is drained.
     */
    private static final class Feed {

        /**
         * How often the group's committed offsets are read while a window drains. Without repartition topics a window
         * drains in one commit (tens of milliseconds), so a check every 20 ms would add 10 ms to each on average; with
         * them each check also lists the repartition topics and reads their ends.
         */
        private static final Duration CHECK_EVERY = Duration.ofMillis(20);

        private static final Duration CHECK_EVERY_IN_TASK = Duration.ofMillis(5);

        private final Admin admin;
        private final UnreadRecords unread;
        private final String id;
        private final Topics history;
        private final Topics own;
        private final Map<String, Object> client;
        private final Options options;
        private final ProgressBar bar;
        private final long deadline;
        private final Map<TopicPartition, Long> produced = new HashMap<>();
        private long fed;

        Feed(
                Admin admin,
                UnreadRecords unread,
                String id,
                Topics history,
                Topics own,
                Map<String, Object> client,
                Options options,
                ProgressBar bar) {
            this.admin = admin;
            this.unread = unread;
            this.id = id;
            this.history = history;
            this.own = own;
            this.client = client;
            this.options = options;
            this.bar = bar;
            this.deadline = System.nanoTime() + options.timeout().toNanos();
        }

        long fed() {
            return fed;
        }

        /**
         * Feeds the whole history through the running rebuild.
         *
         * @param repartitions whether the topology re-keys through repartition topics, whose draining each window
         *     then waits for too
         */
        void run(HistoryReader reader, ProcessorApp app, boolean repartitions)
                throws ExecutionException, InterruptedException, TimeoutException {
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                List<Future<RecordMetadata>> window = new ArrayList<>();
                long[] windowEnd = {Long.MIN_VALUE};
                long[] lastTimestamp = {Long.MIN_VALUE};
                long windowMillis = options.orderWindow().toMillis();
                reader.forEach(record -> {
                    if (record.timestamp() >= windowEnd[0]) {
                        endWindow(producer, window, lastTimestamp[0], repartitions);
                        drainUnchecked(window, app, repartitions);
                        windowEnd[0] = record.timestamp() + windowMillis;
                    }
                    window.add(producer.send(new ProducerRecord<>(
                            ownName(history, own, record.topic()),
                            record.partition(),
                            record.timestamp(),
                            record.key(),
                            record.value(),
                            record.headers())));
                    lastTimestamp[0] = Math.max(lastTimestamp[0], record.timestamp());
                    fed++;
                });
                endWindow(producer, window, lastTimestamp[0], repartitions);
                drain(window, app, repartitions);
            } catch (WindowFailed e) {
                e.rethrow();
            }
            if (bar != null) {
                bar.finish(fed);
            }
        }

        /**
         * After a window's records, without repartition topics, its {@link WindowEnd} marker: the one task commits as
         * soon as it has processed the window. With repartition topics every hop waits for its own task's commit, so
         * the marker would save one hop of five; the timed commits drain those windows.
         */
        private void endWindow(
                KafkaProducer<byte[], byte[]> producer,
                List<Future<RecordMetadata>> window,
                long lastTimestamp,
                boolean repartitions) {
            if (window.isEmpty() || repartitions) {
                return;
            }
            // A millisecond after the window's last record: the task takes its records in timestamp order, and a tie
            // with a record of another input topic could put the marker (and the commit) before that record. The next
            // window starts at or after it, so no record of the history comes later than it should.
            ProducerRecord<byte[], byte[]> marker =
                    new ProducerRecord<>(own.awsRaw().name(), 0, lastTimestamp + 1, (byte[]) null, (byte[]) null);
            marker.headers().add(WindowEnd.HEADER, new byte[0]);
            window.add(producer.send(marker));
        }

        private KafkaProducer<byte[], byte[]> producer() {
            Map<String, Object> props = new HashMap<>(client);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }

        private void drainUnchecked(List<Future<RecordMetadata>> window, ProcessorApp app, boolean repartitions) {
            try {
                drain(window, app, repartitions);
            } catch (ExecutionException | InterruptedException | TimeoutException e) {
                throw new WindowFailed(e);
            }
        }

        /** Waits for the window's records to be written, then for the topology to have read all they caused. */
        private void drain(List<Future<RecordMetadata>> window, ProcessorApp app, boolean repartitions)
                throws ExecutionException, InterruptedException, TimeoutException {
            if (window.isEmpty()) {
                return;
            }
            long began = System.nanoTime();
            int records = window.size();
            for (Future<RecordMetadata> sent : window) {
                RecordMetadata written = sent.get();
                produced.merge(
                        new TopicPartition(written.topic(), written.partition()), written.offset() + 1, Math::max);
            }
            window.clear();
            long written = System.nanoTime();
            int checks = 1;
            while (!drained(app, repartitions)) {
                checks++;
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("rebuild " + id + " did not finish within " + options.timeout() + " ("
                            + fed + " records fed); start a new one with a longer --timeout");
                }
                long pause = (repartitions ? CHECK_EVERY : CHECK_EVERY_IN_TASK).toMillis();
                Thread.sleep(pause); // CHECKSTYLE:OK polling the group's progress, not a test
            }
            LOG.debug(
                    "Rebuild {}: window of {} records written in {} ms, drained {} ms later ({} checks)",
                    id,
                    records,
                    (written - began) / 1_000_000,
                    (System.nanoTime() - written) / 1_000_000,
                    checks);
            if (bar != null) {
                bar.update(fed);
            }
        }

        private boolean drained(ProcessorApp app, boolean repartitions)
                throws ExecutionException, InterruptedException, TimeoutException {
            KafkaStreams.State state = app.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("rebuild " + id + " stopped (" + state + "); see the log");
            }
            // Committed offsets first, then the ends: a record written after this read can only come from a
            // transaction that also moved an offset read here, so "all drained" is never seen too early.
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (Map.Entry<TopicPartition, Long> written : produced.entrySet()) {
                if (offset(committed, written.getKey(), 0) < written.getValue()) {
                    return false;
                }
            }
            if (state != KafkaStreams.State.RUNNING) {
                return false;
            }
            if (!repartitions) {
                return true;
            }
            // Listed again at every check, never kept from the first: a listing taken while the broker's metadata
            // did not yet show every repartition topic would let records waiting in the missing one pass as drained.
            List<TopicPartition> internal = repartitionPartitions(admin, id);
            return !internal.isEmpty() && internalDrained(admin, unread, internal, committed);
        }
    }

    /** Carries a checked failure out of the history reader's callback. */
    private static final class WindowFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WindowFailed(Exception cause) {
            super(cause);
        }

        void rethrow() throws ExecutionException, InterruptedException, TimeoutException {
            if (getCause() instanceof ExecutionException e) {
                throw e;
            }
            if (getCause() instanceof InterruptedException e) {
                throw e;
            }
            throw (TimeoutException) getCause();
        }
    }
}
