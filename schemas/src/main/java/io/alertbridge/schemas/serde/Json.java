package io.alertbridge.schemas.serde;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.alertbridge.schemas.text.IsoInstants;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one configured JSON mapping of Alertbridge.
 *
 * <p>Instants are ISO-8601 strings; durations are written as ISO-8601 ({@code PT5M}) and read in that form or the
 * short form people type ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}); nulls are omitted; unknown
 * properties are ignored so that older consumers read newer records. The mapper is thread-safe once built.
 */
public final class Json {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private Json() {}

    /** The shared mapper. Do not reconfigure it; {@link #configure(ObjectMapper)} a copy instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Applies Alertbridge's JSON conventions to a mapper of any format (the YAML configuration loader uses this with
     * a YAML factory), and returns it.
     */
    public static <M extends ObjectMapper> M configure(M mapper) {
        SimpleModule durations = new SimpleModule("alertbridge-durations");
        durations.addDeserializer(Duration.class, new LenientDurationDeserializer());
        SimpleModule instants = new SimpleModule("alertbridge-iso-instants");
        instants.addSerializer(Instant.class, new IsoInstantSerializer());
        instants.addDeserializer(Instant.class, new IsoInstantDeserializer());
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new Jdk8Module());
        mapper.registerModule(durations);
        // After JavaTimeModule, so these win for Instant: the same text, written and read by hand (IsoInstants).
        mapper.registerModule(instants);
        mapper.registerModule(new BlackbirdModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }

    private static final Pattern SHORT_DURATION =
            Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?" + "(?:(\\d+)ms)?");

    /**
     * Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d} or ISO-8601 {@code PT5M}.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Duration parseDuration(String text) {
        String trimmed = text.trim();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(trimmed);
        }
        Matcher m = SHORT_DURATION.matcher(trimmed);
        if (trimmed.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("not a duration (e.g. 30s, 5m, 1h30m, 2d, PT5M): '" + text + "'");
        }
        return Duration.ofDays(group(m, 1))
                .plusHours(group(m, 2))
                .plusMinutes(group(m, 3))
                .plusSeconds(group(m, 4))
                .plusMillis(group(m, 5));
    }

    private static long group(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    /** {@link Instant#toString()}'s text, as JavaTimeModule writes it, without its formatter. */
    private static final class IsoInstantSerializer extends StdSerializer<Instant> {
        IsoInstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(IsoInstants.format(value));
        }
    }

    /** The common ISO-8601 forms by hand ({@link IsoInstants#parse}); everything else as JavaTimeModule reads it. */
    private static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
        IsoInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Instant common = IsoInstants.parse(p.getText());
                if (common != null) {
                    return common;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }

    private static final class LenientDurationDeserializer extends StdScalarDeserializer<Duration> {
        LenientDurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            try {
                return parseDuration(text);
            } catch (RuntimeException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
            }
        }
    }
}
