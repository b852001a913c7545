package io.alertbridge.schemas.topics;

import io.alertbridge.schemas.model.AlertEvent;
import io.alertbridge.schemas.model.AnomalyScore;
import io.alertbridge.schemas.model.HeartbeatBeat;
import io.alertbridge.schemas.model.Incident;
import io.alertbridge.schemas.model.IncidentTransition;
import io.alertbridge.schemas.model.NotificationCommand;
import io.alertbridge.schemas.model.RawAwsMessage;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.model.UserAction;
import io.alertbridge.schemas.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.List;
import java.util.Objects;

/**
 * Alertbridge's topics under one prefix (default {@value #DEFAULT_PREFIX}). Keys are UTF-8 strings; values are
 * JSON as described by the schemas of this module, except on the DLQ, whose values are the original bytes.
 * Immutable.
 */
public final class Topics {

    /** The default prefix of every topic name. */
    public static final String DEFAULT_PREFIX = "alertbridge.";

    private final String prefix;

    private Topics(String prefix) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** The catalog under the default prefix. */
    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    /** The catalog under the given prefix (e.g. {@code staging.alertbridge.}). */
    public static Topics withPrefix(String prefix) {
        return new Topics(prefix);
    }

    public String prefix() {
        return prefix;
    }

    /** Raw SQS messages from the bridge, keyed by SNS MessageId (else SQS MessageId). The history replay reads. */
    public TopicSpec<String, RawAwsMessage> awsRaw() {
        return spec("aws.raw", RawAwsMessage.class, TopicSpec.Cleanup.DELETE_LONG_RETENTION);
    }

    /** Anomaly scores from ML detectors, keyed by series id. */
    public TopicSpec<String, AnomalyScore> anomalyScores() {
        return spec("anomaly.scores", AnomalyScore.class, TopicSpec.Cleanup.DELETE_LONG_RETENTION);
    }

    /** Normalized, deduplicated alert events, keyed by fingerprint. */
    public TopicSpec<String, AlertEvent> alerts() {
        return spec("alerts", AlertEvent.class, TopicSpec.Cleanup.DELETE);
    }

    /** People's actions, keyed by incident group key. */
    public TopicSpec<String, UserAction> actions() {
        return spec("actions", UserAction.class, TopicSpec.Cleanup.DELETE);
    }

    /** Operators' rules, keyed by rule id; compacted, a tombstone deletes. */
    public TopicSpec<String, Rule> rules() {
        return spec("rules", Rule.class, TopicSpec.Cleanup.COMPACT);
    }

    /** The current state of every incident, keyed by group key; compacted. */
    public TopicSpec<String, Incident> incidents() {
        return spec("incidents", Incident.class, TopicSpec.Cleanup.COMPACT);
    }

    /**
     * Every incident transition (opened, acknowledged, resolved, reopened, ...), keyed by group key; delete cleanup
     * with the long retention, so reports cover every incident of the retention, not only each group's latest one
     * (which is all the compacted {@link #incidents()} keeps).
     */
    public TopicSpec<String, IncidentTransition> incidentHistory() {
        return spec("incident.history", IncidentTransition.class, TopicSpec.Cleanup.DELETE_LONG_RETENTION);
    }

    /** Commands for the Slack sink, keyed by group key. */
    public TopicSpec<String, NotificationCommand> notifications() {
        return spec("notifications", NotificationCommand.class, TopicSpec.Cleanup.DELETE);
    }

    /**
     * Heartbeat beats received outside the topology's inputs (pings on {@code POST /heartbeat/<name>}), keyed by
     * heartbeat name; short retention, since only the latest beat of each matters.
     */
    public TopicSpec<String, HeartbeatBeat> heartbeats() {
        return spec("heartbeats", HeartbeatBeat.class, TopicSpec.Cleanup.DELETE);
    }

    /** Dead letters: the original key and value bytes, the reason in headers (see DeadLetter). */
    public TopicSpec<byte[], byte[]> deadLetters() {
        return new TopicSpec<>(
                prefix + "dlq", Serdes.ByteArray(), Serdes.ByteArray(), TopicSpec.Cleanup.DELETE_LONG_RETENTION);
    }

    /** Every topic of the catalog, in data-flow order. */
    public List<TopicSpec<?, ?>> all() {
        return List.of(
                awsRaw(),
                anomalyScores(),
                alerts(),
                actions(),
                rules(),
                incidents(),
                incidentHistory(),
                notifications(),
                deadLetters(),
                heartbeats());
    }

    private <V> TopicSpec<String, V> spec(String suffix, Class<V> type, TopicSpec.Cleanup cleanup) {
        Serde<String> keys = Serdes.String();
        return new TopicSpec<>(prefix + suffix, keys, JsonSerde.of(type), cleanup);
    }
}
