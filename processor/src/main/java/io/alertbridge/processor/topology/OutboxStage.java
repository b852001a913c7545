package io.alertbridge.processor.topology;

import io.alertbridge.processor.incident.HistoryTransitions;
import io.alertbridge.processor.incident.IncidentChange;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.topics.TopicSpec;
import io.alertbridge.schemas.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.util.Objects;

/**
 * Stage {@code outbox}: publishes what the incident stages decided. Under exactly-once, both writes commit with the
 * input offsets and the state changes that produced them, so the Slack sink (reading committed) sees each command once
 * and the incidents view never runs ahead of or behind the commands.
 *
 * <ul>
 *   <li>Inputs: incident changes (key group key, value {@link IncidentChange}, from {@link LifecycleStage}) and
 *       commands (key group key or {@code digest:<channel>}, value {@link NotificationCommand}, from
 *       {@link ThrottleStage}).
 *   <li>Outputs: {@code alertbridge.incidents} (compacted; key group key, value the whole {@link Incident} after every
 *       change, unthrottled, so {@code /alerts} answers from the truth), {@code alertbridge.incident.history}
 *       (delete retention; key group key, value one small {@link IncidentTransition} per transition the change holds,
 *       see {@link HistoryTransitions}, for reports) and {@code alertbridge.notifications} (key as the command's,
 *       value {@link NotificationCommand}).
 *   <li>Stores: none. Processors: {@value #INCIDENT_SNAPSHOTS}, {@value #HISTORY_TRANSITIONS}, sinks
 *       {@value #INCIDENTS_SINK}, {@value #HISTORY_SINK} and {@value #NOTIFICATIONS_SINK}.
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
public final class OutboxStage {

    public static final String INCIDENT_SNAPSHOTS = "outbox-incident-snapshots";
    public static final String INCIDENTS_SINK = "outbox-incidents";
    public static final String NOTIFICATIONS_SINK = "outbox-notifications";
    public static final String HISTORY_TRANSITIONS = "outbox-history-transitions";
    public static final String HISTORY_SINK = "outbox-history";

    private final Topics topics;

    public OutboxStage(Topics topics) {
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    /** Adds the stage's sinks to the builder. */
    public void build(
            StreamsBuilder builder,
            KStream<String, IncidentChange> changes,
            KStream<String, NotificationCommand> commands) {
        TopicSpec<String, Incident> incidents = topics.incidents();
        changes.filter((groupKey, change) -> change.altersIncident(), Named.as(INCIDENT_SNAPSHOTS + "-filter"))
                .mapValues(IncidentChange::incident, Named.as(INCIDENT_SNAPSHOTS))
                .to(
                        incidents.name(),
                        Produced.with(incidents.keySerde(), incidents.valueSerde())
                                .withName(INCIDENTS_SINK));
        TopicSpec<String, IncidentTransition> history = topics.incidentHistory();
        changes.flatMapValues(HistoryTransitions::of, Named.as(HISTORY_TRANSITIONS))
                .to(
                        history.name(),
                        Produced.with(history.keySerde(), history.valueSerde()).withName(HISTORY_SINK));
        TopicSpec<String, NotificationCommand> notifications = topics.notifications();
        commands.to(
                notifications.name(),
                Produced.with(notifications.keySerde(), notifications.valueSerde())
                        .withName(NOTIFICATIONS_SINK));
    }
}
