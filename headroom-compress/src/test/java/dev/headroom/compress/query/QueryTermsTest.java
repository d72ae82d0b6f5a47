package dev.headroom.compress.query;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTermsTest {

    @Test
    void keepsDistinctiveWordsAndDropsCommonOnes() {
        QueryTerms terms = QueryTerms.of("Why is payment-service failing with error 502 since v2.3.1?");

        assertThat(terms.terms()).containsExactly("payment-service", "v2.3.1", "502", "since");
        assertThat(terms.matches("2025-06-20 [ERROR] Payment-Service timed out")).isTrue();
        assertThat(terms.matches("order-service ok")).isFalse();
    }

    @Test
    void keepsAtMostSixteenTermsOfALongQuestion() {
        StringBuilder question = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            question.append("word").append((char) ('a' + i % 26)).append((char) ('a' + i / 26 % 26)).append(' ');
        }

        assertThat(QueryTerms.of(question + " checkout-api").terms()).hasSize(16).startsWith("checkout-api");
    }

    @Test
    void ignoresTermsFoundOnMostLines() {
        List<String> lines = List.of("GET /health 200", "GET /health 200", "GET /health 200", "GET /cart 500");

        assertThat(QueryTerms.of("health of cart").selective(lines, 0.25).terms()).containsExactly("cart");
    }
}
