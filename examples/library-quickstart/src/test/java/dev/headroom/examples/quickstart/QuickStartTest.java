package dev.headroom.examples.quickstart;

import dev.headroom.core.CompressionResult;
import dev.headroom.core.Headroom;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QuickStartTest {

    @Test
    void printsSavingsAndKeepsTheFailingCharge() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompressionResult result = QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("tokens before:").contains("saved:");
        assertThat(result.savingsRatio()).isGreaterThan(0.5);
        assertThat(result.json()).contains("charge failed: card_declined for order 88231");
        for (String hash : result.retainedHashes()) {
            assertThat(Headroom.defaultEngine().retrieve(hash)).isPresent();
        }
    }
}
