package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.retention.RetrieveToolHandler;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Serves {@code headroom_retrieve} for a complete (non-streaming) answer: while the model's only tool calls
 * are retrieve calls (at most {@link #MAX_ROUNDS} times), the calls are answered from the store, the
 * assistant turn and the results are appended to the request, and upstream is called again. The client
 * gets the final answer, without any retrieve call and with the usage of every round summed.
 */
final class WholeRetrieval {
    /** Continuation calls allowed per client request. */
    static final int MAX_ROUNDS = 3;

    /** Calls upstream again with a continued request. */
    interface Upstream {
        UpstreamCaller.Exchange send(byte[] body) throws UpstreamFailure, InterruptedException;
    }

    private final RetrieveCalls dialect;
    private final ServedTools handler;
    private final Upstream upstream;
    private final Backend backend;
    private final Function<UpstreamCaller.Exchange, Headers> headers;

    WholeRetrieval(RetrieveCalls dialect, ServedTools handler, Upstream upstream, Backend backend,
                   Function<UpstreamCaller.Exchange, Headers> headers) {
        this.dialect = dialect;
        this.handler = handler;
        this.upstream = upstream;
        this.backend = backend;
        this.headers = headers;
    }

    /** Relays the answer of {@code first} (and of any continuation) to {@code sink}; returns the usage. */
    Usage relay(ForwardedRequest request, UpstreamCaller.Exchange first, ResponseSink sink)
            throws IOException, InterruptedException {
        UpstreamCaller.Exchange exchange = first;
        ObjectNode earlierUsage = null;
        try {
            for (int round = 0; ; round++) {
                byte[] bytes;
                try {
                    bytes = exchange.body().readAllBytes();
                } catch (IOException e) {
                    error(sink, 502, "api_error", "upstream response was cut off");
                    return billed(earlierUsage);
                }
                int status = exchange.status();
                JsonNode answer = status == 200 ? parse(bytes) : null;
                if (answer == null) {
                    if (bytes.length == 0) {
                        error(sink, 502, "api_error", "upstream answered " + status + " with an empty body");
                    } else {
                        sink.respond(status, headers.apply(exchange), bytes);
                    }
                    return billed(earlierUsage);
                }
                List<JsonNode> calls = dialect.retrieveCalls(answer);
                if (calls.isEmpty() && earlierUsage == null) {
                    sink.respond(status, headers.apply(exchange), bytes);
                    return backend.usageFromResponse(answer).orElse(Usage.NONE);
                }
                if (!calls.isEmpty() && !dialect.hasClientCalls(answer) && dialect.continuable(answer)
                        && round < MAX_ROUNDS) {
                    dialect.continueWith(request.tree(), answer, answers(calls));
                    earlierUsage = earlierUsage == null ? JsonNodeFactory.instance.objectNode() : earlierUsage;
                    UsageSum.addInto(earlierUsage, answer.path(dialect.usageField()));
                    exchange.close();
                    try {
                        exchange = upstream.send(JsonCodec.writeBytes(request.tree()));
                    } catch (UpstreamFailure e) {
                        error(sink, e.status, e.status == 504 ? "timeout_error" : "api_error", e.getMessage());
                        return billed(earlierUsage);
                    }
                    continue;
                }
                ServedTools.applyAside(handler, calls); // withheld from the client: keep their side effects
                ObjectNode out = (ObjectNode) answer;
                dialect.strip(out);
                if (earlierUsage != null && out.path(dialect.usageField()).isObject()) {
                    UsageSum.addInto((ObjectNode) out.get(dialect.usageField()), earlierUsage);
                }
                sink.respond(status, headers.apply(exchange), JsonCodec.writeBytes(out));
                return backend.usageFromResponse(out).orElse(Usage.NONE);
            }
        } finally {
            exchange.close();
        }
    }

    /** What the rounds answered before a failure used (the provider bills them), or nothing. */
    private Usage billed(ObjectNode earlierUsage) {
        if (earlierUsage == null) {
            return Usage.NONE;
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set(dialect.usageField(), earlierUsage);
        return backend.usageFromResponse(response).orElse(Usage.NONE);
    }

    private List<RetrieveToolHandler.Answer> answers(List<JsonNode> calls) {
        List<RetrieveToolHandler.Answer> answers = new ArrayList<>();
        for (JsonNode call : calls) {
            handler.answer(call).ifPresent(answers::add);
        }
        return answers;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = JsonCodec.parse(bytes);
            return node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void error(ResponseSink sink, int status, String type, String message) throws IOException {
        byte[] body = backend.errorBody(status, type, message).getBytes(StandardCharsets.UTF_8);
        sink.respond(status, Headers.builder().add("content-type", "application/json").build(), body);
    }
}
