package dev.headroom.compress.json;

/**
 * Writes {@link Json} values as compact text: standard JSON for what is kept whole, {@code …N omitted…} for a
 * {@link Json.Gap}, and {@code "beginning"…+N chars} for a shortened string, so that neither can be mistaken
 * for a value. Also decides when a string may appear unquoted in a table cell.
 */
final class JsonText {
    private JsonText() {
    }

    /** Appends {@code node} as compact JSON (with gaps and shortened strings marked). */
    static void inline(Json node, StringBuilder out) {
        if (node instanceof Json.Obj obj) {
            out.append('{');
            boolean first = true;
            for (int i = 0; i < obj.size(); i++) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                Json value = obj.values.get(i);
                if (value instanceof Json.Gap gap) {
                    gap(gap, out);
                    continue;
                }
                quote(obj.keys.get(i), out);
                out.append(':');
                inline(value, out);
            }
            out.append('}');
        } else if (node instanceof Json.Arr arr) {
            out.append('[');
            for (int i = 0; i < arr.items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                inline(arr.items.get(i), out);
            }
            out.append(']');
        } else if (node instanceof Json.Gap gap) {
            gap(gap, out);
        } else {
            scalar(node, out);
        }
    }

    /** Appends a scalar as JSON (a shortened string gets its {@code …+N chars} suffix). */
    static void scalar(Json node, StringBuilder out) {
        if (node instanceof Json.Str s) {
            quote(s.value(), out);
            cutSuffix(s, out);
        } else if (node instanceof Json.Num n) {
            out.append(n.text());
        } else if (node instanceof Json.Bool b) {
            out.append(b.value() ? "true" : "false");
        } else {
            out.append("null");
        }
    }

    static void gap(Json.Gap gap, StringBuilder out) {
        out.append('…').append(gap.count()).append(" omitted…");
    }

    private static void cutSuffix(Json.Str s, StringBuilder out) {
        if (s.cut() > 0) {
            out.append("…+").append(s.cut()).append(" chars");
        }
    }

    /**
     * Appends a table cell: a string bare when that is unambiguous (in a text-typed column also when it looks
     * like a number), otherwise the JSON form.
     */
    static void cell(Json node, boolean textColumn, StringBuilder out) {
        if (node instanceof Json.Str s && s.cut() == 0 && canBeBare(s.value(), textColumn)) {
            out.append(s.value());
        } else {
            inline(node, out);
        }
    }

    /** Whether {@code value} can stand unquoted in a comma-separated cell without being misread. */
    static boolean canBeBare(String value, boolean textColumn) {
        int n = value.length();
        if (n == 0 || n > 400 || Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(n - 1))) {
            return false;
        }
        char first = value.charAt(0);
        if (first == '"' || first == '{' || first == '[' || first == '…' || first == '<') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ',' || c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                return false;
            }
        }
        if (value.equals("null")) {
            return false;
        }
        return textColumn || !looksLikeLiteral(value);
    }

    /** Whether an unquoted {@code value} could be read as a number, boolean or null. */
    static boolean looksLikeLiteral(String value) {
        if (value.isEmpty()) {
            return false;
        }
        if (value.equals("true") || value.equals("false") || value.equals("null")) {
            return true;
        }
        char first = value.charAt(0);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
            return false;
        }
        return numberLike(value) || value.equalsIgnoreCase("-infinity");
    }

    /**
     * Whether {@code value} has the shape {@code [-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?} (ASCII digits), read
     * by hand: a regular expression here cost a noticeable share of rendering a table of timestamps and ids.
     */
    static boolean numberLike(String value) {
        int n = value.length();
        int i = 0;
        if (i < n && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
            i++;
        }
        if (i < n && isAsciiDigit(value.charAt(i))) {
            i++;
            while (i < n && (isAsciiDigit(value.charAt(i)) || value.charAt(i) == '_')) {
                i++;
            }
        }
        if (i < n && value.charAt(i) == '.') {
            i++;
            while (i < n && isAsciiDigit(value.charAt(i))) {
                i++;
            }
        }
        if (i < n && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (value.charAt(j) == '-' || value.charAt(j) == '+')) {
                j++;
            }
            int digits = j;
            while (j < n && isAsciiDigit(value.charAt(j))) {
                j++;
            }
            if (j == digits) {
                return false;
            }
            i = j;
        }
        return i == n;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A key as it appears in a dotted column name: bare when it is a plain identifier, else quoted. */
    static String keySegment(String key) {
        if (isPlainKey(key)) {
            return key;
        }
        StringBuilder sb = new StringBuilder(key.length() + 2);
        quote(key, sb);
        return sb.toString();
    }

    private static boolean isPlainKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        char first = key.charAt(0);
        if (!(Character.isLetter(first) && first < 128 || first == '_' || first == '$' || first == '@')) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code s} as a JSON string literal. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
