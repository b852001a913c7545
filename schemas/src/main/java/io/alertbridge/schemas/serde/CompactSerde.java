package io.alertbridge.schemas.serde;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;

/**
 * The serde of values only the processor reads: its state stores (and so their changelogs) and its repartition
 * topics. Topics other programs read keep {@link JsonSerde}, whose JSON is a documented contract.
 *
 * <p>Values are written in CBOR (RFC 8949) through the same Jackson mapping as the JSON contracts (same records,
 * annotations, null omission, unknown properties ignored), behind CBOR's self-describe tag ({@code 0xD9D9F7}), with
 * every {@link Instant} as its epoch milliseconds (an integer) when it has no finer digits, and as ISO-8601 text
 * otherwise, so nothing is rounded. A profile of the whole topology found JSON text at every state read and write
 * and every repartition hop the largest single cost, a third of it formatting and parsing ISO-8601 instants (see
 * {@code bench/README.md}).
 *
 * <p>Reads either form: bytes that start with the tag are CBOR, anything else is read as the JSON written before this
 * serde existed, so state and repartition records from an older version still read after an upgrade. A null value (a
 * tombstone) serialises to null and back; unreadable bytes throw Kafka's {@link org.apache.kafka.common.errors.SerializationException} with the
 * mapper's explanation, like {@link JsonSerde}. Thread-safe.
 *
 * @param <T> the record type
 */
public final class CompactSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** CBOR's self-describe tag 55799, which {@link CBORGenerator.Feature#WRITE_TYPE_HEADER} writes first. */
    private static final byte[] SELF_DESCRIBE = {(byte) 0xD9, (byte) 0xD9, (byte) 0xF7};

    private static final ObjectMapper CBOR = compactMapper();

    private final JsonSerde<T> legacy;
    private final JsonSerde<T> compact;

    private CompactSerde(Class<T> type) {
        this.legacy = JsonSerde.of(type);
        this.compact = JsonSerde.over(CBOR, type);
    }

    /** A serde for the given type. */
    public static <T> CompactSerde<T> of(Class<T> type) {
        return new CompactSerde<>(type);
    }

    /** The Java type this serde reads and writes. */
    public JavaType type() {
        return compact.type();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return compact.serialize(topic, data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return isCompact(data) ? compact.deserialize(topic, data) : legacy.deserialize(topic, data);
    }

    /** Whether the bytes are this serde's CBOR (rather than JSON written before it). */
    static boolean isCompact(byte[] data) {
        return data.length >= SELF_DESCRIBE.length
                && data[0] == SELF_DESCRIBE[0]
                && data[1] == SELF_DESCRIBE[1]
                && data[2] == SELF_DESCRIBE[2];
    }

    private static ObjectMapper compactMapper() {
        CBORMapper mapper = Json.configure(CBORMapper.builder()
                .enable(CBORGenerator.Feature.WRITE_TYPE_HEADER)
                .build());
        SimpleModule instants = new SimpleModule("alertbridge-compact-instants");
        instants.addSerializer(Instant.class, new EpochMillisInstantSerializer());
        instants.addDeserializer(Instant.class, new EpochMillisInstantDeserializer());
        // Registered after Json.configure's JavaTimeModule, so these win for Instant.
        mapper.registerModule(instants);
        return mapper;
    }

    /** Epoch milliseconds when exact, ISO-8601 text when the instant has sub-millisecond digits. */
    private static final class EpochMillisInstantSerializer extends StdSerializer<Instant> {
        EpochMillisInstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.getNano() % 1_000_000 == 0) {
                try {
                    gen.writeNumber(value.toEpochMilli());
                    return;
                } catch (ArithmeticException beyondLong) {
                    // Instant.MIN/MAX and their neighbours: fall through to text.
                }
            }
            gen.writeString(value.toString());
        }
    }

    private static final class EpochMillisInstantDeserializer extends StdScalarDeserializer<Instant> {
        EpochMillisInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochMilli(p.getLongValue());
            }
            String text = p.getValueAsString();
            if (text == null) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, e.getMessage());
            }
        }
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
        // Nothing to configure: one mapping for every store and topic.
    }

    @Override
    public void close() {
        // Nothing to release: the mapper is shared.
    }
}
