package io.alertbridge.processor.aws;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyScore;

import java.util.List;
import java.util.Objects;

/** What became of one raw AWS message; every outcome says why. */
public sealed interface Normalized {

    /** Why this outcome, for logs and dead letters. */
    String reason();

    /**
     * The message became alert events (usually one; an SNS-to-Lambda or CloudTrail batch may hold several).
     *
     * @param events the events
     * @param reason the recognised shape, e.g. {@code CloudWatch alarm via SNS}
     */
    record Events(List<AlertEvent> events, String reason) implements Normalized {
        public Events {
            events = List.copyOf(events);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The message is an anomaly score ({@link AnomalyMessages}): it goes the way of scores from Kafka, keyed by its
     * series, through the detect stage's hysteresis.
     *
     * @param score the score
     * @param reason how it was recognised
     */
    record Score(AnomalyScore score, String reason) implements Normalized {
        public Score {
            Objects.requireNonNull(score, "score");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A well-formed message that is deliberately not an alert (SNS subscription confirmations, CodeBuild phase
     * changes, ...).
     *
     * @param reason why it is ignored
     * @param notable true when an operator should see it in the log at INFO (subscription confirmations, with
     *     their URL); false for routine noise (DEBUG)
     */
    record Ignored(String reason, boolean notable) implements Normalized {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The message cannot be read as any known shape: it belongs on the dead-letter topic.
     *
     * @param errorClass the exception class that explains it
     * @param reason what is wrong, naming the field where one is at fault
     */
    record Unreadable(String errorClass, String reason) implements Normalized {
        public Unreadable {
            Objects.requireNonNull(errorClass, "errorClass");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
