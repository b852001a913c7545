package io.alertbridge.processor.admin;

import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the topics of a {@link Topics} catalog that do not exist yet, with partitions, replication, retention
 * and cleanup from {@link TopicSettings}. Existing topics are left as they are (and reported), so it is safe to
 * run at every start.
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    /** Largest record on the history and dead-letter topics: a 1 MiB SQS body, JSON-escaped, with its envelope. */
    static final int LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;

    private TopicCreator() {}

    /**
     * How topics are created.
     *
     * @param partitions partitions of every topic (the unit of scale-out)
     * @param replicationFactor replicas, or -1 for the broker's default
     * @param historyRetention retention of the raw history topics that replay reads
     * @param retention retention of the other delete-cleanup topics
     */
    public record TopicSettings(
            int partitions, short replicationFactor, Duration historyRetention, Duration retention) {
        public TopicSettings {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1");
            }
        }

        /** One partition, broker-default replication: the embedded default. */
        public static TopicSettings dev() {
            return new TopicSettings(1, (short) -1, Duration.ofDays(30), Duration.ofDays(7));
        }
    }

    /**
     * The outcome.
     *
     * @param created topics created now
     * @param existing topics that were already there
     */
    public record Result(List<String> created, List<String> existing) {}

    /** Creates what is missing and returns what it did. */
    public static Result createAll(Admin admin, Topics topics, TopicSettings settings)
            throws ExecutionException, InterruptedException {
        return create(admin, topics.all(), settings);
    }

    /** Creates those of {@code specs} that are missing and returns what it did. */
    public static Result create(Admin admin, List<TopicSpec<?, ?>> specs, TopicSettings settings)
            throws ExecutionException, InterruptedException {
        Set<String> present = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (TopicSpec<?, ?> spec : specs) {
            if (present.contains(spec.name())) {
                existing.add(spec.name());
            } else {
                missing.add(newTopic(spec, settings));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
        List<String> created = missing.stream().map(NewTopic::name).toList();
        LOG.info("Topics created: {}; already present: {}", created, existing);
        return new Result(created, existing);
    }

    static NewTopic newTopic(TopicSpec<?, ?> spec, TopicSettings settings) {
        Map<String, String> config =
                switch (spec.cleanup()) {
                    case COMPACT -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                    case DELETE_LONG_RETENTION ->
                        Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(settings.historyRetention().toMillis()));
                    case DELETE ->
                        Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(settings.retention().toMillis()));
                };
        Optional<Short> replication =
                settings.replicationFactor() < 0 ? Optional.empty() : Optional.of(settings.replicationFactor());
        return new NewTopic(spec.name(), Optional.of(settings.partitions()), replication).configs(config);
    }
}
