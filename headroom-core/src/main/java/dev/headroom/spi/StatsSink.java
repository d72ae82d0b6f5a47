package dev.headroom.spi;

/**
 * Receives one {@link RequestRecord} per completed request: in-memory aggregation, Prometheus metrics, a
 * JSON-lines request log and the SQLite savings history are sinks.
 *
 * <h2>Discovery</h2>
 * Listed in {@code META-INF/services/dev.headroom.spi.StatsSink}. Every discovered sink receives every
 * record; having none is fine. A sink that throws is reported and never breaks the request
 * ({@link dev.headroom.stats.CompositeStatsSink}).
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
