package dev.headroom.gateway;

import dev.headroom.core.CompressionResult;
import dev.headroom.retention.Marker;
import dev.headroom.spi.Backend;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Bedrock passthrough routes ({@code headroom proxy --bedrock-api-url URL}): a client that speaks Bedrock
 * itself (an AWS SDK, Claude Code with {@code CLAUDE_CODE_USE_BEDROCK=1} and {@code ANTHROPIC_BEDROCK_BASE_URL}
 * pointed at the proxy) sends {@code POST /model/{modelId}/invoke} or {@code /invoke-with-response-stream}; the
 * body is Anthropic's Messages format without {@code model} (the model is in the path), so it is compressed as
 * an Anthropic request, then forwarded to {@link GatewayConfig#bedrockBaseUrl()} at the same path and query.
 *
 * <p>SigV4: the client's signature covers the body it sent, so it cannot survive compression. The client's
 * {@code Authorization} and {@code X-Amz-*} headers are dropped and the request is signed again by the
 * {@code bedrock} {@link Backend} ({@link Backend#signedHeaders}: the AWS credentials chain and region of the
 * proxy, {@code --region}); without credentials the proxy answers 401 and sends nothing. Other headers (such as
 * {@code X-Amzn-Bedrock-*}) are forwarded unsigned.
 *
 * <p>Answers are relayed as they are: a whole answer is Anthropic's message JSON (usage read from it, retrieve
 * calls served in further rounds as on {@code /v1/messages}); the {@code application/vnd.amazon.eventstream}
 * stream is relayed byte-identical as it arrives. Because the proxy does not rewrite that binary stream, a
 * compression of a streaming request that left a retrieval marker is not forwarded (the client's body goes
 * out instead), as for Gemini's JSON-array stream.
 */
final class BedrockPassthrough implements UpstreamSend {
    private static final Pattern PATH = Pattern.compile("/model/([^/]+)/(invoke|invoke-with-response-stream)");
    private static final String STREAM = "invoke-with-response-stream";

    /** The most of an event stream kept for reading its usage afterwards (Bedrock answers are far smaller). */
    static final int USAGE_COPY_LIMIT = 16 * 1024 * 1024;

    private final UpstreamCaller caller;
    private final Backend bedrock;
    private final java.io.ByteArrayOutputStream streamCopy = new java.io.ByteArrayOutputStream();

    BedrockPassthrough(UpstreamCaller caller, Backend bedrock) {
        this.caller = caller;
        this.bedrock = bedrock;
    }

    /** Whether the request is one of the two passthrough routes. */
    static boolean matches(String method, String path) {
        return method.equals("POST") && PATH.matcher(path).matches();
    }

    /** Whether whole-answer retrieval is served on this path ({@code /invoke}, not the event stream). */
    static boolean servesRetrieval(String path) {
        Matcher m = PATH.matcher(path);
        return m.matches() && !m.group(2).equals(STREAM);
    }

    /** The model id in the path, decoded ({@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}). */
    static String model(String path) {
        Matcher m = PATH.matcher(path);
        return m.matches() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : "";
    }

    /**
     * Why the routes cannot be served, or empty when they can: {@code --bedrock-api-url} not set, or no
     * {@code bedrock} backend (the headroom-bedrock jar) to sign with.
     */
    static Optional<String> unserved(GatewayConfig config, Backends backends) {
        if (config.bedrockBaseUrl().isEmpty()) {
            return Optional.of("the Bedrock routes /model/{id}/invoke and /invoke-with-response-stream are served "
                    + "only with --bedrock-api-url URL (BEDROCK_TARGET_API_URL)");
        }
        if (!backends.names().contains("bedrock")) {
            return Optional.of("the Bedrock routes need the bedrock backend (headroom-bedrock) on the classpath");
        }
        return Optional.empty();
    }

    /** Bedrock's error shape, {@code {"message":…}}, which AWS SDKs read. */
    static byte[] errorBody(String message) {
        return dev.headroom.wire.JsonCodec.writeBytes(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("message", message));
    }

    /** The compression to forward: named after the path's model, or none for a marked streaming request. */
    static Optional<CompressionResult> afterCompression(ProxyRequest request, Optional<CompressionResult> compression) {
        if (compression.isEmpty()) {
            return compression;
        }
        CompressionResult result = compression.get();
        if (!servesRetrieval(request.path()) && result.changed() && Marker.containsMarker(result.json())) {
            return Optional.empty();
        }
        return Optional.of(result.model().isEmpty() ? result.withModel(model(request.path())) : result);
    }

    /** Whether an answer is Bedrock's binary event stream, relayed as its bytes arrive. */
    static boolean streams(UpstreamCaller.Exchange exchange) {
        return exchange.status() == 200 && exchange.headers().first("content-type").orElse("")
                .toLowerCase(Locale.ROOT).startsWith("application/vnd.amazon.eventstream");
    }

    @Override
    public UpstreamCaller.Exchange send(String method, URI uri, Headers headers, byte[] body)
            throws UpstreamFailure, InterruptedException {
        Map<String, String> unsigned = new LinkedHashMap<>();
        unsigned.put("Content-Type", headers.first("content-type").orElse("application/json"));
        headers.first("accept").ifPresent(accept -> unsigned.put("Accept", accept));
        Map<String, String> signed;
        try {
            signed = bedrock.signedHeaders(method, uri, unsigned, body);
        } catch (IllegalStateException e) {
            return caller.new Exchange(null, 401, Headers.builder().add("content-type", "application/json").build(),
                    new ByteArrayInputStream(errorBody(e.getMessage())));
        }
        Headers.Builder out = Headers.builder();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!bedrock.isAuthHeader(lower) && !lower.equals("content-type") && !lower.equals("accept")) {
                out.add(name, value);
            }
        });
        unsigned.forEach(out::set);
        signed.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                out.set(name, value);
            }
        });
        UpstreamCaller.Exchange answer = caller.send(method, uri, out.build(), body);
        if (!streams(answer)) {
            return answer;
        }
        return caller.new Exchange(answer, answer.status(), answer.headers(), new Tee(answer.body()));
    }

    /**
     * The usage of the event stream this sender relayed, read afterwards from a copy of its bytes (the
     * {@code message_start} and {@code message_delta} events inside its chunks); empty when it relayed none.
     */
    Optional<dev.headroom.spi.Usage> streamUsage() {
        byte[] copy;
        synchronized (streamCopy) {
            copy = streamCopy.toByteArray();
        }
        if (copy.length == 0) {
            return Optional.empty();
        }
        SseUsageTap tap = new SseUsageTap();
        byte[] buffer = new byte[8192];
        try (java.io.InputStream sse = new BedrockEventsToSse(new ByteArrayInputStream(copy))) {
            for (int n; (n = sse.read(buffer)) >= 0; ) {
                tap.accept(buffer, n);
            }
        } catch (java.io.IOException e) {
            // a damaged frame ends the reading; the usage seen so far stands
        }
        return Optional.of(tap.usage());
    }

    /** Passes the stream through unchanged, keeping a copy of its bytes for {@link #streamUsage()}. */
    private final class Tee extends java.io.FilterInputStream {
        Tee(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                synchronized (streamCopy) {
                    if (streamCopy.size() + n <= USAGE_COPY_LIMIT) {
                        streamCopy.write(b, off, n);
                    }
                }
            }
            return n;
        }
    }
}
