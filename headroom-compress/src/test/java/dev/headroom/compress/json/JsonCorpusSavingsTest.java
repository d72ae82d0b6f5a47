package dev.headroom.compress.json;

import dev.headroom.spi.CompressorResult;
import dev.headroom.spi.ContentType;
import dev.headroom.spi.ContentUnit;
import dev.headroom.testkit.Corpus;
import dev.headroom.testkit.TestContext;
import dev.headroom.tokens.JtokkitTokenCounter;
import dev.headroom.tokens.TokenCounter;
import dev.headroom.tokens.TokenizerFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Savings on the real JSON corpus (cl100k tokens, whole file as one tool output, default settings), with
 * floors a little under what is achieved so that a regression fails; lossless floors beside them.
 */
class JsonCorpusSavingsTest {
    private static final TokenCounter TOKENS = JtokkitTokenCounter.of(TokenizerFamily.CL100K);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "json/github-issues-list-page.json,     0.72, 0.50",
        "json/github-search-issues.json,        0.62, 0.28",
        "json/grype-vuln-report.json,           0.74, 0.17",
        "json/k8s-kubelet-stats-summary.json,   0.71, 0.37",
        "json/k8s-podlist-kubelet.json,         0.74, 0.28",
        "json/npm-audit.json,                   0.74, 0.32",
        "json/prometheus-range-query.json,      0.88, 0.55",
        "json/prometheus-rules.json,            0.74, 0.28",
        "json/pypi-pyyaml-3.13.json,            0.72, 0.29",
        "json/sonarqube-api-issues.json,        0.74, 0.47",
        "logs/k8s-fraud-service-pino-json.log,  0.95, 0.50"})
    void savesMostTokensOfEachCorpusFile(String file, double lossyFloor, double losslessFloor) {
        String text = Corpus.read(file);
        ContentType type = file.startsWith("logs/") ? ContentType.LOG : ContentType.JSON;
        double lossy = savings(text, type, TestContext.standard());
        double lossless = savings(text, type, TestContext.standard().withLossless(true));
        System.out.printf(Locale.ROOT, "%-40s tokens %6d  saved lossy %5.1f%%  lossless %5.1f%%%n", file,
                TOKENS.count(text), lossy * 100, lossless * 100);

        assertThat(lossy).as("lossy savings of %s", file).isGreaterThanOrEqualTo(lossyFloor);
        assertThat(lossless).as("lossless savings of %s", file).isGreaterThanOrEqualTo(losslessFloor);
    }

    private static double savings(String text, ContentType type, TestContext context) {
        CompressorResult result = new SmartCrusher().compress(ContentUnit.of(text, type), context);
        if (result.isDeclined()) {
            return 0;
        }
        int before = TOKENS.count(text);
        return (before - TOKENS.count(result.text())) / (double) before;
    }
}
