package dev.headroom.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;

import java.util.Iterator;
import java.util.Map;

/**
 * Counts the tokens of a whole request as the sum of its parts: each top-level field, and each item of
 * the conversation array separately. Counting by parts lets the memo of a {@link MemoizingTokenCounter}
 * recognise the messages that recur on every turn, so a long conversation is not re-tokenized whole on
 * each request.
 */
public final class RequestTokens {
    private RequestTokens() {
    }

    /**
     * @param root             the request object
     * @param conversationField the name of the conversation array ({@code messages} or {@code input})
     */
    public static long count(JsonNode root, String conversationField, TokenCounter counter) {
        long total = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            total += counter.count(field.getKey());
            JsonNode value = field.getValue();
            if (field.getKey().equals(conversationField) && value.isArray()) {
                for (JsonNode item : value) {
                    total += counter.count(JsonCodec.write(item));
                }
            } else {
                total += counter.count(value.isTextual() ? value.asText() : JsonCodec.write(value));
            }
        }
        return total;
    }
}
