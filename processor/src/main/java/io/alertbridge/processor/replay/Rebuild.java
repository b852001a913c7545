package io.alertbridge.processor.replay;

import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.app.ProcessorApp;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import io.alertbridge.processor.config.TopicsSlice;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.processor.topology.AlertbridgeTopology;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
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
 * <p>It starts the new group at {@code --from} (or the beginning), reads up to the history's end as it was when it
 * started, waits until every internal topic is drained too, commits and stops. The rebuilt state then waits in its
 * changelog topics. Switching is explicit and left to the operator ({@link #switchSteps}): run the processor under
 * the rebuilt application id; the old id's state stays as it was, so switching back is the same step.
 *
 * <p>Order: Kafka Streams keeps time order within a partition. Live, records arrive in time order anyway; a rebuild
 * reads days of history at once, and the task of one input partition may run ahead of another's before their records
 * meet, repartitioned by incident group. Where that puts records of one group out of order by more than a group's
 * quiet window, the rebuild may merge or split incidents differently from the in-memory replay (which merges the
 * history into one time-ordered stream). On single-partition history the two agree (tested).
 *
 * <p>{@code --resume} continues a rebuild from where its group stopped: run it after stopping the processor and the
 * rebuilt state has caught up with every record the old processor saw, so nothing is handled twice after the switch.
 */
public final class Rebuild {

    private static final Logger LOG = LoggerFactory.getLogger(Rebuild.class);
    private static final Pattern LEGAL_ID = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);
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
     */
    public record Options(String applicationId, Instant from, RuleBook rules, boolean resume, Duration timeout) {}

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
        return Topics.withPrefix(config.topics().prefix() + applicationId + ".");
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
        Topics outputs = outputsOf(config, id);
        Map<String, Object> client = config.kafka().clientProperties();
        long started = System.nanoTime();
        try (Admin admin = Admin.create(client);
                VisibleEnds visible = new VisibleEnds(client)) {
            Map<TopicPartition, Long> starts = startOffsets(admin, history, id, options);
            Map<TopicPartition, Long> targets = new HashMap<>();
            Map<TopicPartition, Long> stable = stableEnds(admin, new ArrayList<>(starts.keySet()));
            starts.forEach(
                    (partition, start) -> targets.put(partition, visible.of(partition, start, stable.get(partition))));
            createOutputs(admin, history, outputs);
            ProcessorConfig rebuildConfig = rebuildConfig(config, id, outputs);
            Topology topology = new AlertbridgeTopology(rebuildConfig, options::rules)
                    .reprocessing(history, Instant.now().getEpochSecond())
                    .build();
            long total = 0;
            for (TopicPartition partition : targets.keySet()) {
                total += Math.max(0, targets.get(partition) - starts.get(partition));
            }
            LOG.info("Rebuild {}: {} records from {} partitions of history", id, total, targets.size());
            long done;
            try (ProcessorApp app = ProcessorApp.of(rebuildConfig, topology)) {
                app.start();
                done = awaitDrained(admin, visible, app, id, starts, targets, total, options.timeout(), progress);
                app.closeAndLeaveGroup(ProcessorApp.CLOSE_TIMEOUT);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("Rebuild {} read {} records in {} ms", id, done, elapsed.toMillis());
            return new Outcome(id, outputs, done, elapsed, readReport(client, outputs));
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

    private static Map<TopicPartition, Long> startOffsets(Admin admin, Topics history, String id, Options options)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                .partitionsToOffsetAndMetadata()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions =
                partitionsOf(admin, List.of(history.awsRaw(), history.anomalyScores(), history.actions()));
        Map<TopicPartition, Long> starts = new HashMap<>();
        if (options.resume()) {
            if (committed.isEmpty()) {
                throw new IllegalArgumentException("no rebuild '" + id + "' to resume: its group has no offsets");
            }
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                starts.put(partition, offset == null ? 0 : offset.offset());
            }
            return starts;
        }
        if (!committed.isEmpty()) {
            throw new IllegalArgumentException("rebuild '" + id + "' already exists: continue it with --resume, "
                    + "or leave --application-id out for a new one");
        }
        OffsetSpec spec = options.from() == null
                ? OffsetSpec.earliest()
                : OffsetSpec.forTimestamp(options.from().toEpochMilli());
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> latest = stableEnds(admin, partitions);
        Map<TopicPartition, OffsetAndMetadata> initial = new HashMap<>();
        var found = admin.listOffsets(request).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        for (TopicPartition partition : partitions) {
            long offset = found.get(partition).offset();
            // No record at or after --from: start at the end, so this partition adds nothing.
            long start = offset < 0 ? latest.get(partition) : offset;
            starts.put(partition, start);
            initial.put(partition, new OffsetAndMetadata(start));
        }
        // The group is new and empty, so its offsets can be set before Kafka Streams joins it.
        admin.alterConsumerGroupOffsets(id, initial).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return starts;
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

    private static Map<TopicPartition, Long> stableEnds(Admin admin, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        ends.forEach((partition, info) -> out.put(partition, info.offset()));
        return out;
    }

    private static void createOutputs(Admin admin, Topics history, Topics outputs)
            throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = partitionsOf(admin, List.of(history.incidents())).size();
        var settings = new TopicCreator.TopicSettings(partitions, (short) -1, Duration.ofDays(30), Duration.ofDays(7));
        TopicCreator.create(
                admin,
                List.of(outputs.alerts(), outputs.incidents(), outputs.notifications(), outputs.deadLetters()),
                settings);
    }

    private static ProcessorConfig rebuildConfig(ProcessorConfig config, String id, Topics outputs) {
        StreamsSlice streams = config.streams().withApplicationId(id);
        Map<String, String> properties = new HashMap<>(streams.properties());
        // Wait briefly for every co-partitioned input to have data, so raw alarms and anomaly scores interleave by
        // time as they did live instead of one topic's backlog running ahead of the other's.
        properties.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "500");
        return config.withStreams(streams.withProperties(properties)).withTopics(new TopicsSlice(outputs.prefix()));
    }

    private static long awaitDrained(
            Admin admin,
            VisibleEnds visible,
            ProcessorApp app,
            String id,
            Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> targets,
            long total,
            Duration timeout,
            PrintStream progress)
            throws ExecutionException, InterruptedException, TimeoutException {
        ProgressBar bar = progress != null ? new ProgressBar(progress, total) : null;
        long deadline = System.nanoTime() + timeout.toNanos();
        long done = 0;
        while (true) {
            KafkaStreams.State state = app.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("rebuild " + id + " stopped (" + state + "); see the log");
            }
            // Committed offsets first, then the ends: a record written after this read can only come from a
            // transaction that also moved an offset read here, so "all drained" is never seen too early.
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            done = 0;
            boolean inputsDone = true;
            for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
                long at = offset(committed, target.getKey(), starts.get(target.getKey()));
                done += Math.max(0, Math.min(at, target.getValue()) - starts.get(target.getKey()));
                inputsDone &= at >= target.getValue();
            }
            if (bar != null) {
                bar.update(done);
            }
            if (inputsDone && internalDrained(admin, visible, id, committed)) {
                if (bar != null) {
                    bar.finish(done);
                }
                return done;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("rebuild " + id + " did not finish within " + timeout + " (" + done + " of "
                        + total + " records); continue it with --resume");
            }
            Thread.sleep(CHECK_EVERY.toMillis()); // CHECKSTYLE:OK polling the group's progress, not a test
        }
    }

    private static boolean internalDrained(
            Admin admin, VisibleEnds visible, String id, Map<TopicPartition, OffsetAndMetadata> committed)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> repartitionTopics =
                admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                        .filter(name -> name.startsWith(id + "-") && name.endsWith("-repartition"))
                        .toList();
        if (repartitionTopics.isEmpty()) {
            return true;
        }
        List<TopicPartition> internal = new ArrayList<>();
        var described = admin.describeTopics(repartitionTopics)
                .allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        described.forEach((name, description) ->
                description.partitions().forEach(info -> internal.add(new TopicPartition(name, info.partition()))));
        Map<TopicPartition, Long> ends = stableEnds(admin, internal);
        for (TopicPartition partition : internal) {
            // Nothing committed yet: everything the partition holds is still to be read.
            long at = offset(committed, partition, 0);
            if (at < visible.of(partition, at, ends.get(partition))) {
                return false;
            }
        }
        return true;
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
}
