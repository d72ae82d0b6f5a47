package dev.headroom.tokens;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Exact token counts, computed chunk by chunk with the counts of recurring chunks remembered. Logs, JSON and build
 * output repeat the same words, keys and paths on every line, and the tokenizer's cost is mostly its byte-pair
 * merges: a remembered chunk skips them.
 *
 * <p>The text is cut only where no pre-tokenizer piece of the encoding can span the cut, so the sum over the
 * chunks equals the count of the whole text:
 * <ul>
 *   <li>before a space that follows a character that is surely not whitespace (a letter, a digit or printable
 *       ASCII): every piece that can end in such a character stops before a space, in cl100k and o200k alike;</li>
 *   <li>for cl100k only (its pieces are a run of letters with at most one leading non-letter, up to three digits,
 *       a run of punctuation with the line breaks after it, or whitespace), between ASCII characters where such a
 *       run must end: after a line feed followed by a non-space, after a letter followed by a non-letter, after a
 *       digit followed by a non-digit, and after punctuation followed by a digit. o200k joins more (a word takes
 *       its {@code 's}, punctuation takes a {@code /} after line breaks), so it is cut before spaces only.</li>
 * </ul>
 * {@code ChunkCountsTest} checks the equality against the plain tokenizer on the corpus and on generated text.
 */
final class ChunkCounts {
    /** Chunks longer than this are counted but not remembered. */
    static final int MAX_REMEMBERED_CHARS = 48;
    /** When the memory holds this many chunks it starts afresh (about 5 MB at most). */
    static final int MAX_ENTRIES = 32_768;

    private final ToIntFunction<String> tokenizer;
    private final boolean cl100kCuts;
    private final ConcurrentHashMap<String, Integer> remembered = new ConcurrentHashMap<>();

    /**
     * @param tokenizer         the exact count of a text
     * @param cl100kCuts whether the encoding's pieces are cl100k's, which allow the cuts inside words
     */
    ChunkCounts(ToIntFunction<String> tokenizer, boolean cl100kCuts) {
        this.tokenizer = tokenizer;
        this.cl100kCuts = cl100kCuts;
    }

    /** The exact token count of {@code text} (well-formed UTF-16). */
    int count(String text) {
        int total = 0;
        int start = 0;
        int n = text.length();
        for (int i = 1; i < n; i++) {
            char before = text.charAt(i - 1);
            char at = text.charAt(i);
            boolean cut = at == ' ' ? surelyNotWhitespace(before) : cl100kCuts && cl100kBoundary(before, at);
            if (cut) {
                total += chunk(text.substring(start, i));
                start = i;
            }
        }
        return total + chunk(start == 0 ? text : text.substring(start));
    }

    private int chunk(String chunk) {
        if (chunk.length() > MAX_REMEMBERED_CHARS) {
            return tokenizer.applyAsInt(chunk);
        }
        Integer known = remembered.get(chunk);
        if (known != null) {
            return known;
        }
        int counted = tokenizer.applyAsInt(chunk);
        if (remembered.size() >= MAX_ENTRIES) {
            remembered.clear();
        }
        remembered.put(chunk, counted);
        return counted;
    }

    /** Whether every cl100k piece ends between {@code before} and {@code at} (neither a space: see above). */
    private static boolean cl100kBoundary(char before, char at) {
        if (before == '\n') {
            return surelyNotWhitespace(at);
        }
        if (before >= 0x80 || at >= 0x80) {
            return false;
        }
        boolean letterBefore = asciiLetter(before);
        if (letterBefore || asciiDigit(before)) {
            return letterBefore ? !asciiLetter(at) : !asciiDigit(at);
        }
        return before > ' ' && before < 0x7f && asciiDigit(at); // punctuation, then a digit
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Printable ASCII, or a letter or digit: whitespace to no tokenizer. */
    private static boolean surelyNotWhitespace(char c) {
        return c > ' ' && c < 0x7f || c >= 0x80 && Character.isLetterOrDigit(c);
    }
}
