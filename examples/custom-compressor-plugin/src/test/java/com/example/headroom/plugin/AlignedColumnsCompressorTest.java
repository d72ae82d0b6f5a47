package com.example.headroom.plugin;

import dev.headroom.spi.Compressor;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.CompressorContract;
import dev.headroom.testkit.TestContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlignedColumnsCompressorTest extends CompressorContract {

    static String kubectlPods(int n) {
        StringBuilder sb = new StringBuilder("NAME                                READY   STATUS             RESTARTS   AGE\n");
        for (int i = 0; i < n; i++) {
            String status = i == n / 2 ? "CrashLoopBackOff" : "Running";
            sb.append(String.format("%-35s %-7s %-18s %-10d %s%n", "payment-" + i + "-7d9f8c6b5-x2kq" + i, "1/1", status, i % 3, "4d"));
        }
        return sb.toString();
    }

    @Override
    protected Compressor newCompressor() {
        return new AlignedColumnsCompressor();
    }

    @Override
    protected List<ContentUnit> samples() {
        return List.of(ContentUnit.of(kubectlPods(120), ContentType.TEXT), ContentUnit.of("plain words only", ContentType.PROSE));
    }

    @Test
    void keepsEveryCellIncludingTheCrashingPod() {
        String table = kubectlPods(40);
        String out = new AlignedColumnsCompressor().compress(ContentUnit.of(table, ContentType.TEXT), TestContext.standard()).text();
        assertThat(out).contains("payment-20-7d9f8c6b5-x2kq20\t1/1\tCrashLoopBackOff\t2\t4d");
        assertThat(out.lines().count()).isEqualTo(table.lines().count());
    }
}
