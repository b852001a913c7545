package io.alertbridge.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.Map;

/**
 * The JSON serde of every Alertbridge type, on the shared mapper of {@link Json}.
 *
 * <p>A null value (a tombstone) serialises to null and back; the JSON text {@code null} is not a tombstone and is
 * unreadable like any other bytes that are not a {@code T}. Bytes that are not a valid {@code T} throw
 * Kafka's {@link SerializationException} with the mapper's explanation, which names the offending field; Kafka
 * Streams hands that to its deserialization exception handler, which sends the record to the dead-letter topic.
 * Thread-safe.
 *
 * @param <T> the record type
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final ObjectMapper mapper;
    private final JavaType type;

    private JsonSerde(ObjectMapper mapper, JavaType type) {
        this.mapper = mapper;
        this.type = type;
    }

    /** A serde for the given type. */
    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(Json.mapper(), Json.mapper().constructType(type));
    }

    /** The same reading and writing over another format's mapper ({@link CompactSerde}'s CBOR). */
    static <T> JsonSerde<T> over(ObjectMapper mapper, Class<T> type) {
        return new JsonSerde<>(mapper, mapper.constructType(type));
    }

    /** The Java type this serde reads and writes. */
    public JavaType type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SerializationException(
                    "cannot write " + type + " for topic " + topic + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        T value;
        try {
            value = mapper.readValue(data, type);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "not a valid " + type.getRawClass().getSimpleName() + " on topic " + topic + ": " + describe(e), e);
        }
        if (value == null) {
            // The text "null" is a value someone wrote, not a tombstone: read as one, it would vanish unseen.
            throw new SerializationException("not a valid " + type.getRawClass().getSimpleName() + " on topic " + topic
                    + ": JSON null is no value (a tombstone has no bytes at all)");
        }
        return value;
    }

    /** Reads a value outside Kafka (files, HTTP bodies), with the same errors as {@link #deserialize}. */
    public T fromBytes(byte[] data) {
        return deserialize("(bytes)", data);
    }

    /** Writes a value outside Kafka. */
    public byte[] toBytes(T value) {
        return serialize("(bytes)", value);
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException jpe) {
            String path = jpe instanceof com.fasterxml.jackson.databind.JsonMappingException jme
                    ? jme.getPathReference()
                    : null;
            String message = jpe.getOriginalMessage();
            Throwable cause = jpe.getCause();
            if (cause != null && cause.getMessage() != null && !(cause instanceof JsonProcessingException)) {
                message = cause.getMessage();
            }
            return path == null ? message : message + " (at " + path + ")";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: one mapping for every topic.
    }

    @Override
    public void close() {
        // Nothing to release: the mapper is shared.
    }
}
