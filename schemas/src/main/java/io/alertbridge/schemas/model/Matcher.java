package io.alertbridge.schemas.model;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One label matcher, as in Alertmanager: {@code label op value}. Besides labels, the names {@code source},
 * {@code severity}, {@code status} and {@code fingerprint} match those fields of an alert.
 *
 * @param label the label (or field) name
 * @param op how to compare
 * @param value the value or, for the regex operators, a Java regular expression matched against the whole value
 */
public record Matcher(String label, Op op, String value) {

    public Matcher {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (op == Op.RE || op == Op.NRE) {
            Pattern.compile(value);
        }
    }

    /**
     * Parses the compact form used in YAML and on the command line: {@code service=api}, {@code env!=dev},
     * {@code region=~eu-.*}, {@code resource!~test-.*}.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static Matcher parse(String text) {
        for (Op op : new Op[] {Op.RE, Op.NRE, Op.NEQ, Op.EQ}) {
            int at = text.indexOf(op.symbol);
            if (at > 0) {
                return new Matcher(
                        text.substring(0, at).trim(),
                        op,
                        text.substring(at + op.symbol.length()).trim());
            }
        }
        throw new IllegalArgumentException("not a matcher (label=value, !=, =~, !~): '" + text + "'");
    }

    /** True when this matcher accepts the given attributes; an absent label is the empty string, as in Prometheus. */
    public boolean matches(Map<String, String> attributes) {
        String actual = attributes.getOrDefault(label, "");
        return switch (op) {
            case EQ -> actual.equals(value);
            case NEQ -> !actual.equals(value);
            case RE -> Pattern.compile(value).matcher(actual).matches();
            case NRE -> !Pattern.compile(value).matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return label + op.symbol + value;
    }

    /** Comparison operators. */
    public enum Op {
        EQ("="),
        NEQ("!="),
        RE("=~"),
        NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        String json() {
            return symbol;
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        static Op fromJson(String text) {
            for (Op op : values()) {
                if (op.symbol.equals(text) || op.name().equals(text.toUpperCase(Locale.ROOT))) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown matcher op '" + text + "'");
        }
    }
}
