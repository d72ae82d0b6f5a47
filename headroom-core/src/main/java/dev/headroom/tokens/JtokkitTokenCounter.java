package dev.headroom.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@link TokenCounter} backed by jtokkit. Encodings are loaded once per family and shared.
 */
public final class JtokkitTokenCounter implements TokenCounter {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final Map<TokenizerFamily, JtokkitTokenCounter> BY_FAMILY = new EnumMap<>(TokenizerFamily.class);

    private final Encoding encoding;
    private final String name;

    private JtokkitTokenCounter(TokenizerFamily family) {
        this.encoding = REGISTRY.getEncoding(family.encoding());
        this.name = family.encoding().getName();
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
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }
}
