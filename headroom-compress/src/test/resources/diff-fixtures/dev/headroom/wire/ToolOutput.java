package dev.headroom.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One tool output in a request: the only kind of content Headroom may compress. It points at a string
 * field inside the request tree and can replace it in place.
 */
public final class ToolOutput {
    private final ObjectNode holder;
    private final String field;
    private final int messageIndex;
    private final String toolCallId;
    private final String toolName;
    private final boolean markedError;
    private final String query;
    private final JsonNode toolInput;

    ToolOutput(ObjectNode holder, String field, int messageIndex, String toolCallId, String toolName,
               boolean markedError, String query, JsonNode toolInput) {
        this.holder = holder;
        this.field = field;
        this.messageIndex = messageIndex;
        this.toolCallId = toolCallId == null ? "" : toolCallId;
        this.toolName = toolName == null ? "" : toolName;
        this.markedError = markedError;
        this.query = query == null ? "" : query;
        this.toolInput = toolInput == null ? MissingNode.getInstance() : toolInput;
    }

    /** The arguments of the tool call this output answers (an object), or a missing node when unknown. */
    public JsonNode toolInput() {
        return toolInput;
    }

    /** The current text. */
    public String text() {
        return holder.get(field).asText();
    }

    /** Replaces the text in the request tree. */
    public void replace(String text) {
        holder.put(field, text);
    }

    /** Index of the message (or Responses input item) that holds this output. */
    public int messageIndex() {
        return messageIndex;
    }

    /** The tool call id this output answers ({@code tool_use_id}, {@code tool_call_id} or {@code call_id}). */
    public String toolCallId() {
        return toolCallId;
    }

    /** The name of the tool that produced it, when the request names it; else an empty string. */
    public String toolName() {
        return toolName;
    }

    /** Whether the client flagged the output as an error ({@code is_error: true}). */
    public boolean markedError() {
        return markedError;
    }

    /** The latest user-authored text before this output, or an empty string. */
    public String query() {
        return query;
    }

    @Override
    public String toString() {
        return "ToolOutput[message=" + messageIndex + ", tool=" + toolName + ", id=" + toolCallId + "]";
    }
}
