package io.alertbridge.processor.aws;

import io.alertbridge.schemas.model.AnomalyDecision;
import io.alertbridge.schemas.model.AnomalyScore;

import java.util.Objects;

/** What a message body is to the anomaly path ({@link AnomalyMessages#classify}); every outcome says why. */
public sealed interface AnomalyMessage {

    /** Why this outcome, for logs and dead letters. */
    String reason();

    /**
     * An {@link AnomalyScore}: it belongs on the anomaly-score path, keyed by its series, through the hysteresis.
     *
     * @param score the score, valid by its contract
     * @param reason how it was recognised (the attribute, or its shape)
     */
    record Score(AnomalyScore score, String reason) implements AnomalyMessage {
        public Score {
            Objects.requireNonNull(score, "score");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * An {@link AnomalyDecision}: a detector's own verdict, an alert as it stands.
     *
     * @param decision the decision, valid by its contract
     * @param reason how it was recognised (the attribute, or its shape)
     */
    record Decision(AnomalyDecision decision, String reason) implements AnomalyMessage {
        public Decision {
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Not for the anomaly path: an AWS notification, an event or text, for the AWS shapes to read.
     *
     * @param reason why it is not a score or a decision
     */
    record Event(String reason) implements AnomalyMessage {
        public Event {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Declared (by attribute) or shaped as a score or a decision, but not a valid one: it belongs on the
     * dead-letter topic, as an unreadable score from Kafka does.
     *
     * @param errorClass the exception class that explains it (the serde's, as on the Kafka path)
     * @param reason what is wrong, naming the field where one is at fault
     */
    record Unreadable(String errorClass, String reason) implements AnomalyMessage {
        public Unreadable {
            Objects.requireNonNull(errorClass, "errorClass");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
