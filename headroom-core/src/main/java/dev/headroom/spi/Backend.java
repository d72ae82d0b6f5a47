package dev.headroom.spi;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to reach one upstream provider: its base URL, how client paths map onto it, which headers carry
 * authentication, what its error envelope looks like and where usage sits in its responses.
 *
 * <h2>Discovery</h2>
 * Found with {@link java.util.ServiceLoader} through {@link Providers}, as compressors are: list the class in
 * {@code META-INF/services/dev.headroom.spi.Backend} (and in {@code provides} of a {@code module-info} when
 * the jar is a named module). The built-in {@code anthropic} and {@code openai} are registered the same way
 * in headroom-core. The constructor must be public, take no arguments and do nothing expensive; one that
 * throws is reported by name and skipped.
 *
 * <h2>Selection</h2>
 * By {@link #name()} ({@link dev.headroom.gateway.Backends}): the gateway's Anthropic routes use the backend
 * named {@code anthropic}, its OpenAI routes the one named {@code openai}. A provider that takes a built-in
 * name replaces the built-in backend, so dropping its jar on the classpath is enough to reach, say, an
 * OpenAI-compatible gateway with other paths; providers with new names are available by name. Asking for an
 * unknown name throws {@link dev.headroom.core.NoSuchBackendException}, which lists the available names.
 *
 * <h2>Serving Anthropic clients ({@code --backend NAME})</h2>
 * The proxy's Anthropic Messages routes can be served by any backend chosen by name; {@link #messagesDialect()}
 * says what its upstream speaks (the gateway translates when it is not Anthropic), {@link #upstreamModel}
 * renames the model, and {@link #credentialHeaders} supplies the backend's own credentials (read from the
 * environment), which then replace the client's Anthropic credentials: those never reach another provider.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Backend {

    /** The provider name, such as {@code "anthropic"}, {@code "openai"} or {@code "openrouter"}. */
    String name();

    /** The provider's public API base, used when no override is configured. */
    URI defaultBaseUrl();

    /**
     * The upstream URI for a client request.
     *
     * @param baseUrl the configured base (may carry a path prefix, such as {@code https://host/api})
     * @param path    the client's path, starting with {@code /}
     * @param rawQuery the client's query string without {@code ?}, or an empty string; kept verbatim
     */
    default URI upstreamUri(URI baseUrl, String path, String rawQuery) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
    }

    /**
     * Whether a header of the client's request carries credentials for this provider; such headers are
     * forwarded byte-identical and never logged.
     */
    boolean isAuthHeader(String lowerCaseName);

    /**
     * The provider's error body for a failure that the proxy itself reports (bad request, body too
     * large, upstream unreachable), in the shape the provider's SDKs parse.
     *
     * @param status  the HTTP status that will be sent
     * @param type    the provider's error type, such as {@code "invalid_request_error"}
     * @param message a human-readable message with no secrets and no stack trace
     */
    String errorBody(int status, String type, String message);

    /** Usage from a complete (non-streaming) response body, when it has any. */
    Optional<Usage> usageFromResponse(JsonNode responseBody);

    /** What this backend's upstream speaks when it serves the Anthropic Messages routes (default: Anthropic). */
    default UpstreamDialect messagesDialect() {
        return UpstreamDialect.ANTHROPIC_MESSAGES;
    }

    /** The model name the upstream expects for the client's model name (default: unchanged). */
    default String upstreamModel(String clientModel) {
        return clientModel;
    }

    /**
     * The environment variables that hold this backend's credentials, in the order they are read. The doctor
     * and {@code /health} report whether they are set, never their values.
     */
    default List<String> credentialVariables() {
        return List.of();
    }

    /** Whether requests cannot be served without the credentials (then the proxy answers 401 without forwarding). */
    default boolean credentialsRequired() {
        return false;
    }

    /**
     * The headers that carry this backend's credentials, built from {@code env} (the process environment in
     * the proxy). When not empty they replace the client's authentication headers; when empty and the dialect
     * is Anthropic, the client's headers are forwarded as received.
     */
    default Map<String, String> credentialHeaders(Function<String, String> env) {
        return Map.of();
    }

    /**
     * Whether this backend's credentials can be found now (for the doctor and {@code /health}; never their
     * values). By default, whether {@link #credentialHeaders} yields any.
     */
    default boolean hasCredentials(Function<String, String> env) {
        return !credentialHeaders(env).isEmpty();
    }

    /**
     * Headers that sign one upstream request (such as AWS SigV4's {@code Authorization}, {@code X-Amz-Date},
     * {@code X-Amz-Security-Token}), computed over the exact method, URI, headers and body that will be sent;
     * empty when this backend does not sign requests (the default).
     *
     * @throws IllegalStateException when the backend signs but has no credentials (the message names where it looked)
     */
    default Map<String, String> signedHeaders(String method, URI uri, Map<String, String> headers, byte[] body) {
        return Map.of();
    }
}
