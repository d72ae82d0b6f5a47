package com.example.headroom.sink;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One CSV line per request, for a spreadsheet: request id, provider, model, status, Headroom's token counts
 * before and after compression, and the provider-reported input and output tokens. A new file starts with a
 * header line. Lines are written whole and flushed one at a time, so it is thread-safe; a write failure is
 * reported once and requests go on.
 */
public final class CsvRequestLog implements StatsSink, AutoCloseable {
    /** The header line. */
    public static final String HEADER = "request_id,provider,model,status,tokens_before,tokens_after,input_tokens,output_tokens";
    private static final System.Logger LOG = System.getLogger("com.example.headroom.sink");

    private final BufferedWriter out;
    private boolean failed;

    /** Opens {@code file} for appending, creating it (with the header) and its directory when missing. */
    public CsvRequestLog(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = Files.notExists(file) || Files.size(file) == 0;
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (fresh) {
                out.write(HEADER + "\n");
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the CSV request log " + file + ": " + e, e);
        }
    }

    @Override
    public String name() {
        return "csv-log";
    }

    @Override
    public void record(RequestRecord r) {
        String line = String.join(",", List.of(field(r.requestId()), field(r.provider()), field(r.model()),
                Integer.toString(r.status()), Long.toString(r.tokensBefore()), Long.toString(r.tokensAfter()),
                Long.toString(r.usage().inputTokens()), Long.toString(r.usage().outputTokens())));
        synchronized (this) {
            try {
                out.write(line + "\n");
                out.flush();
            } catch (IOException e) {
                if (!failed) {
                    failed = true;
                    LOG.log(System.Logger.Level.WARNING, "CSV request log: " + e);
                }
            }
        }
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "CSV request log: " + e);
        }
    }
}
