package io.alertbridge.processor.topology;

import io.alertbridge.processor.incident.Silencing;
import io.alertbridge.processor.rules.RuleBook;
import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.text.LogText;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Stage {@code silence}: marks the alerts an active silence or maintenance window covers
 * ({@link AlertEvent#suppressed}), under the rules in force; a RESOLVED always passes (see {@link Silencing}).
 * Suppressed alerts go on: the lifecycle records them on their incident and the throttle never notifies them.
 *
 * <ul>
 *   <li>Input: the deduplicated alerts ({@code alertbridge.alerts}), key fingerprint, value {@link AlertEvent}.
 *   <li>Output: the same stream, same key, with suppressed events marked.
 *   <li>Stores: none. Processor: {@value #PROCESSOR}.
 * </ul>
 *
 * <p>Thread-safe: stateless, and the rule book is an immutable snapshot per record.
 */
public final class SilenceStage {

    /** The name of its processor. */
    public static final String PROCESSOR = "silence-mark";

    private static final Logger LOG = LoggerFactory.getLogger(SilenceStage.class);

    private final Supplier<RuleBook> rules;

    public SilenceStage(Supplier<RuleBook> rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** Adds the stage to the builder and returns its output. */
    public KStream<String, AlertEvent> build(StreamsBuilder builder, KStream<String, AlertEvent> alerts) {
        return alerts.mapValues(this::mark, Named.as(PROCESSOR));
    }

    private AlertEvent mark(AlertEvent event) {
        if (event == null) {
            return null;
        }
        Silencing.Decision decision = Silencing.decide(event, rules.get());
        if (decision.suppressed() && !event.isSuppressed()) {
            LOG.debug(
                    "Alert {} ({}) {}",
                    LogText.safe(event.eventId()),
                    LogText.safe(event.fingerprint()),
                    LogText.safe(decision.reason()));
            return event.suppressed(decision.silenceId());
        }
        return event;
    }
}
