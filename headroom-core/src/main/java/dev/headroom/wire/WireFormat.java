package dev.headroom.wire;

/** The request formats Headroom understands. */
public enum WireFormat {
    /** Anthropic Messages ({@code POST /v1/messages}). */
    ANTHROPIC_MESSAGES,
    /** OpenAI Chat Completions ({@code POST /v1/chat/completions}). */
    OPENAI_CHAT,
    /** OpenAI Responses ({@code POST /v1/responses}). */
    OPENAI_RESPONSES,
    /** Google Gemini {@code generateContent} ({@code POST /v1beta/models/{model}:generateContent} and its stream). */
    GEMINI
}
