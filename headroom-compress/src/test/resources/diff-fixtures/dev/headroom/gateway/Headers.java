package dev.headroom.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** An immutable, case-insensitive, multi-valued set of HTTP headers; names keep the case first seen. */
public final class Headers {
    private static final Headers EMPTY = new Headers(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    private final TreeMap<String, List<String>> values;

    private Headers(TreeMap<String, List<String>> values) {
        this.values = values;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from a map such as {@code HttpHeaders.map()}. */
    public static Headers of(Map<String, List<String>> map) {
        Builder b = builder();
        map.forEach((name, list) -> list.forEach(v -> b.add(name, v)));
        return b.build();
    }

    /** The first value of a header. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Calls {@code action} for every name and value, in name order. */
    public void forEach(BiConsumer<String, String> action) {
        values.forEach((name, list) -> list.forEach(v -> action.accept(name, v)));
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(values.keySet()));
    }

    public Builder toBuilder() {
        Builder b = builder();
        forEach(b::add);
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "Headers" + names();
    }

    /** Builds {@link Headers}. */
    public static final class Builder {
        private final TreeMap<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        public Builder add(String name, String value) {
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder set(String name, String value) {
            values.remove(name);
            return add(name, value);
        }

        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        public Headers build() {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new Headers(copy);
        }
    }
}
