package dev.headroom.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;
import dev.headroom.wire.RequestView;
import dev.headroom.wire.ToolOutput;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Counts the tokens of a whole request as the sum of its parts: each tool output's text, plus the rest of
 * the request with those texts blanked — each top-level field and each conversation item separately.
 * Counting by parts lets a {@link MemoizingTokenCounter} recognise what recurs (the tool outputs the pipeline
 * has just counted, the messages resent on every turn), so a long conversation is not re-tokenized whole.
 */
public final class RequestTokens {
    private RequestTokens() {
    }

    public static long count(RequestView view, TokenCounter counter) {
        List<ToolOutput> outputs = view.toolOutputs();
        String[] texts = new String[outputs.size()];
        long total = 0;
        for (int i = 0; i < texts.length; i++) {
            texts[i] = outputs.get(i).text();
            total += counter.count(texts[i]);
            outputs.get(i).replace("");
        }
        try {
            total += countSkeleton(view.root(), view.conversation(), counter);
        } finally {
            for (int i = 0; i < texts.length; i++) {
                outputs.get(i).replace(texts[i]);
            }
        }
        return total;
    }

    /** Tokens of everything but the tool outputs' texts (counted with those texts blanked). */
    public static long skeleton(RequestView view, TokenCounter counter) {
        List<ToolOutput> outputs = view.toolOutputs();
        String[] texts = new String[outputs.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = outputs.get(i).text();
            outputs.get(i).replace("");
        }
        try {
            return countSkeleton(view.root(), view.conversation(), counter);
        } finally {
            for (int i = 0; i < texts.length; i++) {
                outputs.get(i).replace(texts[i]);
            }
        }
    }

    private static long countSkeleton(JsonNode root, JsonNode conversation, TokenCounter counter) {
        long total = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            total += counter.count(field.getKey());
            JsonNode value = field.getValue();
            if (value == conversation && value.isArray()) {
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
