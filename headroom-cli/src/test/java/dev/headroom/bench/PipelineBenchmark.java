package dev.headroom.bench;

import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import dev.headroom.wire.JsonCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Speed of the compression path, single thread. "cold" engines remember nothing between calls (memo off),
 * so every call compresses and tokenizes from scratch; "warm" is the steady state of an agent resending
 * its conversation. {@code parseAndWriteBaseline} is Jackson reading and writing the same request: the
 * ratio to it is the machine-independent figure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PipelineBenchmark {
    private HeadroomEngine cold;
    private HeadroomEngine warm;
    private String log;
    private byte[] request;

    @Setup
    public void setUp() {
        cold = Headroom.builder().memoEntries(0).build();
        warm = Headroom.builder().build();
        log = BenchInputs.log(1 << 20);
        request = BenchInputs.agentRequest().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Object log1MbCold() {
        return cold.compressText(log, "Bash", "", "claude-sonnet-4-5");
    }

    @Benchmark
    public Object agentRequest100kCold() {
        return cold.compress(request, dev.headroom.core.CompressOptions.DEFAULT);
    }

    @Benchmark
    public Object agentRequest100kWarm() {
        return warm.compress(request, dev.headroom.core.CompressOptions.DEFAULT);
    }

    @Benchmark
    public Object parseAndWriteBaseline() {
        return JsonCodec.writeBytes(JsonCodec.parse(request));
    }
}
