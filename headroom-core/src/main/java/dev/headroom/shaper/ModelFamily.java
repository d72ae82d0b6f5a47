package dev.headroom.shaper;

import java.util.Locale;
import java.util.Set;

/**
 * The family of a model, derived from its name alone, so the holdout compares output tokens between like models:
 * {@code claude-opus-4-5} and {@code claude-3-5-sonnet-20241022} become {@code claude-opus} and
 * {@code claude-sonnet}; {@code gpt-4o-mini} and {@code gpt-5-codex} become {@code gpt-4o} and {@code gpt-5};
 * {@code o3} and {@code o4-mini} become {@code o-series}; {@code gemini-2.5-pro} becomes {@code gemini-2.5}.
 *
 * <p>Rules, applied to the lower-cased name after any provider prefix ({@code anthropic/}, {@code openai/}):
 * a Claude model is {@code claude-} plus its tier ({@code opus}, {@code sonnet}, {@code haiku}), or {@code claude};
 * an {@code o} followed by a digit is {@code o-series}; {@code gpt} and {@code gemini} keep their version (the
 * second part, up to a date); anything else is its first part. An empty name is {@code unknown}.
 */
public final class ModelFamily {
    private static final Set<String> CLAUDE_TIERS = Set.of("opus", "sonnet", "haiku");
    private static final Set<String> VERSIONED = Set.of("gpt", "gemini");

    private ModelFamily() {
    }

    /** The family of {@code model}; never empty. */
    public static String of(String model) {
        String name = model == null ? "" : model.strip().toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            return "unknown";
        }
        String[] parts = name.split("[-_:]");
        String first = parts[0].isEmpty() ? "unknown" : parts[0];
        if (first.equals("claude")) {
            for (String part : parts) {
                if (CLAUDE_TIERS.contains(part)) {
                    return "claude-" + part;
                }
            }
            return "claude";
        }
        if (first.matches("o[0-9].*")) {
            return "o-series";
        }
        if (VERSIONED.contains(first) && parts.length > 1 && parts[1].matches("[0-9][0-9a-z.]*")) {
            return first + "-" + parts[1];
        }
        return first;
    }
}
