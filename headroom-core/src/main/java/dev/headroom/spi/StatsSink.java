package dev.headroom.spi;

/**
 * Receives one {@link RequestRecord} per completed request: in-memory aggregation, Prometheus metrics, a
 * JSON-lines request log and the SQLite savings history are sinks.
 *
 * <h2>Discovery</h2>
 * Found with {@link java.util.ServiceLoader} through {@link Providers}, as compressors are, in one of two
 * shapes: a sink that needs no settings lists itself in {@code META-INF/services/dev.headroom.spi.StatsSink}
 * (public no-argument constructor that does nothing expensive); a sink that needs settings (a file path, the
 * price table) lists a {@link StatsSinkFactory} instead, which is given the host's {@link StatsSinkSettings}.
 * The built-in sinks (in-memory aggregation, Prometheus, JSON-lines log, SQLite history) are factories.
 * {@link dev.headroom.stats.StatsSinks#open} finds both shapes.
 *
 * <h2>Selection</h2>
 * All of them: every sink receives every record, in the order of their names; having none is fine. A sink
 * that throws is reported and never breaks the request ({@link dev.headroom.stats.CompositeStatsSink}).
 *
 * <p>{@link #record} is called from request threads, concurrently: implementations must be thread-safe
 * and quick (hand slow work, such as disk writes, to a background thread).
 */
public interface StatsSink {

    /** A short stable name for reports, such as {@code "prometheus"}. */
    String name();

    /** Takes one record. Must not block for long. */
    void record(RequestRecord record);
}
