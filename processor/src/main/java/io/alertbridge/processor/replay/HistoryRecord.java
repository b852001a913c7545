package io.alertbridge.processor.replay;

/**
 * One record of the history, as stored: its topic, key and value bytes, and timestamp.
 *
 * @param topic the topic it was read from
 * @param key the key bytes (may be null)
 * @param value the value bytes (may be null)
 * @param timestamp the record's timestamp, epoch milliseconds
 */
public record HistoryRecord(String topic, byte[] key, byte[] value, long timestamp) {}
