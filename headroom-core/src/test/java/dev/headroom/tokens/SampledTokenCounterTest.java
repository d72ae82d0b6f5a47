package dev.headroom.tokens;

import dev.headroom.testkit.Corpus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SampledTokenCounterTest {
    private final TokenCounter exact = JtokkitTokenCounter.of(TokenizerFamily.CL100K);
    private final TokenCounter sampled = new SampledTokenCounter(exact);

    @Test
    void countsSmallTextsExactly() {
        String text = Corpus.read("logs/k8s-sockshop-catalogue.log");
        assertThat(sampled.count(text)).isEqualTo(exact.count(text));
    }

    @Test
    void estimatesEachLargeCorpusFileWithinFivePercentAndTheirSumWithinOne() {
        long exactSum = 0;
        long sampledSum = 0;
        for (String file : new String[] {"logs/apache-access-combined.log", "logs/k8s-invoices-app-kafka.log",
            "json/prometheus-rules.json", "build/maven-htmlunit-test-run.log", "logs/k8s-dns-client-errors.log",
            "json/k8s-kubelet-stats-summary.json", "markdown/ripgrep-GUIDE.md", "html/picocli-javadoc-Option.html",
            "logs/k8s-fraud-service-pino-json.log", "build/msbuild-solution.log"}) {
            String text = Corpus.read(file);
            assertThat(text.length()).isGreaterThan(SampledTokenCounter.EXACT_LIMIT);
            int e = exact.count(text);
            int s = sampled.count(text);
            assertThat((double) s / e).as(file).isCloseTo(1.0, within(0.05));
            exactSum += e;
            sampledSum += s;
        }
        assertThat((double) sampledSum / exactSum).as("all ten files").isCloseTo(1.0, within(0.01));
    }

    @Test
    void givesTheSameEstimateEveryTime() {
        String text = Corpus.read("logs/apache-access-combined.log");
        assertThat(sampled.count(text)).isEqualTo(sampled.count(text));
    }
}
