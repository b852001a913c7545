package io.alertbridge.processor.topology;

import io.alertbridge.processor.incident.Correlation;
import io.alertbridge.processor.incident.IncidentInput;
import io.alertbridge.processor.incident.RoutedAlert;
import io.alertbridge.processor.rules.Attributes;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.SilenceRule;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.CompactSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Stage {@code correlate}: routes each alert (first matching route of the rules in force, else the default route),
 * places it in its route's group ({@link Correlation#route}), and brings people's actions alongside, so that
 * everything about one incident group travels through one repartition topic, in one partition and in order. Whether an
 * alert joins the group's current incident or starts a new one is decided by the lifecycle, which owns the incidents.
 *
 * <ul>
 *   <li>Inputs: marked alerts (key fingerprint, value {@link AlertEvent}) and {@code alertbridge.actions} (key group
 *       key, value {@link UserAction}).
 *   <li>Output: key group key, value {@link IncidentInput}, through the repartition topic
 *       {@code <application.id>-}{@value #REPARTITION}{@code -repartition}.
 *   <li>Stores: none. Processors: {@value #ROUTE_ALERTS}, {@value #KEY_ACTIONS}, {@value #MERGE}.
 * </ul>
 *
 * <p>Routing happens here, once, so a rule that changes while an alert is in flight cannot split it from its group.
 * Thread-safe: stateless.
 */
public final class CorrelateStage {

    /** The repartition topic's name (Kafka Streams adds the application id and {@code -repartition}). */
    public static final String REPARTITION = "incident-inputs";

    public static final String ROUTE_ALERTS = "correlate-route-alerts";
    public static final String KEY_ACTIONS = "correlate-key-actions";
    public static final String MERGE = "correlate-merge";

    private final Supplier<RuleBook> rules;
    private final Hop hop;

    /** The stage as the processor runs it: through its repartition topic. */
    public CorrelateStage(Supplier<RuleBook> rules) {
        this(rules, Hop.THROUGH_TOPIC);
    }

    /** The stage with the hop of the topology ({@link AlertbridgeTopology}). */
    public CorrelateStage(Supplier<RuleBook> rules, Hop hop) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.hop = Objects.requireNonNull(hop, "hop");
    }

    /** Adds the stage to the builder and returns its output. */
    public KStream<String, IncidentInput> build(
            StreamsBuilder builder, KStream<String, AlertEvent> alerts, KStream<String, UserAction> actions) {
        KStream<String, IncidentInput> routed = alerts.filter(
                        (key, event) -> event != null, Named.as(ROUTE_ALERTS + "-present"))
                .map((fingerprint, event) -> routed(event), Named.as(ROUTE_ALERTS));
        KStream<String, IncidentInput> acted = actions.filter(
                        (key, action) -> action != null, Named.as(KEY_ACTIONS + "-present"))
                .map(
                        (key, action) -> KeyValue.pair(action.groupKey(), IncidentInput.of(action)),
                        Named.as(KEY_ACTIONS));
        return hop.repartition(
                routed.merge(acted, Named.as(MERGE)),
                Repartitioned.with(Serdes.String(), CompactSerde.of(IncidentInput.class))
                        .withName(REPARTITION));
    }

    private KeyValue<String, IncidentInput> routed(AlertEvent event) {
        RuleBook book = rules.get();
        Instant silencedUntil =
                event.isSuppressed() && book.rules().get(event.suppressedBy()) instanceof SilenceRule silence
                        ? silence.endsAt()
                        : null;
        RoutedAlert alert = Correlation.route(event, book.routeFor(Attributes.of(event)), silencedUntil);
        return KeyValue.pair(alert.groupKey(), IncidentInput.of(alert));
    }
}
