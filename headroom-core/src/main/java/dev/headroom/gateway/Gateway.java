package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.core.CompressOptions;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.core.MalformedRequestException;
import dev.headroom.core.RequestTooLargeException;
import dev.headroom.core.UnknownWireFormatException;
import dev.headroom.retention.RetrieveTool;
import dev.headroom.shaper.OutputShaper;
import dev.headroom.spi.Backend;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy engine, free of any HTTP framework: a host adapter turns each client request into a
 * {@link ProxyRequest} and gives a {@link ResponseSink}; the gateway routes it, compresses its body when it is
 * a model request, forwards it upstream (with retries before anything reached the client), and relays the
 * answer — server-sent events as they arrive, everything else whole — then reports one
 * {@link RequestRecord}. It never answers an empty 200 and never exposes a stack trace: failures of its own
 * are reported in the provider's error envelope.
 *
 * <p>Reversible compression: when the forwarded request carries a retrieval marker, the
 * {@code headroom_retrieve} tool is appended to its tools and the gateway serves the model's calls to it
 * itself (further upstream rounds for whole answers, spliced continuations for event streams), so the client
 * never sees the tool. With {@link GatewayConfig#injectRetrieveTool()} off, the engine must not retain
 * originals (build it with {@code retention(false)}); the constructor checks the pairing.
 *
 * <p>Output shaping: with {@link GatewayConfig#outputShaper()} on, a model request (not {@code count_tokens},
 * not with {@code --no-optimize} or {@code x-headroom-bypass}) goes through the {@link OutputShaper} after
 * compression and before the retrieve tool is injected; its steps are listed in the transforms after
 * compression's. A shaper failure forwards the request unshaped. A conversation in the holdout's control arm is
 * forwarded unshaped; its arm and stratum go on the {@link RequestRecord#holdout() record}.
 *
 * <p>Thread-safe; one instance serves every request.
 */
public final class Gateway {
    private static final System.Logger LOG = System.getLogger("dev.headroom.gateway");

    private final HeadroomEngine engine;
    private final GatewayConfig config;
    private final Backends backends;
    private final StatsSink stats;
    private final UpstreamCaller upstream;
    private final Semaphore concurrency;
    private final CacheModeSessions sessions;
    private final AtomicLong ids = new AtomicLong();
    private final boolean serveRetrieval;
    private final RequestControls controls;
    private final Budget budget;
    private final CompressionAdmission admission;
    private final OutputShaper shaper;
    private final MemoryHook memory;
    private final MessagesUpstream messages;

    /**
     * @throws IllegalArgumentException when retrieve-tool injection is off but {@code engine} retains originals
     *                                  behind markers (they could never be redeemed)
     */
    public Gateway(HeadroomEngine engine, GatewayConfig config, Backends backends, StatsSink stats) {
        this(engine, config, backends, stats, MemoryHook.NONE, MessagesUpstream.anthropic());
    }

    /** A gateway with persistent agent memory ({@link MemoryHook}; headroom-memory implements it). */
    public Gateway(HeadroomEngine engine, GatewayConfig config, Backends backends, StatsSink stats, MemoryHook memory) {
        this(engine, config, backends, stats, memory, MessagesUpstream.anthropic());
    }

    /** A gateway whose Anthropic Messages routes are served by {@code messages} ({@code --backend NAME}). */
    public Gateway(HeadroomEngine engine, GatewayConfig config, Backends backends, StatsSink stats,
                   MessagesUpstream messages) {
        this(engine, config, backends, stats, MemoryHook.NONE, messages);
    }

    /**
     * A gateway whose Anthropic Messages routes are served by {@code messages}, with
     * agent memory {@code memory} ({@link MemoryHook#NONE} for none).
     *
     * @throws IllegalArgumentException as {@link #Gateway(HeadroomEngine, GatewayConfig, Backends, StatsSink)}
     */
    public Gateway(HeadroomEngine engine, GatewayConfig config, Backends backends, StatsSink stats,
                   MemoryHook memory, MessagesUpstream messages) {
        this(engine, config, backends, stats, memory, messages, SessionPrefixStore.inMemory());
    }

    /**
     * As {@link #Gateway(HeadroomEngine, GatewayConfig, Backends, StatsSink, MemoryHook, MessagesUpstream)}, with
     * cache mode's session prefixes kept in {@code sessionPrefixes} (a store every proxy of a fleet shares, with
     * {@code --store}); used only when {@link GatewayConfig#mode()} is {@link Mode#CACHE}.
     */
    public Gateway(HeadroomEngine engine, GatewayConfig config, Backends backends, StatsSink stats,
                   MemoryHook memory, MessagesUpstream messages, SessionPrefixStore sessionPrefixes) {
        this.sessions = new CacheModeSessions(sessionPrefixes);
        this.memory = java.util.Objects.requireNonNull(memory, "memory");
        this.messages = java.util.Objects.requireNonNull(messages, "messages");
        boolean retains = engine.config().retention() && !engine.config().lossless();
        if (!config.injectRetrieveTool() && retains) {
            throw new IllegalArgumentException("injectRetrieveTool is off, so the engine must be built with "
                    + "retention(false) or lossless(true): its markers could not be redeemed");
        }
        this.serveRetrieval = retains;
        this.engine = engine;
        this.config = config;
        this.backends = backends;
        this.stats = stats;
        this.upstream = new UpstreamCaller(config);
        this.concurrency = new Semaphore(config.limitConcurrency());
        this.controls = new RequestControls(new RateLimiter(config.rateLimit(), config.clock(), RateLimiter.DEFAULT_MAX_KEYS),
                new ResponseCache(config.responseCache(), config.clock()));
        this.budget = new Budget(config.budget(), config.clock());
        this.admission = new CompressionAdmission(config.admission());
        this.shaper = new OutputShaper(config.outputShaper());
    }

    public GatewayConfig config() {
        return config;
    }

    /** The backend serving the Anthropic Messages routes. */
    public MessagesUpstream messagesUpstream() {
        return messages;
    }

    public HeadroomEngine engine() {
        return engine;
    }

    /** The response cache (for {@code POST /cache/clear}). */
    public ResponseCache responseCache() {
        return controls.cache();
    }

    /** The spend limit (for {@code /stats}); {@link Budget#status()} is empty when none is set. */
    public Budget budget() {
        return budget;
    }

    /** The agent memory hook ({@link MemoryHook#NONE} when memory is off), for {@code /stats}. */
    public MemoryHook memory() {
        return memory;
    }

    /** The compression admission limit (bytes under compression at once). */
    public CompressionAdmission admission() {
        return admission;
    }

    /** Handles one request; returns when the response is complete. Never throws for a client's mistake. */
    public void handle(ProxyRequest request, ResponseSink sink) throws IOException {
        long started = System.nanoTime();
        Route route = Route.of(request.method(), request.path(), request.headers());
        if (route.provider() == Provider.BEDROCK && BedrockPassthrough.unserved(config, backends).isPresent()) {
            sink.respond(404, Headers.builder().add("content-type", "application/json").build(),
                    BedrockPassthrough.errorBody(BedrockPassthrough.unserved(config, backends).get()));
            return;
        }
        Backend backend = backends.byName(route.provider().backendName());
        if (route.provider() == Provider.ANTHROPIC) {
            backend = messages.clientFacing(backend); // --backend: reported under its name, Anthropic's envelope
        }
        MessageCapture capture = new MessageCapture(sink, config.logMessages());
        String requestId = "hr-" + ids.incrementAndGet();
        if (!concurrency.tryAcquire()) {
            refuse(requestId, capture, backend, 503, "overloaded_error", "the proxy is at its concurrency limit; retry shortly", started, capture);
            return;
        }
        CommitTrackingSink tracked = new CommitTrackingSink(capture);
        try {
            forward(requestId, request, route, backend, tracked, started, capture);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!tracked.committed()) {
                refuse(requestId, capture, backend, 503, "api_error", "the proxy is shutting down", started, capture);
            }
        } catch (RuntimeException e) {
            // Never a stack trace to the client: an unexpected failure becomes the provider's error envelope.
            LOG.log(System.Logger.Level.ERROR, "request failed inside the proxy", e);
            if (!tracked.committed()) {
                refuse(requestId, capture, backend, 500, "api_error", "internal proxy error; the request was not completed", started, capture);
            }
        } finally {
            concurrency.release();
        }
    }

    private void forward(String requestId, ProxyRequest request, Route route, Backend backend, ResponseSink sink,
                         long started, MessageCapture capture) throws IOException, InterruptedException {
        if (budget.refuse(route, request.method(), request.path(), backend, sink)) { // before anything else: never forwarded
            recordAnswered(requestId, backend, Optional.empty(), new RequestControls.Outcome(429, false, sink), started, capture);
            return;
        }
        if (request.body().length > config.maxBodyBytes()) {
            refuse(requestId, sink, backend, 413, "request_too_large", "request body exceeds " + config.maxBodyBytes() + " bytes", started, capture);
            return;
        }
        byte[] body;
        try {
            body = BodyDecoder.decode(request.body(), request.headers().first("content-encoding").orElse(""), config.maxBodyBytes());
        } catch (BodyDecoder.UnsupportedEncoding e) {
            refuse(requestId, sink, backend, 415, "invalid_request_error", e.getMessage(), started, capture);
            return;
        } catch (BodyDecoder.TooLarge e) {
            refuse(requestId, sink, backend, 413, "request_too_large", "request body exceeds " + e.limit + " bytes once decoded", started, capture);
            return;
        }
        capture.request(body);
        byte[] clientBody = body; // decoded, before compression: what the budget reads the model from
        Optional<CompressionResult> compression = Optional.empty();
        byte[] engineWritten = null; // the engine's own serialisation of a changed request, while nothing else rewrote it
        Map<String, Integer> passReasons = Map.of();
        if (route.format().isPresent() && config.optimize() && !bypassed(request)) {
            Optional<CompressionAdmission.Permit> permit = admission.admit(body.length);
            if (permit.isEmpty()) {
                // over the admission limit for longer than the wait: forwarded as received, counted
                passReasons = Map.of(CompressionAdmission.REASON, 1);
            }
            try (CompressionAdmission.Permit admitted = permit.orElse(null)) {
                if (admitted != null) {
                    CompressOptions options = CompressOptions.DEFAULT.withFormat(route.format().get());
                    compression = Optional.of(compress(request, body, options));
                    body = compression.get().bytes();
                    engineWritten = compression.get().changed() ? body : null;
                }
            } catch (MalformedRequestException e) {
                refuse(requestId, sink, backend, 400, "invalid_request_error", e.getMessage(), started, capture);
                return;
            } catch (RequestTooLargeException e) {
                refuse(requestId, sink, backend, 413, "request_too_large", e.getMessage(), started, capture);
                return;
            } catch (UnknownWireFormatException e) {
                // not a shape we compress: the provider validates it
            } catch (RuntimeException e) {
                // fail open (DESIGN.md rule 4): a bug in compression must not cost the client its request
                LOG.log(System.Logger.Level.WARNING, requestId + " compression failed, forwarding unchanged: " + e);
                compression = Optional.empty();
            } catch (OutOfMemoryError e) {
                // one request too large for the heap: its garbage is gone once we are here, so fail open too
                LOG.log(System.Logger.Level.WARNING, requestId + " compression ran out of heap, forwarding unchanged");
                compression = Optional.empty();
                body = clientBody;
            }
        } else if (route.format().isPresent() && looksMalformed(body)) {
            refuse(requestId, sink, backend, 400, "invalid_request_error", "request body is not valid JSON", started, capture);
            return;
        }
        if (route.provider() == Provider.GEMINI) {
            compression = GeminiExchange.afterCompression(request, compression);
            body = compression.map(CompressionResult::bytes).orElse(clientBody);
        }
        if (route.provider() == Provider.BEDROCK) {
            compression = BedrockPassthrough.afterCompression(request, compression);
            body = compression.map(CompressionResult::bytes).orElse(clientBody);
        }
        List<String> shaped = List.of();
        RequestRecord.Holdout holdout = null;
        if (route.format().isPresent() && config.optimize() && !bypassed(request) && OutputShaper.shapes(request.path())
                && config.outputShaper().enabled()) {
            try {
                OutputShaper.Turn result = shaper.shapeTurn(body, route.format().get()); // control arm: unshaped
                body = result.bytes();
                shaped = result.transforms();
                holdout = result.holdout();
            } catch (RuntimeException e) {
                // fail open, like compression: the request goes out as it was
                LOG.log(System.Logger.Level.WARNING, requestId + " output shaper failed, forwarding unshaped: " + e);
            }
        }
        Optional<ServedTools> memoryTools = Optional.empty();
        if (route.format().isPresent() && config.optimize() && !bypassed(request) && RetrievalRelay.servesPath(request.path())) {
            try {
                MemoryHook.Prepared prepared = memory.prepare(request.headers(), body, route.format().get());
                body = prepared.body();
                memoryTools = prepared.tools();
                shaped = prepared.transforms().isEmpty() ? shaped
                        : java.util.stream.Stream.concat(shaped.stream(), prepared.transforms().stream()).toList();
            } catch (RuntimeException e) {
                // fail open: the request goes out without memory
                LOG.log(System.Logger.Level.WARNING, requestId + " memory failed, forwarding without it: " + e);
            }
        }
        List<String> shapedTransforms = shaped;
        URI base = route.provider() == Provider.BEDROCK ? config.bedrockBaseUrl().orElseThrow()
                : route.provider() == Provider.GEMINI ? config.geminiBaseUrl()
                : route.provider() == Provider.ANTHROPIC ? config.anthropicBaseUrl() : config.openaiBaseUrl();
        URI uri = backend.upstreamUri(base, request.path(), request.rawQuery());
        Headers upstreamHeaders = HeaderPolicy.upstream(request.headers());
        UpstreamSend send = route.provider() == Provider.ANTHROPIC
                ? messages.sender(upstream, request.path(), request.rawQuery())
                : route.provider() == Provider.BEDROCK ? new BedrockPassthrough(upstream, backend) : upstream::send;
        Optional<RetrievalRelay> retrieval = Optional.empty();
        boolean retrieveInjected = false;
        if (serveRetrieval && compression.isPresent()) {
            byte[] withTool = RetrieveTool.injectIfMarked(body, compression.get().format(), body == engineWritten);
            retrieveInjected = withTool != body && (RetrievalRelay.servesPath(request.path())
                    || BedrockPassthrough.servesRetrieval(request.path()));
            body = withTool;
        }
        if (retrieveInjected || memoryTools.isPresent()) {
            retrieval = Optional.of(new RetrievalRelay(route.format().get(), body,
                    retrieveInjected ? engine.retentionStore() : null, memoryTools,
                    next -> send.send(request.method(), uri, upstreamHeaders, next), backend));
        }
        // Shared-proxy controls: rate limit, then cache lookup; a miss returns a sink that stores a whole 200.
        long estimatedTokens = compression.map(CompressionResult::tokensAfter).orElse(body.length / 4L);
        RequestControls.Outcome control = controls.before(request, route, backend, body, estimatedTokens, sink);
        if (control.answered()) {
            recordAnswered(requestId, backend, compression, control, started, capture);
            return;
        }
        sink = control.sink();
        double overheadMillis = (System.nanoTime() - started) / 1e6;
        UpstreamCaller.Exchange exchange;
        try {
            exchange = send.send(request.method(), uri, upstreamHeaders, body);
        } catch (UpstreamFailure e) {
            LOG.log(System.Logger.Level.WARNING, requestId + " upstream failure: " + e.getMessage());
            error(sink, backend, e.status, e.status == 504 ? "timeout_error" : "api_error", e.getMessage());
            record(requestId, backend, clientBody, compression, shaped, passReasons, Usage.NONE, e.status, started, overheadMillis, 0, capture,
                    holdout);
            return;
        }
        double ttfbMillis = (System.nanoTime() - started) / 1e6;
        Optional<CompressionResult> compressed = compression;
        Usage usage;
        try (exchange) {
            Headers headers = responseHeaders(exchange, compression, shaped);
            int status = exchange.status();
            boolean eventStream = exchange.eventStream() || GeminiExchange.streamsJsonArray(request, status)
                    || (route.provider() == Provider.BEDROCK && BedrockPassthrough.streams(exchange));
            if (retrieval.isPresent() && status == 200) {
                usage = eventStream ? retrieval.get().relayStream(exchange, status, headers, sink)
                        : retrieval.get().relayWhole(exchange, sink, ex -> responseHeaders(ex, compressed, shapedTransforms));
            } else {
                usage = eventStream ? relayStream(exchange.body(), status, headers, sink, backend)
                        : relayWhole(exchange.body(), status, headers, sink, backend);
                if (send instanceof BedrockPassthrough bedrockSend) { // the binary stream's usage, read from its copy
                    usage = bedrockSend.streamUsage().orElse(usage);
                }
            }
        }
        record(requestId, backend, clientBody, compression, shaped, passReasons, usage, exchange.status(), started, overheadMillis,
                ttfbMillis, capture, holdout);
    }

    private CompressionResult compress(ProxyRequest request, byte[] body, CompressOptions options) {
        if (config.mode() == Mode.CACHE) {
            return sessions.compress(engine, request.headers(), body, options);
        }
        return engine.compress(body, options);
    }

    private static boolean bypassed(ProxyRequest request) {
        return request.headers().first("x-headroom-bypass").map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
    }

    private static boolean looksMalformed(byte[] body) {
        try {
            JsonCodec.parse(body);
            return false;
        } catch (MalformedRequestException e) {
            return true;
        }
    }

    private static Headers responseHeaders(UpstreamCaller.Exchange exchange, Optional<CompressionResult> compression,
                                           List<String> shaped) {
        Headers.Builder b = HeaderPolicy.downstream(exchange.headers()).toBuilder();
        List<String> transforms = new java.util.ArrayList<>();
        compression.filter(CompressionResult::changed).ifPresent(c -> {
            b.set("x-headroom-tokens-before", Long.toString(c.tokensBefore()));
            b.set("x-headroom-tokens-after", Long.toString(c.tokensAfter()));
            transforms.addAll(c.transforms());
        });
        transforms.addAll(shaped);
        if (!transforms.isEmpty()) {
            b.set("x-headroom-transforms", String.join(",", transforms));
        }
        return b.build();
    }

    private Usage relayWhole(InputStream in, int status, Headers headers, ResponseSink sink, Backend backend)
            throws IOException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            error(sink, backend, 502, "api_error", "upstream response was cut off");
            return Usage.NONE;
        }
        if (bytes.length == 0 && status == 200) {
            error(sink, backend, 502, "api_error", "upstream answered 200 with an empty body");
            return Usage.NONE;
        }
        sink.respond(status, headers, bytes);
        try {
            JsonNode json = JsonCodec.parse(bytes);
            return backend.usageFromResponse(json).orElse(Usage.NONE);
        } catch (RuntimeException e) {
            return Usage.NONE;
        }
    }

    private Usage relayStream(InputStream in, int status, Headers headers, ResponseSink sink, Backend backend)
            throws IOException {
        SseUsageTap tap = new SseUsageTap();
        OutputStream out = sink.stream(status, headers);
        byte[] buffer = new byte[8192];
        try {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    out.write(StreamErrors.event(backend, "upstream stream was cut off").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    break;
                }
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
                tap.accept(buffer, n); // usage is read on the side, after the bytes went on
            }
        } finally {
            out.close();
        }
        return tap.usage();
    }

    private void record(String requestId, Backend backend, byte[] clientBody, Optional<CompressionResult> compression,
                        List<String> shaped, Map<String, Integer> passReasons, Usage usage, int status, long started, double overheadMillis, double ttfbMillis,
                        MessageCapture capture, RequestRecord.Holdout holdout) {
        long before = compression.map(CompressionResult::tokensBefore).orElse(0L);
        long after = compression.map(CompressionResult::tokensAfter).orElse(0L);
        List<String> transforms = new java.util.ArrayList<>(compression.map(CompressionResult::transforms).orElse(List.of()));
        transforms.addAll(shaped); // the output shaper's steps, after compression's
        Map<String, Integer> reasons = compression.map(CompressionResult::reasonCounts).orElse(passReasons);
        if (holdout != null && holdout.control()) { // the output shaper left this turn alone on purpose
            reasons = new java.util.TreeMap<>(reasons);
            reasons.merge(dev.headroom.shaper.OutputHoldout.CONTROL_REASON, 1, Integer::sum);
        }
        String model = compression.map(CompressionResult::model).orElse("");
        Map<String, Long> savedByTransform = new java.util.TreeMap<>();
        compression.ifPresent(c -> c.units().stream().filter(u -> u.compressed())
                .forEach(u -> savedByTransform.merge(u.transform(), (long) u.tokensBefore() - u.tokensAfter(), Long::sum)));
        budget.charge(model, clientBody, usage); // first, so that /stats shows the spend once the record is in
        stats.record(new RequestRecord(requestId, backend.name(), model, before, after, usage, status,
                (System.nanoTime() - started) / 1e6, overheadMillis, transforms, reasons, false, ttfbMillis,
                savedByTransform, capture.messages(), holdout));
    }

    /** A request the controls answered (429 or a cache hit): no upstream usage, no savings, the model kept. */
    private void recordAnswered(String requestId, Backend backend, Optional<CompressionResult> compression,
                                RequestControls.Outcome control, long started, MessageCapture capture) {
        double millis = (System.nanoTime() - started) / 1e6;
        stats.record(new RequestRecord(requestId, backend.name(), compression.map(CompressionResult::model).orElse(""),
                0, 0, Usage.NONE, control.status(), millis, millis, List.of(), Map.of(), control.cached(), 0, Map.of(),
                capture.messages()));
    }

    /** Answers with the proxy's own error before (or instead of) forwarding, and counts it: no tokens, no model. */
    private void refuse(String requestId, ResponseSink sink, Backend backend, int status, String type, String message,
                        long started, MessageCapture capture) throws IOException {
        error(sink, backend, status, type, message);
        double millis = (System.nanoTime() - started) / 1e6;
        stats.record(new RequestRecord(requestId, backend.name(), "", 0, 0, Usage.NONE, status,
                millis, millis, List.of(), Map.of(), false, 0, Map.of(), capture.messages()));
    }

    private static void error(ResponseSink sink, Backend backend, int status, String type, String message)
            throws IOException {
        byte[] body = backend.errorBody(status, type, message).getBytes(StandardCharsets.UTF_8);
        sink.respond(status, Headers.builder().add("content-type", "application/json").build(), body);
    }
}
