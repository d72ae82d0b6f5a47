package dev.headroom.spi;

/**
 * The wire format a {@link Backend}'s upstream speaks when that backend serves the proxy's Anthropic Messages
 * routes ({@code headroom proxy --backend NAME}). Compression, retrieval and the output shaper always work on
 * the client's Anthropic body; the gateway translates after them and translates the answer back.
 */
public enum UpstreamDialect {
    /** Anthropic Messages itself: the body is forwarded as the pipeline left it. */
    ANTHROPIC_MESSAGES,
    /** OpenAI Chat Completions ({@code POST …/v1/chat/completions}): requests, answers, errors and event streams translated. */
    OPENAI_CHAT,
    /**
     * Amazon Bedrock's {@code InvokeModel} / {@code InvokeModelWithResponseStream} for Anthropic models: the
     * Anthropic body without {@code model}/{@code stream}, SigV4-signed, the binary event stream decoded back into
     * Anthropic events.
     */
    BEDROCK_INVOKE
}
