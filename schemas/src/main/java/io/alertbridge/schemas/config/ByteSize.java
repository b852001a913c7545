package io.alertbridge.schemas.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes as people write them in YAML: a plain number of bytes, or a number with a unit ({@code 512KiB},
 * {@code 64MiB}, {@code 1GiB}; {@code KB}/{@code MB}/{@code GB} are read as the same powers of two, as JVM
 * options do).
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");

    private ByteSize() {}

    /**
     * Parses a size.
     *
     * @throws IllegalArgumentException naming the text when it is not a size
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size (e.g. 1048576, 512KiB, 64MiB, 1GiB): '" + text + "'");
        }
        long number = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        return switch (unit.charAt(0)) {
            case 'k' -> number << 10;
            case 'm' -> number << 20;
            case 'g' -> number << 30;
            default -> number;
        };
    }

    /** Reads a size from a YAML number or string. */
    public static final class Deserializer extends StdScalarDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        public Deserializer() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            String text = p.getValueAsString();
            if (text == null) {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p);
            }
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                return (Long) ctxt.handleWeirdStringValue(Long.class, text, e.getMessage());
            }
        }
    }
}
