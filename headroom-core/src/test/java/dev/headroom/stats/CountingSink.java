package dev.headroom.stats;

import dev.headroom.spi.RequestRecord;
import dev.headroom.spi.StatsSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that needs no settings, listed directly as a {@code StatsSink} provider in {@code discovery/sinks}. */
public final class CountingSink implements StatsSink {
    private final List<String> ids = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public void record(RequestRecord record) {
        ids.add(record.requestId());
    }

    /** The request ids received, in order. */
    public List<String> ids() {
        return List.copyOf(ids);
    }
}
