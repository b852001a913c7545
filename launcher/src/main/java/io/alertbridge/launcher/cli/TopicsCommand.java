package io.alertbridge.launcher.cli;

import io.alertbridge.processor.admin.TopicCreator;
import io.alertbridge.processor.config.ProcessorConfig;
import io.alertbridge.processor.config.StreamsSlice;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code alertbridge topics create}: create Alertbridge's topics on the configured cluster. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Manage Alertbridge's Kafka topics.",
        subcommands = {TopicsCommand.Create.class})
final class TopicsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code topics create}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Create the topics that do not exist yet (safe to run again): raw history with long",
                "retention, rules and incidents compacted, the rest with a short retention."
            })
    static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        LauncherOptions options = new LauncherOptions();

        @Option(names = "--partitions", defaultValue = "6", description = "Partitions per topic (default 6).")
        int partitions;

        @Option(
                names = "--replication-factor",
                defaultValue = "-1",
                description = "Replicas per partition (default: the broker's default).")
        short replicationFactor;

        @Option(
                names = "--history-retention",
                defaultValue = "30d",
                description = "Retention of the raw history topics that replay reads (default 30d).")
        String historyRetention;

        @Option(names = "--retention", defaultValue = "7d", description = "Retention of the other topics (7d).")
        String retention;

        @Override
        public Integer call() throws Exception {
            ProcessorConfig config = options.clusterConfig();
            Map<String, Object> client = config.kafka().clientProperties();
            TopicCreator.TopicSettings settings = new TopicCreator.TopicSettings(
                    partitions, replicationFactor, duration(historyRetention), duration(retention));
            try (Admin admin = Admin.create(client)) {
                TopicCreator.Result result = TopicCreator.createAll(admin, config.topicCatalog(), settings);
                spec.commandLine()
                        .getOut()
                        .printf("Created %s%nAlready there %s%n", result.created(), result.existing());
            }
            hopsAdvice(partitions, config.streams().hops())
                    .ifPresent(advice -> spec.commandLine().getOut().println(advice));
            return 0;
        }

        /**
         * What to say about {@code streams.hops} after creating topics of {@code partitions}: on one partition, that
         * the processor can keep its records in its one task; on more, that {@code in_task} would stop it.
         */
        static Optional<String> hopsAdvice(int partitions, StreamsSlice.Hops hops) {
            if (partitions == 1 && hops != StreamsSlice.Hops.IN_TASK) {
                return Optional.of("One partition per topic: with streams.hops: in_task the processor hands records"
                        + " from stage to stage in its one task (no repartition topics, one commit per alert's way).");
            }
            if (partitions > 1 && hops == StreamsSlice.Hops.IN_TASK) {
                return Optional.of("streams.hops is in_task, which needs one partition per topic: the processor will"
                        + " stop on these topics. Set streams.hops: topics, or create the topics with --partitions 1.");
            }
            return Optional.empty();
        }

        private static Duration duration(String text) {
            return io.alertbridge.schemas.serde.Json.parseDuration(text);
        }
    }
}
