package io.alertbridge.processor.topology;

import io.alertbridge.processor.config.IncidentConfig;
import io.alertbridge.processor.incident.IncidentChange;
import io.alertbridge.processor.incident.IncidentInput;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

import java.util.function.Supplier;

/**
 * The incident half of the topology in one readable place: silence → correlate → lifecycle → throttle → outbox, fed
 * the deduplicated alerts and people's actions from {@code alertbridge.actions}. The rules come from the supplier
 * (a {@link io.alertbridge.processor.rules.LiveRuleBook} fed by {@link RulesStage} in production).
 */
public final class IncidentStages {

    /** The name of the actions topic's source node. */
    public static final String ACTIONS_SOURCE = "actions-source";

    private IncidentStages() {}

    /**
     * Adds the incident stages to the builder.
     *
     * @param builder the builder
     * @param alerts the deduplicated alerts, keyed by fingerprint (what {@code alertbridge.alerts} holds)
     * @param topics the topic catalog (actions in; incidents and notifications out)
     * @param config the incident stages' configuration
     * @param rules the rules in force
     */
    public static void build(
            StreamsBuilder builder,
            KStream<String, AlertEvent> alerts,
            Topics topics,
            IncidentConfig config,
            Supplier<RuleBook> rules) {
        TopicSpec<String, UserAction> actionsTopic = topics.actions();
        KStream<String, UserAction> actions = builder.stream(
                actionsTopic.name(),
                Consumed.with(actionsTopic.keySerde(), actionsTopic.valueSerde())
                        .withName(ACTIONS_SOURCE));

        KStream<String, AlertEvent> marked = new SilenceStage(rules).build(builder, alerts);
        KStream<String, IncidentInput> inputs = new CorrelateStage(rules).build(builder, marked, actions);
        KStream<String, IncidentChange> changes = new LifecycleStage(config, rules).build(builder, inputs);
        KStream<String, NotificationCommand> commands = new ThrottleStage(config, rules).build(builder, changes);
        new OutboxStage(topics).build(builder, changes, commands);
    }
}
