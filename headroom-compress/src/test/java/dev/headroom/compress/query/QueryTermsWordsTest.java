package dev.headroom.compress.query;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTermsWordsTest {

    @Test
    void namesWholeIdentifiersInsideCompoundTerms() {
        QueryTerms terms = QueryTerms.of("Why was retryBudgetMillis added to the rate-limiter?");

        assertThat(terms.terms()).containsExactly("retrybudgetmillis", "rate-limiter", "added");
        assertThat(terms.names("RetryBudgetMillis")).isTrue();
        assertThat(terms.names("limiter")).isTrue();
        assertThat(terms.names("retry")).isFalse();
    }

    @Test
    void scoresDistinctWordStems() {
        QueryTerms terms = QueryTerms.of("rate-limiter retries");

        assertThat(terms.score("class RateLimiter { void retry() {} }")).isEqualTo(3);
        assertThat(terms.score("nothing relevant")).isZero();
        assertThat(terms.indexIn("a LIMITER then a rate")).isEqualTo(2);
        assertThat(terms.indexIn("nothing relevant")).isEqualTo(-1);
    }

    @Test
    void matchMaskFollowsTheOrderOfTerms() {
        QueryTerms terms = QueryTerms.of("invoice-export slow");

        assertThat(terms.terms()).containsExactly("invoice-export", "slow");
        assertThat(terms.matchMask("Invoice-Export took 12s")).isEqualTo(1L);
        assertThat(terms.matchMask("slow invoice-export")).isEqualTo(3L);
        assertThat(terms.matchMask(null)).isZero();
    }

    @Test
    void anEmptyOrStopWordQueryHasNoTerms() {
        assertThat(QueryTerms.of(null).isEmpty()).isTrue();
        assertThat(QueryTerms.of("  ").isEmpty()).isTrue();
        assertThat(QueryTerms.of("why did the build fail?").isEmpty()).isTrue();
        assertThat(QueryTerms.of("").matches("anything")).isFalse();
    }

    @Test
    void aLongQuestionKeepsCamelCaseIdentifiers() {
        String question = "alpha bravo charlie delta echo foxtrot golfing hotel india juliet kilo lima mike "
                + "november oscar papa quebec romeo passwordHash";

        assertThat(QueryTerms.of(question).terms()).hasSize(QueryTerms.MAX_TERMS).startsWith("passwordhash");
    }
}
