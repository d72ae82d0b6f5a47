package dev.headroom.compress.log;

/**
 * Turns a line into the template key of its shape by masking the parts that vary between otherwise equal
 * lines: every word that contains a digit (numbers, ids, IPs, timestamps, durations, hex) becomes {@code #}
 * (and {@code 1.25}, {@code 10:37:30} or {@code 192.168.0.1} a single {@code #}); long hex-only words, the value
 * after a key such as {@code RequestID:} or {@code trace_id=}, and e-mail addresses are masked too. Keys are
 * only compared, never shown.
 */
public final class LineMasker {
    /** How much of a line takes part in its key; longer lines are keyed by their beginning and length class. */
    public static final int KEY_CHARS = 1_000;
    private static final String[] ID_KEYS = {"id", "uuid", "guid", "token", "hash", "trace", "span", "session",
        "nonce", "txn", "etag", "digest", "sha", "correlation"};

    private LineMasker() {
    }

    /** The template key of {@code line} (leading and trailing blanks ignored). */
    public static String mask(String line) {
        String text = line.strip();
        boolean longLine = text.length() > KEY_CHARS;
        if (longLine) {
            text = text.substring(0, KEY_CHARS);
        }
        if (text.indexOf('@') >= 0) {
            text = maskEmails(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                out.append(c);
                i++;
                continue;
            }
            if (followsIdKey(text, i)) {
                int end = i;
                while (end < n && " \t\"',;)}]".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                appendMask(out);
                i = end;
                continue;
            }
            int j = i;
            boolean digit = false;
            boolean hexOnly = true;
            while (j < n) {
                char d = text.charAt(j);
                if (d >= '0' && d <= '9') {
                    digit = true;
                } else if (Character.isLetter(d)) {
                    hexOnly &= d >= 'a' && d <= 'f' || d >= 'A' && d <= 'F';
                } else if (d != '_') {
                    break;
                }
                j++;
            }
            if (digit || hexOnly && j - i >= 8) {
                appendMask(out);
            } else {
                out.append(text, i, j);
            }
            i = j;
        }
        if (longLine) {
            out.append("…");
        }
        return out.toString();
    }

    /** Replaces {@code name@domain.tld} with {@code <email>}. */
    private static String maskEmails(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int from = at;
            while (from > copied && isLocalChar(text.charAt(from - 1))) {
                from--;
            }
            int to = at + 1;
            boolean dot = false;
            while (to < text.length() && (Character.isLetterOrDigit(text.charAt(to)) || text.charAt(to) == '-'
                    || text.charAt(to) == '.' && to + 1 < text.length() && Character.isLetterOrDigit(text.charAt(to + 1)))) {
                dot |= text.charAt(to) == '.';
                to++;
            }
            if (from < at && dot) {
                out.append(text, copied, from).append("<email>");
                copied = to;
                at = to - 1;
            }
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean isLocalChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '+' || c == '-';
    }

    /** Appends {@code #}, merging it with a directly preceding {@code #} and separator ({@code #.#} → {@code #}). */
    private static void appendMask(StringBuilder out) {
        int n = out.length();
        if (n >= 2 && out.charAt(n - 2) == '#' && ".:,-/".indexOf(out.charAt(n - 1)) >= 0) {
            out.setLength(n - 1);
            return;
        }
        out.append('#');
    }

    private static boolean isAscii(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The test below for an ASCII key {@code text[from, to)}, read in place: it ends in an id word, in any case,
     * that starts the key, follows {@code _} or {@code -}, or starts with a capital after a small letter.
     */
    private static boolean endsWithIdWord(String text, int from, int to) {
        for (String word : ID_KEYS) {
            int at = to - from - word.length();
            if (at < 0 || !text.regionMatches(true, from + at, word, 0, word.length())) {
                continue;
            }
            char before = at == 0 ? 0 : text.charAt(from + at - 1);
            if (at == 0 || before == '_' || before == '-') {
                return true;
            }
            if (Character.isUpperCase(text.charAt(from + at)) && Character.isLowerCase(before)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the word at {@code start} is the value of an id-like key ({@code RequestID: abc}, {@code id=abc}). */
    private static boolean followsIdKey(String text, int start) {
        int i = start - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i--;
        }
        if (i < 0 || text.charAt(i) != ':' && text.charAt(i) != '=') {
            return false;
        }
        i--;
        while (i >= 0 && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '-')) {
            i--;
        }
        if (isAscii(text, i + 1, end)) {
            return endsWithIdWord(text, i + 1, end);
        }
        String key = text.substring(i + 1, end);
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        for (String word : ID_KEYS) {
            int at = key.length() - word.length();
            if (at < 0 || !lower.endsWith(word)) {
                continue;
            }
            if (at == 0 || lower.charAt(at - 1) == '_' || lower.charAt(at - 1) == '-') {
                return true;
            }
            if (Character.isUpperCase(key.charAt(at))
                    && Character.isLowerCase(key.charAt(at - 1))) {
                return true;
            }
        }
        return false;
    }
}
