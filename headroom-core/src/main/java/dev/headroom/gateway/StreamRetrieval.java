package dev.headroom.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.spi.Backend;
import dev.headroom.spi.Usage;
import dev.headroom.wire.JsonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves {@code headroom_retrieve} inside a streaming answer: a format-specific {@link Rewriter} relays the
 * upstream events as they arrive while withholding the retrieve calls; when a round ends with retrieve
 * calls only, the continuation is requested upstream (streaming) and its events are spliced into the same
 * client stream, at most {@link WholeRetrieval#MAX_ROUNDS} times. A failed continuation ends the client
 * stream with the provider's error event.
 */
final class StreamRetrieval {

    /** Rewrites one upstream round of events onto the client stream. */
    interface Rewriter {
        /**
         * Relays one round. Returns the continued request when the round ended with retrieve calls only and
         * {@code mayContinue}; then the round's closing events were withheld. Returns empty when the client
         * stream is complete (or the upstream stream was cut: see {@link SseEventReader#cut()}).
         */
        Optional<byte[]> relayRound(SseEventReader in, SseOutput out, boolean mayContinue) throws IOException;

        /** The usage of the rounds that ended in a continuation, summed, in the provider's shape. */
        JsonNode continuedUsage();

        /** The field of a whole answer that {@link #continuedUsage()} would sit in ({@code usage} by default). */
        default String usageField() {
            return "usage";
        }
    }

    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final Rewriter rewriter;
    private final WholeRetrieval.Upstream upstream;
    private final Backend backend;

    StreamRetrieval(Rewriter rewriter, WholeRetrieval.Upstream upstream, Backend backend) {
        this.rewriter = rewriter;
        this.upstream = upstream;
        this.backend = backend;
    }

    /** Streams the answer of {@code first} and its continuations to {@code sink}; returns the usage the client saw. */
    Usage relay(UpstreamCaller.Exchange first, int status, Headers headers, ResponseSink sink)
            throws IOException, InterruptedException {
        OutputStream stream = sink.stream(status, headers);
        SseOutput out = new SseOutput(stream);
        UpstreamCaller.Exchange exchange = first;
        boolean continuationFailed = false;
        try {
            for (int round = 0; ; round++) {
                SseEventReader reader = new SseEventReader(exchange.body());
                Optional<byte[]> next = rewriter.relayRound(reader, out, round < WholeRetrieval.MAX_ROUNDS);
                if (reader.cut()) {
                    out.error(backend, "upstream stream was cut off");
                    continuationFailed = round > 0;
                    break;
                }
                if (next.isEmpty()) {
                    break;
                }
                exchange.close();
                try {
                    exchange = upstream.send(next.get());
                } catch (UpstreamFailure e) {
                    out.error(backend, "retrieving omitted content failed: " + e.getMessage());
                    continuationFailed = true;
                    break;
                }
                if (exchange.status() != 200 || !exchange.eventStream()) {
                    failedContinuation(exchange, out);
                    continuationFailed = true;
                    break;
                }
            }
        } finally {
            exchange.close();
            stream.close();
        }
        // The client never saw the usage of rounds that were continued; the provider billed them all the same.
        return continuationFailed ? billed(rewriter.continuedUsage()) : out.usage();
    }

    private Usage billed(JsonNode usage) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.set(rewriter.usageField(), usage.deepCopy());
        return backend.usageFromResponse(response).orElse(Usage.NONE);
    }

    /** Ends the client stream with the continuation's own error body when it is one, else a generic error. */
    private void failedContinuation(UpstreamCaller.Exchange exchange, SseOutput out) throws IOException {
        int status = exchange.status();
        JsonNode body = null;
        try (InputStream in = exchange.body()) {
            body = JsonCodec.parse(in.readNBytes(MAX_ERROR_BYTES));
        } catch (IOException | RuntimeException e) {
            // fall back to the generic error below
        }
        if (body != null && body.isObject() && body.path("error").isObject()) {
            String name = StreamErrors.namedEvents(backend) ? "event: error\n" : "";
            out.raw((name + "data: " + JsonCodec.write(body) + "\n\n").getBytes(StandardCharsets.UTF_8));
        } else {
            out.error(backend, "upstream answered " + status + " while retrieving omitted content");
        }
    }
}
