package dev.headroom.tokens;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FamilyCountersTest {
    private static final String TEXT = "2026-12-07T10:37:30Z ERROR orders-api payment declined for order 81723 (card_expired)";

    @Test
    void makesAFamilysCounterOnlyWhenItIsAskedFor() {
        FamilyCounters counters = new FamilyCounters(8_192);
        assertThat(counters.loaded(TokenizerFamily.CL100K)).isFalse();
        assertThat(counters.loaded(TokenizerFamily.O200K)).isFalse();

        counters.get(TokenizerFamily.CL100K);

        assertThat(counters.loaded(TokenizerFamily.CL100K)).isTrue();
        assertThat(counters.loaded(TokenizerFamily.O200K)).isFalse();
    }

    @Test
    void countsAsTheFamilysTokenizerDoes() {
        FamilyCounters counters = new FamilyCounters(0);
        for (TokenizerFamily family : TokenizerFamily.values()) {
            assertThat(counters.get(family).count(TEXT)).as(family.name())
                    .isEqualTo(JtokkitTokenCounter.of(family).count(TEXT));
            assertThat(counters.get(family).encodingName()).isEqualTo(family.encoding().getName());
        }
    }

    @Test
    void givesEveryThreadTheSameCounter() throws Exception {
        FamilyCounters counters = new FamilyCounters(16);
        List<TokenCounter> seen = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    seen.add(counters.get(TokenizerFamily.O200K));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).hasSize(8).allSatisfy(c -> assertThat(c).isSameAs(counters.get(TokenizerFamily.O200K)));
    }

    @Test
    void refusesANegativeMemo() {
        assertThatThrownBy(() -> new FamilyCounters(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
