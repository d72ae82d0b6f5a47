package dev.headroom.gateway;

import java.net.URI;

/**
 * Any OpenAI-compatible server ({@code --backend anyllm}): Ollama, vLLM, LM Studio, llama.cpp's server, …, at
 * the base given with {@code --openai-api-url} (such as {@code http://127.0.0.1:11434} for Ollama). A key is
 * sent only when {@code ANYLLM_API_KEY} is set; local servers usually take none. Model names are passed through.
 */
public final class AnyLlmBackend extends OpenAiCompatibleBackend {

    @Override
    public String name() {
        return "anyllm";
    }

    /** Ollama's local address, used only when no {@code --openai-api-url} is given. */
    @Override
    public URI defaultBaseUrl() {
        return URI.create("http://127.0.0.1:11434");
    }

    @Override
    String keyVariable() {
        return "ANYLLM_API_KEY";
    }
}
