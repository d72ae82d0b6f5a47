package dev.headroom.compress.log;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Savings on the real log corpus (cl100k tokens, whole file as one tool output); floors a bit under what is achieved. */
class LogCorpusSavingsTest {

    @ParameterizedTest
    @CsvSource({
        "logs/apache-access-combined.log, 0.93",
        "logs/k8s-dns-client-errors.log, 0.93",
        "logs/k8s-invoices-app-kafka.log, 0.97",
        "logs/k8s-multiservice-errors.log, 0.93",
        "logs/k8s-sockshop-catalogue.log, 0.90"})
    void savesMostTokensOfEachCorpusLog(String file, double floor) {
        CorpusSavings.assertSaves(file, new LogCompressor(), floor);
    }
}
