package dev.headroom.cli;

import dev.headroom.bench.BenchInputs;
import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import dev.headroom.core.HeadroomEngine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool outputs of one request are compressed on several cores; the bytes that come out are the same on every
 * run, from fresh engines and from one engine serving several requests at once (DESIGN.md rule 5).
 */
class ParallelCompressionDeterminismTest {
    private static final byte[] REQUEST = BenchInputs.agentRequest().getBytes(StandardCharsets.UTF_8);

    @Test
    void sameRequestGivesTheSameBytesFromEveryFreshEngine() {
        CompressionResult first = cold().compress(REQUEST);

        assertThat(first.changed()).isTrue();
        assertThat(first.units().stream().filter(u -> u.compressed()).count()).isGreaterThanOrEqualTo(8);
        for (int i = 0; i < 3; i++) {
            CompressionResult again = cold().compress(REQUEST);
            assertThat(again.bytes()).isEqualTo(first.bytes());
            assertThat(again.units()).isEqualTo(first.units());
        }
    }

    @Test
    void concurrentRequestsOnOneEngineGiveTheSameBytesAsOneAlone() throws Exception {
        byte[] alone = cold().compress(REQUEST).bytes();
        HeadroomEngine shared = cold();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> shared.compress(REQUEST).bytes()));
            }
            for (Future<byte[]> f : results) {
                assertThat(f.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static HeadroomEngine cold() {
        return Headroom.builder().memoEntries(0).build();
    }
}
