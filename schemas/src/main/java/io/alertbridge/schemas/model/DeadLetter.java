package io.alertbridge.schemas.model;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Why a record is on {@code alertbridge.dlq}. The DLQ record keeps the original key and value bytes untouched;
 * this travels in its headers, named by the constants below.
 *
 * @param source the topic or SQS queue URL the original came from
 * @param stage the stage that gave up on it ({@code sqs-bridge}, {@code normalize}, {@code slack-sink}, ...)
 * @param errorClass the exception class (or Slack error name) that explains it
 * @param errorMessage a human explanation
 * @param partition source partition, or -1 when not from Kafka
 * @param offset source offset, or -1 when not from Kafka
 */
public record DeadLetter(
        String source, String stage, String errorClass, String errorMessage, int partition, long offset) {

    public static final String SOURCE = "alertbridge.dlq.source";
    public static final String STAGE = "alertbridge.dlq.stage";
    public static final String ERROR_CLASS = "alertbridge.dlq.error.class";
    public static final String ERROR_MESSAGE = "alertbridge.dlq.error.message";
    public static final String PARTITION = "alertbridge.dlq.source.partition";
    public static final String OFFSET = "alertbridge.dlq.source.offset";

    /** Longest error message kept in a header; stack-trace-sized messages are cut. */
    static final int MAX_MESSAGE_CHARS = 4_000;

    public DeadLetter {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(errorClass, "errorClass");
        errorMessage = errorMessage == null ? "" : errorMessage;
        if (errorMessage.length() > MAX_MESSAGE_CHARS) {
            errorMessage = errorMessage.substring(0, MAX_MESSAGE_CHARS) + "...";
        }
    }

    /** A dead letter for something that did not come from Kafka (an SQS message, a Slack call). */
    public static DeadLetter of(String source, String stage, Throwable error) {
        return new DeadLetter(source, stage, error.getClass().getName(), String.valueOf(error.getMessage()), -1, -1);
    }

    /** Adds this dead letter's headers to the given headers (replacing any earlier DLQ headers). */
    public Headers writeTo(Headers headers) {
        put(headers, SOURCE, source);
        put(headers, STAGE, stage);
        put(headers, ERROR_CLASS, errorClass);
        put(headers, ERROR_MESSAGE, errorMessage);
        put(headers, PARTITION, Integer.toString(partition));
        put(headers, OFFSET, Long.toString(offset));
        return headers;
    }

    /** Reads a dead letter back from a DLQ record's headers. */
    public static DeadLetter readFrom(Headers headers) {
        return new DeadLetter(
                get(headers, SOURCE),
                get(headers, STAGE),
                get(headers, ERROR_CLASS),
                get(headers, ERROR_MESSAGE),
                Integer.parseInt(orDefault(get(headers, PARTITION), "-1")),
                Long.parseLong(orDefault(get(headers, OFFSET), "-1")));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
