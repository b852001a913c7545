package io.alertbridge.schemas.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-tolerant immutable copies for record compact constructors. */
final class Collections2 {
    private Collections2() {}

    static <T> List<T> list(List<T> in) {
        return in == null ? List.of() : List.copyOf(in);
    }

    /** Keeps insertion order (labels render in the order the source gave them) and drops null values. */
    static <V> Map<String, V> map(Map<String, V> in) {
        if (in == null || in.isEmpty()) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
