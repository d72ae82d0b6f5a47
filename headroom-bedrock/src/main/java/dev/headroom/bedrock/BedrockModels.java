package dev.headroom.bedrock;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Anthropic model names as Bedrock model ids: a client's {@code claude-sonnet-4-5} (or
 * {@code claude-sonnet-4-5-20250929}) becomes the region's cross-region inference profile,
 * {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0} in a {@code us-*} region ({@code eu.} in {@code eu-*},
 * {@code apac.} in {@code ap-*}). Ids that already look like Bedrock's (an {@code anthropic.} id, a profile such
 * as {@code us.anthropic.…}, an ARN) and names not in the table are passed through unchanged.
 *
 * <p>The table (Bedrock's model ids as AWS lists them for Anthropic):
 * <pre>
 * claude-opus-4-5      anthropic.claude-opus-4-5-20251101-v1:0
 * claude-sonnet-4-5    anthropic.claude-sonnet-4-5-20250929-v1:0
 * claude-haiku-4-5     anthropic.claude-haiku-4-5-20251001-v1:0
 * claude-opus-4-1      anthropic.claude-opus-4-1-20250805-v1:0
 * claude-opus-4        anthropic.claude-opus-4-20250514-v1:0
 * claude-sonnet-4      anthropic.claude-sonnet-4-20250514-v1:0
 * claude-3-7-sonnet    anthropic.claude-3-7-sonnet-20250219-v1:0
 * claude-3-5-haiku     anthropic.claude-3-5-haiku-20241022-v1:0
 * </pre>
 */
public final class BedrockModels {
    private static final Map<String, String> IDS = new TreeMap<>(Map.of(
            "claude-opus-4-5", "anthropic.claude-opus-4-5-20251101-v1:0",
            "claude-sonnet-4-5", "anthropic.claude-sonnet-4-5-20250929-v1:0",
            "claude-haiku-4-5", "anthropic.claude-haiku-4-5-20251001-v1:0",
            "claude-opus-4-1", "anthropic.claude-opus-4-1-20250805-v1:0",
            "claude-opus-4", "anthropic.claude-opus-4-20250514-v1:0",
            "claude-sonnet-4", "anthropic.claude-sonnet-4-20250514-v1:0",
            "claude-3-7-sonnet", "anthropic.claude-3-7-sonnet-20250219-v1:0",
            "claude-3-5-haiku", "anthropic.claude-3-5-haiku-20241022-v1:0"));

    private BedrockModels() {
    }

    /** The Bedrock model id for {@code model} in {@code region}. */
    public static String modelId(String model, String region) {
        String m = model.strip();
        if (m.startsWith("arn:") || m.contains("anthropic.") || m.isEmpty()) {
            return m;
        }
        String key = m.toLowerCase(Locale.ROOT).replaceFirst("-\\d{8}$", "").replaceFirst("-latest$", "");
        String id = IDS.get(key);
        if (id == null) {
            return m;
        }
        String prefix = profilePrefix(region);
        return prefix == null ? id : prefix + id;
    }

    /** The cross-region inference profile prefix of a region, or null where none is known. */
    static String profilePrefix(String region) {
        String r = region.toLowerCase(Locale.ROOT);
        if (r.startsWith("us-gov-")) {
            return "us-gov.";
        }
        if (r.startsWith("us-") || r.startsWith("ca-")) {
            return "us.";
        }
        if (r.startsWith("eu-")) {
            return "eu.";
        }
        if (r.startsWith("ap-")) {
            return "apac.";
        }
        return null;
    }
}
