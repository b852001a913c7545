package io.alertbridge.processor.app;

import io.alertbridge.processor.config.StreamsSlice;

/**
 * Whether the local state a previous run left behind may be opened, or must be wiped before Kafka Streams starts.
 *
 * <p>Under exactly-once, Kafka Streams 4.3.1 has no transactional state stores: RocksDB holds writes of transactions
 * that were never committed, so a store that was not closed cleanly is untrustworthy. Streams finds out by itself
 * (each RocksDB store records "open" in its offsets column family and refuses an "open" store under exactly-once),
 * throws {@code TaskCorruptedException}, closes the task dirty, wipes its directory and restores it from the
 * changelog from scratch. That path costs an extra open and close of every store, and in 4.3.1 a window store whose
 * segment failed to open keeps the failed segment in its cache, so the restoration that follows dies with
 * {@code InvalidStateStoreException: Store dedupe-event-ids.<segment> is currently closed} (KAFKA-20808, fixed after
 * 4.3.1), which kills the stream thread; the replacement thread then waits for the group to let the dead one's member go. A
 * global store left open is not handled by 4.3.1's global thread at all (KAFKA-21034). The processor therefore
 * decides up front: a run that did not end with a
 * clean close leaves a marker, and the next run under exactly-once wipes the task and global state before Streams
 * sees it. Streams would have wiped the same state anyway; only the broken path is skipped.
 *
 * <p>Under at-least-once nothing is wiped: Streams reopens the stores and restores only what the changelog holds
 * past their committed offsets.
 *
 * <p>Pure; thread-safe.
 */
public final class CrashRecovery {

    private CrashRecovery() {}

    /**
     * What to do with the local state.
     *
     * @param wipe true to delete the task and global state directories before Kafka Streams starts
     * @param reason one line for the log
     */
    public record Verdict(boolean wipe, String reason) {}

    /**
     * Decides.
     *
     * @param lastRunEndedCleanly false when the previous run's marker is still there (killed, crashed, or a close
     *     that timed out with stores open)
     * @param processingGuarantee the configured guarantee
     * @param hasLocalState whether task or global state directories exist
     */
    public static Verdict decide(boolean lastRunEndedCleanly, String processingGuarantee, boolean hasLocalState) {
        if (!hasLocalState) {
            return new Verdict(false, "no local state");
        }
        if (lastRunEndedCleanly) {
            return new Verdict(false, "the previous run closed cleanly: stores reopen at their committed offsets");
        }
        if (!StreamsSlice.EXACTLY_ONCE_V2.equals(processingGuarantee)) {
            return new Verdict(
                    false,
                    "the previous run did not close cleanly, but under " + processingGuarantee
                            + " stores reopen and catch up from their committed offsets");
        }
        return new Verdict(
                true,
                "the previous run did not close cleanly and under exactly-once its stores may hold uncommitted writes:"
                        + " restoring them from their changelogs");
    }
}
