package dev.headroom.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@link TokenCounter} backed by jtokkit. Encodings are loaded once per family and shared. Counts are exact; a
 * text is counted chunk by chunk, with the counts of recurring chunks remembered ({@link ChunkCounts}).
 */
public final class JtokkitTokenCounter implements TokenCounter {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final Map<TokenizerFamily, JtokkitTokenCounter> BY_FAMILY = new EnumMap<>(TokenizerFamily.class);

    private final Encoding encoding;
    private final String name;
    private final ChunkCounts chunks;

    private JtokkitTokenCounter(TokenizerFamily family) {
        this.encoding = REGISTRY.getEncoding(family.encoding());
        this.name = family.encoding().getName();
        this.chunks = new ChunkCounts(encoding::countTokensOrdinary, family == TokenizerFamily.CL100K);
    }

    /** The shared counter of a family. */
    public static synchronized JtokkitTokenCounter of(TokenizerFamily family) {
        return BY_FAMILY.computeIfAbsent(family, JtokkitTokenCounter::new);
    }

    /** The counter for a model name (see {@link TokenizerFamily#forModel}). */
    public static JtokkitTokenCounter forModel(String model) {
        return of(TokenizerFamily.forModel(model));
    }

    @Override
    public String encodingName() {
        return name;
    }

    @Override
    public int count(String text) {
        return text.isEmpty() ? 0 : chunks.count(wellFormed(text));
    }

    /** The tokenizer's own count of the whole text, without chunks: what {@link #count} must equal. */
    int countWhole(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(wellFormed(text));
    }

    /**
     * The tokenizer needs well-formed UTF-16; a lone surrogate (legal in JSON as an escape) is counted as
     * U+FFFD, the character it becomes in UTF-8.
     */
    static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return replaceLoneSurrogates(text);
                }
                i++;
            }
        }
        return text;
    }

    private static String replaceLoneSurrogates(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
