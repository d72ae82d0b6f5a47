package dev.headroom.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;
import dev.headroom.wire.JsonCodec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The request log ({@code headroom proxy --log-file PATH}): one JSON line per request, appended to a file.
 *
 * <p>A line holds {@code id}, {@code time} (ISO-8601, UTC), {@code provider}, {@code model},
 * {@code tokens_before}, {@code tokens_after}, {@code tokens_saved}, {@code input_tokens},
 * {@code output_tokens}, {@code cache_read_tokens}, {@code cache_write_tokens}, {@code latency_ms},
 * {@code overhead_ms}, {@code ttfb_ms}, {@code transforms}, {@code cached} and {@code status}, in that order.
 * It is built from the {@link RequestRecord} alone, which carries no API key or header, so none can reach the
 * log. Message content appears only when the record carries it ({@code --log-messages}, see
 * {@link RequestRecord#messages()}): then {@code messages} follows, with {@code request} (the client's body,
 * as a nested JSON value when it parses, else a string) and {@code response} (the whole answer the same way,
 * or null for a streamed one).
 *
 * <p>Thread-safe: lines are written whole, one at a time, and flushed to the operating system after each
 * (no fsync). A write failure is reported once and the request goes on.
 */
public final class JsonLinesRequestLog implements StatsSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.headroom");
    private final Path file;
    private final Clock clock;
    private final BufferedWriter out;
    private boolean failed;

    /** Opens {@code file} for appending, creating it and its parent directories when missing. */
    public JsonLinesRequestLog(Path file) throws IOException {
        this(file, Clock.systemUTC());
    }

    public JsonLinesRequestLog(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** The file written to. */
    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return "request-log";
    }

    @Override
    public void record(RequestRecord r) {
        String line = JsonCodec.write(line(r));
        synchronized (this) {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                if (!failed) {
                    failed = true;
                    LOG.log(System.Logger.Level.WARNING, "request log " + file + " could not be written: " + e);
                }
            }
        }
    }

    private ObjectNode line(RequestRecord r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", r.requestId());
        o.put("time", clock.instant().toString());
        o.put("provider", r.provider());
        o.put("model", r.model());
        o.put("tokens_before", r.tokensBefore());
        o.put("tokens_after", r.tokensAfter());
        o.put("tokens_saved", r.tokensSaved());
        o.put("input_tokens", r.usage().inputTokens());
        o.put("output_tokens", r.usage().outputTokens());
        o.put("cache_read_tokens", r.usage().cacheReadTokens());
        o.put("cache_write_tokens", r.usage().cacheWriteTokens());
        o.put("latency_ms", millis(r.latencyMillis()));
        o.put("overhead_ms", millis(r.overheadMillis()));
        o.put("ttfb_ms", millis(r.ttfbMillis()));
        ArrayNode transforms = o.putArray("transforms");
        r.transforms().forEach(transforms::add);
        o.put("cached", r.cached());
        o.put("status", r.status());
        if (r.holdout() != null) { // the output shaper's holdout: arm and stratum, for analysis offline
            ObjectNode h = o.putObject("holdout");
            h.put("arm", r.holdout().arm());
            h.put("model_family", r.holdout().modelFamily());
            h.put("turn_kind", r.holdout().turnKind());
        }
        if (r.messages() != null) {
            ObjectNode messages = o.putObject("messages");
            messages.set("request", body(r.messages().request()));
            messages.set("response", r.messages().response() == null ? JsonNodeFactory.instance.nullNode()
                    : body(r.messages().response()));
        }
        return o;
    }

    /** A body as logged: its JSON tree when it is JSON, else the text itself. */
    private static JsonNode body(String text) {
        try {
            return JsonCodec.parse(text);
        } catch (RuntimeException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    private static BigDecimal millis(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
