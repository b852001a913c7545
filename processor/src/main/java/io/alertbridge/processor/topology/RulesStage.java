package io.alertbridge.processor.topology;

import io.alertbridge.processor.rules.LiveRuleBook;
import io.alertbridge.processor.store.StateStores;
import io.alertbridge.processor.store.StoreKind;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.text.LogText;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * The rules in force at run time: reads the compacted {@code alertbridge.rules} topic as a global store (every
 * instance sees every rule) and feeds a {@link LiveRuleBook}, so a rule applied with {@code alertbridge rules apply}
 * changes the routing, silences and thresholds of the next records, without a restart.
 *
 * <ul>
 *   <li>Input: {@code alertbridge.rules}, key rule id, value the rule as JSON bytes (validated here, not by a serde,
 *       so a bad rule is rejected with its reason instead of stopping the global thread).
 *   <li>Store: {@value StateStores#RULES} (global, of the topology's {@link StoreKind}; rule id → the valid {@link Rule} in
 *       force). Processor {@value #PROCESSOR}, source {@value #SOURCE}.
 * </ul>
 *
 * <p>A bad rule is logged with its coordinates and reason and never applied; the rule's previous version stays in
 * force. On start the store's valid rules are loaded into the book, then the topic is followed from where the store
 * left off (Kafka Streams re-runs this processor over the records it restores). Runs on Kafka Streams' global thread.
 */
public final class RulesStage {

    public static final String SOURCE = "rules-source";
    public static final String PROCESSOR = "rules-apply";

    private final Topics topics;
    private final StoreKind stores;

    /** The stage as the processor runs it ({@link StoreKind#DURABLE}). */
    public RulesStage(Topics topics) {
        this(topics, StoreKind.DURABLE);
    }

    /** The stage with a store of the given kind (the topology's, {@link AlertbridgeTopology}). */
    public RulesStage(Topics topics, StoreKind stores) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /** Adds the global store to the builder; {@code book} follows the topic from then on. */
    public void build(StreamsBuilder builder, LiveRuleBook book) {
        builder.addGlobalStore(
                StateStores.rules(stores),
                topics.rules().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE),
                () -> new RulesProcessor(book));
    }

    /** Validates and applies each rules record; one per global thread. */
    static final class RulesProcessor implements Processor<String, byte[], Void, Void> {

        private static final Logger LOG = LoggerFactory.getLogger(RulesProcessor.class);

        private final LiveRuleBook book;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, Rule> store;

        RulesProcessor(LiveRuleBook book) {
            this.book = book;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(StateStores.RULES);
            int restored = 0;
            try (KeyValueIterator<String, Rule> all = store.all()) {
                while (all.hasNext()) {
                    book.restore(all.next().value);
                    restored++;
                }
            }
            LOG.info("Rules: {} rules from the rules topic restored from the local store", restored);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            String where =
                    context.recordMetadata().map(RulesProcessor::coordinates).orElse("?");
            if (record.key() == null) {
                LOG.warn("Rule at {} rejected: it has no key (the key must be the rule's id)", where);
                return;
            }
            if (record.value() == null) {
                book.remove(record.key());
                store.delete(record.key());
                LOG.info("Rule {} deleted (tombstone at {})", LogText.safe(record.key()), where);
                return;
            }
            LiveRuleBook.Outcome outcome = book.apply(record.key(), record.value());
            if (outcome.applied()) {
                store.put(record.key(), outcome.rule());
                LOG.info("Rule {} applied from {}", LogText.safe(record.key()), where);
            } else {
                LOG.warn(
                        "Rule {} at {} rejected, previous version stays in force: {}",
                        LogText.safe(record.key()),
                        where,
                        LogText.safe(outcome.rejectedBecause()));
            }
        }

        private static String coordinates(RecordMetadata metadata) {
            return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
        }
    }
}
