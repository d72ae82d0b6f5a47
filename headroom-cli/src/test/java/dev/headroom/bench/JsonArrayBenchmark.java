package dev.headroom.bench;

import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Compressing one JSON array tool output of 100, 1,000 and 10,000 items, from scratch (memo off). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JsonArrayBenchmark {
    @Param({"100", "1000", "10000"})
    int items;

    private HeadroomEngine cold;
    private String json;

    @Setup
    public void setUp() {
        cold = Headroom.builder().memoEntries(0).build();
        json = BenchInputs.jsonArray(items);
    }

    @Benchmark
    public Object jsonArrayCold() {
        return cold.compressText(json, "Bash", "", "claude-sonnet-4-5");
    }
}
