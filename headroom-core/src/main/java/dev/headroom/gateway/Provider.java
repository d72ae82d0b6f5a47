package dev.headroom.gateway;

/** The upstream provider families the gateway routes to. */
public enum Provider {
    ANTHROPIC("anthropic"),
    OPENAI("openai"),
    GEMINI("gemini"),
    /** The Bedrock passthrough routes ({@link BedrockPassthrough}). */
    BEDROCK("bedrock");

    private final String backendName;

    Provider(String backendName) {
        this.backendName = backendName;
    }

    /** The {@link dev.headroom.spi.Backend} name. */
    public String backendName() {
        return backendName;
    }
}
