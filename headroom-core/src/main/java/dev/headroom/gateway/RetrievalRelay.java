package dev.headroom.gateway;

import dev.headroom.retention.RetentionStore;
import dev.headroom.retention.RetrieveToolHandler;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;
import dev.headroom.wire.WireFormat;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves the tools the engine owns for one client request into which the gateway injected them
 * ({@code headroom_retrieve}, the memory tools of a {@link MemoryHook}): picks the whole-answer loop or the
 * stream rewriter of the request's wire format. Only hashes of markers in the forwarded request are redeemed.
 */
final class RetrievalRelay {
    private final WireFormat format;
    private final ForwardedRequest request;
    private final ServedTools handler;
    private final WholeRetrieval.Upstream upstream;
    private final Backend backend;

    /**
     * @param forwarded the request body as sent upstream (with the tool)
     * @param upstream  sends a continued request to the same upstream URI with the same headers
     */
    RetrievalRelay(WireFormat format, byte[] forwarded, RetentionStore store, WholeRetrieval.Upstream upstream,
                   Backend backend) {
        this(format, forwarded, store, Optional.empty(), upstream, backend);
    }

    /**
     * @param store  serves {@code headroom_retrieve} when not null (the tool was injected)
     * @param others further tools the engine serves in this request
     */
    RetrievalRelay(WireFormat format, byte[] forwarded, RetentionStore store, Optional<ServedTools> others,
                   WholeRetrieval.Upstream upstream, Backend backend) {
        this.format = format;
        this.request = new ForwardedRequest(forwarded);
        ServedTools retrieve = store == null ? null : ServedTools.retrieve(new RetrieveToolHandler(store, request::issued));
        this.handler = retrieve == null ? others.orElseThrow() : others.map(retrieve::and).orElse(retrieve);
        this.upstream = upstream;
        this.backend = backend;
    }

    /** Whether answers on this path are model answers that may call the tool (not token counts). */
    static boolean servesPath(String path) {
        return path.equals("/v1/messages") || path.equals("/v1/chat/completions") || path.equals("/v1/responses")
                || GeminiRoutes.answers(path);
    }

    /** Relays a complete answer, serving retrieve calls in further rounds. */
    Usage relayWhole(UpstreamCaller.Exchange exchange, ResponseSink sink,
                     Function<UpstreamCaller.Exchange, Headers> headers) throws IOException, InterruptedException {
        return new WholeRetrieval(RetrieveCalls.of(format, handler), handler, upstream, backend, headers)
                .relay(request, exchange, sink);
    }

    /** Relays an event stream, serving retrieve calls by splicing continuations in. */
    Usage relayStream(UpstreamCaller.Exchange exchange, int status, Headers headers, ResponseSink sink)
            throws IOException, InterruptedException {
        StreamRetrieval.Rewriter rewriter = switch (format) {
            case ANTHROPIC_MESSAGES -> new AnthropicStreamRewriter(request, handler);
            case OPENAI_CHAT -> new ChatStreamRewriter(request, handler);
            case OPENAI_RESPONSES -> new ResponsesStreamRewriter(request, handler);
            case GEMINI -> new GeminiStreamRewriter(request, handler);
        };
        return new StreamRetrieval(rewriter, upstream, backend).relay(exchange, status, headers, sink);
    }
}
