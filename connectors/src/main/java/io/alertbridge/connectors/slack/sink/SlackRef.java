package io.alertbridge.connectors.slack.sink;

import io.alertbridge.schemas.model.IncidentState;

import java.time.Instant;
import java.util.Objects;

/**
 * What the sink knows about one incident's (or digest's) Slack message: the value of the compacted
 * {@code <prefix>slack.refs} topic, keyed by {@link #key()}.
 *
 * <p>{@link #pending()} is the write-ahead intent: it is recorded (and acknowledged by Kafka) before a call that
 * creates something in Slack (a message, a reply, a channel), and cleared once the result is recorded. A ref found
 * with a pending intent after a restart means "this may or may not have happened": the sink looks in Slack (message
 * metadata, channel names) before doing it again.
 *
 * @param key the incident id, or {@code digest:<digestId>}
 * @param incidentId the incident, or null for a digest
 * @param groupKey the incident's group key (the notification key)
 * @param channelId the main message's channel id, once known
 * @param ts the main message's ts, once known; the thread's parent
 * @param pending the creation in flight, or null
 * @param renderedVersion the incident version the message shows; -1 before the first render
 * @param state the state the message shows, or null before the first render
 * @param sourcePartition partition of the last notification applied to this ref
 * @param sourceOffset offset of the last notification applied; -1 for none. A redelivered notification at or below
 *     it was already carried out
 * @param incidentChannelId the incident's own channel id, once created
 * @param incidentChannelName that channel's name
 * @param archiveDueAt when that channel is to be archived, or null
 * @param channelArchived whether it was archived
 * @param resolvedAt when the incident was seen resolved, or null while it is not
 * @param updatedAt when this ref last changed (sink clock)
 * @param graph the graph in the main message and its refreshes, or null when none was ever made
 */
public record SlackRef(
        String key,
        String incidentId,
        String groupKey,
        String channelId,
        String ts,
        Pending pending,
        long renderedVersion,
        IncidentState state,
        int sourcePartition,
        long sourceOffset,
        String incidentChannelId,
        String incidentChannelName,
        Instant archiveDueAt,
        boolean channelArchived,
        Instant resolvedAt,
        Instant updatedAt,
        Graph graph) {

    public SlackRef {
        Objects.requireNonNull(key, "key");
    }

    /** What kind of creation an intent announces. */
    public enum Kind {
        MESSAGE,
        REPLY,
        CHANNEL
    }

    /**
     * A creation in flight.
     *
     * @param kind what is being created
     * @param commandId the notification that asked for it
     * @param channel where (channel id; a name only when no id could be resolved)
     * @param name the channel name, for {@link Kind#CHANNEL}
     * @param startedAt when the intent was recorded (bounds the history search)
     */
    public record Pending(Kind kind, String commandId, String channel, String name, Instant startedAt) {}

    /**
     * The graph shown in the main message (see {@code IncidentGraphs}), and what the sink last asked for.
     *
     * <p>{@link #pendingKey} is recorded durably before a render is handed to the graph worker: after a crash, a
     * render whose key is pending or already rendered is not made again, so no upload is ever repeated for the same
     * render (at most one, the next different render key tries again).
     *
     * @param fileId the Slack file the message shows, or null (none yet, or a note instead)
     * @param altText the image's alternative text
     * @param note one line shown instead of an image (no datapoints, a composite's children), or null
     * @param renderKey the render the message shows (or that last failed; a failed key is not retried)
     * @param pendingKey the render handed to the worker and not yet settled, or null
     * @param renderedAt when the shown graph was made (sink clock); refreshes wait for the interval after it
     * @param dueAt a refresh put off by the interval, to be made then from the latest snapshot; null for none
     */
    public record Graph(
            String fileId,
            String altText,
            String note,
            String renderKey,
            String pendingKey,
            Instant renderedAt,
            Instant dueAt) {

        /** No graph yet. */
        public static final Graph NONE = new Graph(null, null, null, null, null, null, null);

        /** This graph with a render handed to the worker. */
        public Graph pending(String key) {
            return new Graph(fileId, altText, note, renderKey, key, renderedAt, null);
        }

        /** This graph with a refresh put off until {@code due}. */
        public Graph due(Instant due) {
            return new Graph(fileId, altText, note, renderKey, pendingKey, renderedAt, due);
        }
    }

    /** The graph state, {@link Graph#NONE} when there is none. */
    public Graph graphOrNone() {
        return graph == null ? Graph.NONE : graph;
    }

    /** This ref with another graph state. */
    public SlackRef withGraph(Graph next, Instant now) {
        return new SlackRef(
                key,
                incidentId,
                groupKey,
                channelId,
                ts,
                pending,
                renderedVersion,
                state,
                sourcePartition,
                sourceOffset,
                incidentChannelId,
                incidentChannelName,
                archiveDueAt,
                channelArchived,
                resolvedAt,
                now,
                next);
    }

    /** A fresh ref for a key, knowing nothing yet. */
    public static SlackRef fresh(String key, String incidentId, String groupKey) {
        return new SlackRef(
                key,
                incidentId,
                groupKey,
                null,
                null,
                null,
                -1,
                null,
                -1,
                -1,
                null,
                null,
                null,
                false,
                null,
                null,
                null);
    }

    /** True once the main message exists and its place is known. */
    public boolean hasMessage() {
        return channelId != null && ts != null;
    }

    /** True when the notification at this partition and offset was already carried out. */
    public boolean alreadyApplied(int partition, long offset) {
        return partition == sourcePartition && offset <= sourceOffset;
    }

    public SlackRef withPending(Pending intent, Instant now) {
        return new SlackRef(
                key,
                incidentId,
                groupKey,
                channelId,
                ts,
                intent,
                renderedVersion,
                state,
                sourcePartition,
                sourceOffset,
                incidentChannelId,
                incidentChannelName,
                archiveDueAt,
                channelArchived,
                resolvedAt,
                now,
                graph);
    }

    public SlackRef withMessage(String channel, String messageTs, Instant now) {
        return new SlackRef(
                key,
                incidentId,
                groupKey,
                channel,
                messageTs,
                null,
                renderedVersion,
                state,
                sourcePartition,
                sourceOffset,
                incidentChannelId,
                incidentChannelName,
                archiveDueAt,
                channelArchived,
                resolvedAt,
                now,
                graph);
    }

    public SlackRef withoutMessage(Instant now) {
        return new SlackRef(
                key,
                incidentId,
                groupKey,
                null,
                null,
                null,
                -1,
                null,
                sourcePartition,
                sourceOffset,
                incidentChannelId,
                incidentChannelName,
                archiveDueAt,
                channelArchived,
                resolvedAt,
                now,
                graph);
    }

    public SlackRef withRendered(long version, IncidentState shown, Instant resolved, Instant now) {
        return new SlackRef(
                key,
                incidentId,
                groupKey,
                channelId,
                ts,
                pending,
                version,
                shown,
                sourcePartition,
                sourceOffset,
                incidentChannelId,
                incidentChannelName,
                archiveDueAt,
                channelArchived,
                resolved,
                now,
                graph);
    }

    /**
     * This ref with the notification at {@code offset} applied. Never moves backwards within a partition: a
     * snapshot carried out in an earlier record's place (see {@link CatchUpPlanner}) must not make later records
     * look new again.
     */
    public SlackRef withApplied(int partition, long offset, Instant now) {
        long applied = partition == sourcePartition ? Math.max(offset, sourceOffset) : offset;
        return new SlackRef(
                key,
                incidentId,
                groupKey,
                channelId,
                ts,
                pending,
                renderedVersion,
                state,
                partition,
                applied,
                incidentChannelId,
                incidentChannelName,
                archiveDueAt,
                channelArchived,
                resolvedAt,
                now,
                graph);
    }

    public SlackRef withIncidentChannel(String id, String name, Instant now) {
        return new SlackRef(
                key,
                incidentId,
                groupKey,
                channelId,
                ts,
                null,
                renderedVersion,
                state,
                sourcePartition,
                sourceOffset,
                id,
                name,
                archiveDueAt,
                false,
                resolvedAt,
                now,
                graph);
    }

    public SlackRef withArchive(Instant due, boolean archived, Instant now) {
        return new SlackRef(
                key,
                incidentId,
                groupKey,
                channelId,
                ts,
                pending,
                renderedVersion,
                state,
                sourcePartition,
                sourceOffset,
                incidentChannelId,
                incidentChannelName,
                due,
                archived,
                resolvedAt,
                now,
                graph);
    }
}
