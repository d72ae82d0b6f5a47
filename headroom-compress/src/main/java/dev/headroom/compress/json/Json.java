package dev.headroom.compress.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed JSON value that keeps what the compressor must not change: every number's exact text
 * ({@code 6.3882e-05} stays as written), every object's key order and duplicate keys. Lossy renderings add two
 * node kinds: {@link Gap} (items left out) and {@link Str} with a {@code cut} (a shortened string).
 */
sealed interface Json {

    /** An object: keys and values in input order. A {@link Gap} value has a null key. */
    final class Obj implements Json {
        final List<String> keys;
        final List<Json> values;

        Obj(int capacity) {
            keys = new ArrayList<>(capacity);
            values = new ArrayList<>(capacity);
        }

        void put(String key, Json value) {
            keys.add(key);
            values.add(value);
        }

        int size() {
            return keys.size();
        }

        /** The value of the first field named {@code key}, or null. */
        Json get(String key) {
            int i = keys.indexOf(key);
            return i < 0 ? null : values.get(i);
        }
    }

    /** An array; a lossy copy may carry a digest line of what its left-out items were. */
    final class Arr implements Json {
        final List<Json> items;
        /** For a lossy copy: the digest of its left-out items, and the array it was cut from. */
        String omittedDigest;
        Arr source;

        Arr(int capacity) {
            items = new ArrayList<>(capacity);
        }

        Arr(List<Json> items) {
            this.items = items;
        }
    }

    /**
     * A string. When {@code cut > 0}, {@code value} is only the beginning of the original string and
     * {@code cut} characters were left out.
     */
    record Str(String value, int cut) implements Json {
        static Str of(String value) {
            return new Str(value, 0);
        }
    }

    /** A number, exactly as written in the input. */
    record Num(String text) implements Json {
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements Json {
        static final Bool TRUE = new Bool(true);
        static final Bool FALSE = new Bool(false);
    }

    /** {@code null}. */
    enum Null implements Json {
        INSTANCE
    }

    /** {@code count} consecutive items (or object entries) left out of a lossy rendering. */
    record Gap(int count) implements Json {
    }

    /** Whether {@code node} is a string, number, boolean or null. */
    static boolean isScalar(Json node) {
        return !(node instanceof Obj || node instanceof Arr || node instanceof Gap);
    }

    /** The text of a scalar as it appears in the input (strings unquoted), or null for JSON null. */
    static String scalarText(Json node) {
        if (node instanceof Str s) {
            return s.value();
        }
        if (node instanceof Num n) {
            return n.text();
        }
        if (node instanceof Bool b) {
            return b.value() ? "true" : "false";
        }
        return null;
    }
}
