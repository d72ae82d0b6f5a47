package dev.headroom.retention;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Adds a tool definition to a request's bytes without building its tree: the top-level object is scanned with the
 * streaming parser (the conversation is skipped, not read into nodes), and the definition is written into the
 * bytes at the end of {@code tools}, or as a new {@code tools} just before {@code messages} / {@code input}. For a
 * request that {@link JsonCodec} wrote, the bytes are exactly those of parsing it, adding the tool to the tree as
 * {@link RetrieveTool#inject} does and writing it again — at a fraction of the cost for a large conversation.
 * Shapes where the two could differ (a {@code tools} that is not an array, no conversation to put it before, a
 * repeated top-level key, OpenAI's legacy {@code functions}) are left to the tree: {@link #append} then answers null.
 */
final class ToolsSplice {
    private static final byte[] NOTHING = {};
    private static final byte[] COMMA = {','};
    private static final byte[] NEW_TOOLS = "\"tools\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEW_TOOLS_END = "],".getBytes(StandardCharsets.US_ASCII);

    private ToolsSplice() {
    }

    /**
     * {@code request} with {@code definition} (its JSON bytes) appended to {@code tools}; the very same array when
     * {@code tools} already defines {@code headroom_retrieve}; null when only the tree can tell.
     */
    static byte[] append(byte[] request, byte[] definition) {
        try (JsonParser p = JsonCodec.mapper().createParser(request)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Set<String> names = new HashSet<>();
            long toolsClose = -1;
            boolean toolsEmpty = false;
            long conversationAt = -1;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                long nameAt = p.currentTokenLocation().getByteOffset();
                if (!names.add(name) || name.equals("functions")) {
                    return null; // a repeated key, or OpenAI's legacy functions: the tree decides
                }
                JsonToken value = p.nextToken();
                if (name.equals("tools")) {
                    if (value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    int open = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    toolsClose = p.currentTokenLocation().getByteOffset(); // the closing bracket
                    JsonNode tools = JsonCodec.parse(Arrays.copyOfRange(request, open, (int) toolsClose + 1));
                    if (RetrieveTool.isDefinedIn(tools)) {
                        return request;
                    }
                    toolsEmpty = tools.isEmpty();
                } else {
                    if (conversationAt < 0 && (name.equals("messages") || name.equals("input"))) {
                        conversationAt = nameAt;
                    }
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            if (toolsClose >= 0) {
                return splice(request, (int) toolsClose, toolsEmpty ? NOTHING : COMMA, definition, NOTHING);
            }
            if (conversationAt >= 0) {
                return splice(request, (int) conversationAt, NEW_TOOLS, definition, NEW_TOOLS_END);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // not JSON this parser can walk: the tree path decides
        }
    }

    private static byte[] splice(byte[] request, int at, byte[] before, byte[] definition, byte[] after) {
        byte[] out = new byte[request.length + before.length + definition.length + after.length];
        System.arraycopy(request, 0, out, 0, at);
        int o = at;
        for (byte[] part : new byte[][] {before, definition, after}) {
            System.arraycopy(part, 0, out, o, part.length);
            o += part.length;
        }
        System.arraycopy(request, at, out, o, request.length - at);
        return out;
    }
}
