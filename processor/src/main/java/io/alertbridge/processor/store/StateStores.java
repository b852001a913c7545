package io.alertbridge.processor.store;

import io.alertbridge.processor.anomaly.RingChunk;
import io.alertbridge.processor.anomaly.SeriesState;
import io.alertbridge.processor.dedupe.LastTransition;
import io.alertbridge.processor.heartbeat.HeartbeatState;
import io.alertbridge.processor.incident.ChannelState;
import io.alertbridge.processor.incident.FiringHistory;
import io.alertbridge.processor.incident.IncidentRecord;
import io.alertbridge.processor.incident.OutboundIncident;
import io.alertbridge.processor.inhibit.InhibitGroup;
import io.alertbridge.schemas.model.Rule;
import io.alertbridge.schemas.serde.CompactSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.List;

/**
 * The processor's state stores: every store's name, and the builders (RocksDB and changelogged in the processor;
 * key-value stores on the heap, without changelog or cache, in replays: {@link StoreKind}). A store's name is its
 * changelog topic's name ({@code <application.id>-<name>-changelog}), so main code and tests refer to these
 * constants, never to a literal.
 * Thread-safe (stateless).
 */
public final class StateStores {

    /** Event ids seen by dedupe: window store, event id to the stream time it was first seen. */
    public static final String DEDUPE_EVENT_IDS = "dedupe-event-ids";

    /** Latest FIRING/RESOLVED per fingerprint: key-value store of {@link LastTransition}. */
    public static final String DEDUPE_FINGERPRINTS = "dedupe-fingerprints";

    /** Hysteresis state per detector and series: key-value store of {@link SeriesState}. */
    public static final String DETECT_SERIES = "detect-series";

    /**
     * The last accepted points per detector and series, for graphs: key-value store, ring chunk
     * ({@code <detector>\0<series>\0<chunk>}) to {@link RingChunk}, a few keys per series (one per 16 of
     * {@code detect.seriesPoints}, plus one), each overwritten in turn (see {@code anomaly.SeriesRing}).
     */
    public static final String DETECT_SCORES = "detect-scores";

    /** Inhibition groups: key-value store, group (rule id and {@code equal} label values) to {@link InhibitGroup}. */
    public static final String INHIBIT_GROUPS = "inhibit-groups";

    /** The lifecycle's incidents: key-value store, group key to {@link IncidentRecord}. */
    public static final String LIFECYCLE_INCIDENTS = "lifecycle-incidents";

    /** The lifecycle's wall-clock timers: a timer index (due instant + group key to group key). */
    public static final String LIFECYCLE_TIMERS = "lifecycle-timers";

    /** The lifecycle's incident sequence: one counter per task. */
    public static final String LIFECYCLE_SEQUENCE = "lifecycle-sequence";

    /** Each fingerprint's recent firing durations, for the transient-alert hold: fingerprint to {@link FiringHistory}. */
    public static final String LIFECYCLE_FIRING_HISTORY = "lifecycle-firing-history";

    /** What the throttle showed of each incident and what waits: key-value store of {@link OutboundIncident}. */
    public static final String THROTTLE_INCIDENTS = "throttle-incidents";

    /** The throttle's per-channel pace, storm and digest: key-value store, channel to {@link ChannelState}. */
    public static final String THROTTLE_CHANNELS = "throttle-channels";

    /** The throttle's wall-clock timers: a timer index (due instant + {@code i:}incident or {@code c:}channel). */
    public static final String THROTTLE_TIMERS = "throttle-timers";

    /** The heartbeats: key-value store, heartbeat name to {@link HeartbeatState}. */
    public static final String HEARTBEATS = "heartbeats";

    /** When the heartbeat punctuator last ran: key-value store, one entry, to epoch milliseconds. */
    public static final String HEARTBEAT_CLOCK = "heartbeat-clock";

    /** The rules in force: global key-value store of {@link Rule} (no changelog: the rules topic is its log). */
    public static final String RULES = "rules-global";

    /** Every timer index of the topology, one per wall-clock punctuator (see {@code topology.WallClockTimers}). */
    public static final List<String> TIMER_INDEXES = List.of(LIFECYCLE_TIMERS, THROTTLE_TIMERS);

    private StateStores() {}

    /**
     * Event ids remembered for {@code retention} of stream time. The window size equals the retention, so a lookup
     * of {@code [now - retention, now]} finds any id seen within it.
     */
    public static StoreBuilder<WindowStore<String, Long>> dedupeEventIds(Duration retention, StoreKind kind) {
        return kind.layers(
                Stores.windowStoreBuilder(
                        kind.window(DEDUPE_EVENT_IDS, retention, retention), Serdes.String(), Serdes.Long()),
                false);
    }

    /** The latest transition per fingerprint; cached, so a burst on one fingerprint writes the changelog once. */
    public static StoreBuilder<KeyValueStore<String, LastTransition>> dedupeFingerprints(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(
                        kind.keyValue(DEDUPE_FINGERPRINTS), Serdes.String(), CompactSerde.of(LastTransition.class)),
                true);
    }

    /** The hysteresis state per series; cached for the same reason. */
    public static StoreBuilder<KeyValueStore<String, SeriesState>> detectSeries(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(
                        kind.keyValue(DETECT_SERIES), Serdes.String(), CompactSerde.of(SeriesState.class)),
                true);
    }

    /**
     * The series' ring chunks; cached, so the points a busy series gets within a commit interval write its chunk to
     * the changelog once.
     */
    public static StoreBuilder<KeyValueStore<String, RingChunk>> detectScores(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(
                        kind.keyValue(DETECT_SCORES), Serdes.String(), CompactSerde.of(RingChunk.class)),
                true);
    }

    /** The lifecycle's incidents; cached, so the many changes of a busy incident write the changelog once. */
    public static StoreBuilder<KeyValueStore<String, IncidentRecord>> lifecycleIncidents(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(
                        kind.keyValue(LIFECYCLE_INCIDENTS), Serdes.String(), CompactSerde.of(IncidentRecord.class)),
                true);
    }

    /** The inhibition groups; cached, so a storm of targets held in one group writes its changelog once per commit. */
    public static StoreBuilder<KeyValueStore<String, InhibitGroup>> inhibitGroups(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(
                        kind.keyValue(INHIBIT_GROUPS), Serdes.String(), CompactSerde.of(InhibitGroup.class)),
                true);
    }

    /** The lifecycle's incident sequence. */
    public static StoreBuilder<KeyValueStore<String, Long>> lifecycleSequence(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(kind.keyValue(LIFECYCLE_SEQUENCE), Serdes.String(), Serdes.Long()), true);
    }

    /** The lifecycle's firing history per fingerprint. */
    public static StoreBuilder<KeyValueStore<String, FiringHistory>> lifecycleFiringHistory(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(
                        kind.keyValue(LIFECYCLE_FIRING_HISTORY), Serdes.String(), CompactSerde.of(FiringHistory.class)),
                true);
    }

    /** The throttle's incidents. */
    public static StoreBuilder<KeyValueStore<String, OutboundIncident>> throttleIncidents(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(
                        kind.keyValue(THROTTLE_INCIDENTS), Serdes.String(), CompactSerde.of(OutboundIncident.class)),
                true);
    }

    /** The throttle's channels. */
    public static StoreBuilder<KeyValueStore<String, ChannelState>> throttleChannels(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(
                        kind.keyValue(THROTTLE_CHANNELS), Serdes.String(), CompactSerde.of(ChannelState.class)),
                true);
    }

    /** The heartbeats' state. Not cached: a handful of entries, written at most once per beat and tick. */
    public static StoreBuilder<KeyValueStore<String, HeartbeatState>> heartbeats(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(
                        kind.keyValue(HEARTBEATS), Serdes.String(), CompactSerde.of(HeartbeatState.class)),
                false);
    }

    /** The heartbeat punctuator's last run. */
    public static StoreBuilder<KeyValueStore<String, Long>> heartbeatClock(StoreKind kind) {
        return kind.layers(
                Stores.keyValueStoreBuilder(kind.keyValue(HEARTBEAT_CLOCK), Serdes.String(), Serdes.Long()), false);
    }

    /** A timer index ({@link #TIMER_INDEXES}): string keys whose byte order is time order, string values. */
    public static StoreBuilder<KeyValueStore<String, String>> timerIndex(String name, StoreKind kind) {
        if (!TIMER_INDEXES.contains(name)) {
            throw new IllegalArgumentException("not a timer index of the topology: " + name);
        }
        return kind.layers(Stores.keyValueStoreBuilder(kind.keyValue(name), Serdes.String(), Serdes.String()), true);
    }

    /** The global store of the rules in force; the rules topic is its log, so it keeps no changelog. */
    public static StoreBuilder<KeyValueStore<String, Rule>> rules(StoreKind kind) {
        return Stores.keyValueStoreBuilder(kind.keyValue(RULES), Serdes.String(), CompactSerde.of(Rule.class))
                .withLoggingDisabled();
    }
}
