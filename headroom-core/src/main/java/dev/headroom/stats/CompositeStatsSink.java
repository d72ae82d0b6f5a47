package dev.headroom.stats;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;

import java.util.List;

/**
 * Fans one record out to every sink. A sink that throws is reported and skipped for that record; it never
 * breaks the request or the other sinks. {@link StatsSinks#composite()} builds one from the discovered sinks.
 */
public final class CompositeStatsSink implements StatsSink {
    private static final System.Logger LOG = System.getLogger("dev.headroom");
    private final List<StatsSink> sinks;

    public CompositeStatsSink(List<StatsSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public List<StatsSink> sinks() {
        return sinks;
    }

    @Override
    public String name() {
        return "composite";
    }

    @Override
    public void record(RequestRecord record) {
        for (StatsSink sink : sinks) {
            try {
                sink.record(record);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "stats sink " + sink.name() + " failed: " + e);
            }
        }
    }
}
