package dev.headroom.tokens;

import com.knuddels.jtokkit.api.EncodingType;

import java.util.Locale;

/**
 * Which tokenizer counts a model's tokens. Current OpenAI models use {@code o200k_base}; older ones
 * {@code cl100k_base}. Claude has no public tokenizer, so it is counted with {@code cl100k_base} (and
 * calibrated later against provider-reported usage).
 */
public enum TokenizerFamily {
    O200K(EncodingType.O200K_BASE),
    CL100K(EncodingType.CL100K_BASE);

    private final EncodingType encoding;

    TokenizerFamily(EncodingType encoding) {
        this.encoding = encoding;
    }

    public EncodingType encoding() {
        return encoding;
    }

    /** The family for a model name; unknown and empty names count with {@code cl100k_base}. */
    public static TokenizerFamily forModel(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1); // "openai/gpt-4o" as routers name it
        }
        if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5") || m.startsWith("gpt-5")
                || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("chatgpt-4o")
                || m.startsWith("gpt-oss") || m.startsWith("codex")) {
            return O200K;
        }
        return CL100K;
    }
}
