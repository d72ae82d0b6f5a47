package dev.headroom.gateway;

import dev.headroom.wire.WireFormat;

import java.util.Optional;

/**
 * Where a client request goes and whether its body is a request Headroom compresses.
 *
 * @param provider the upstream
 * @param format   the wire format of a compressible body, or empty for passthrough routes
 */
public record Route(Provider provider, Optional<WireFormat> format) {

    /**
     * Routes by path (DESIGN.md rule 8): {@code /v1/messages*} is Anthropic; {@code /v1/chat/completions} and
     * {@code /v1/responses*} are OpenAI; any other path goes to Anthropic when the request carries an
     * {@code anthropic-version} header, else to OpenAI. Gemini paths ({@code /v1beta/*}, see {@link GeminiRoutes})
     * go to Gemini; {@code POST /model/{id}/invoke} and {@code /invoke-with-response-stream} are the Bedrock
     * passthrough routes ({@link BedrockPassthrough}), whose body is Anthropic's Messages format.
     */
    public static Route of(String method, String path, Headers headers) {
        if (BedrockPassthrough.matches(method, path)) {
            return new Route(Provider.BEDROCK, Optional.of(WireFormat.ANTHROPIC_MESSAGES));
        }
        Optional<Route> gemini = GeminiRoutes.route(method, path, headers);
        if (gemini.isPresent()) {
            return gemini.get();
        }
        boolean post = method.equals("POST");
        if (path.equals("/v1/messages") && post) {
            return new Route(Provider.ANTHROPIC, Optional.of(WireFormat.ANTHROPIC_MESSAGES));
        }
        if (path.equals("/v1/messages/count_tokens") && post) {
            return new Route(Provider.ANTHROPIC, Optional.of(WireFormat.ANTHROPIC_MESSAGES));
        }
        if (path.startsWith("/v1/messages")) {
            return new Route(Provider.ANTHROPIC, Optional.empty());
        }
        if (path.equals("/v1/chat/completions") && post) {
            return new Route(Provider.OPENAI, Optional.of(WireFormat.OPENAI_CHAT));
        }
        if (path.equals("/v1/responses") && post) {
            return new Route(Provider.OPENAI, Optional.of(WireFormat.OPENAI_RESPONSES));
        }
        if (path.startsWith("/v1/chat/") || path.startsWith("/v1/responses")) {
            return new Route(Provider.OPENAI, Optional.empty());
        }
        return new Route(headers.has("anthropic-version") ? Provider.ANTHROPIC : Provider.OPENAI, Optional.empty());
    }
}
