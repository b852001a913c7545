package io.alertbridge.processor.replay;

import org.apache.kafka.common.header.Header;

import java.util.List;

/**
 * One record of the history, as stored: its topic, key and value bytes, timestamp, partition and headers.
 *
 * @param topic the topic it was read from
 * @param key the key bytes (may be null)
 * @param value the value bytes (may be null)
 * @param timestamp the record's timestamp, epoch milliseconds
 * @param partition the partition it was read from (a rebuild copies it into the same partition of its own topic)
 * @param headers its headers, in order
 */
public record HistoryRecord(
        String topic, byte[] key, byte[] value, long timestamp, int partition, List<Header> headers) {

    public HistoryRecord {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record of partition 0 without headers (what an in-memory replay needs). */
    public HistoryRecord(String topic, byte[] key, byte[] value, long timestamp) {
        this(topic, key, value, timestamp, 0, List.of());
    }
}
