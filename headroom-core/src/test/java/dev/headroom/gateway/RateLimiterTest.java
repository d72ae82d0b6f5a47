package dev.headroom.gateway;

import dev.headroom.testkit.MutableClock;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock();

    private RateLimiter limiter(long rpm, long tpm, int maxKeys) {
        return new RateLimiter(new RateLimiter.Settings(true, rpm, tpm), clock, maxKeys);
    }

    @Test
    void refusesTheRequestThatCrossesTheRequestLimitWithTheTimeUntilOneRefills() {
        RateLimiter limiter = limiter(2, 1_000_000, 10);
        assertThat(limiter.tryAcquire("k", 10)).isEmpty();
        assertThat(limiter.tryAcquire("k", 10)).isEmpty();
        Optional<Duration> wait = limiter.tryAcquire("k", 10);
        assertThat(wait).contains(Duration.ofSeconds(30));
        assertThat(RateLimiter.retryAfterSeconds(wait.get())).isEqualTo(30);
    }

    @Test
    void admitsAgainOnceTheBucketRefilled() {
        RateLimiter limiter = limiter(2, 1_000_000, 10);
        limiter.tryAcquire("k", 1);
        limiter.tryAcquire("k", 1);
        clock.advance(Duration.ofSeconds(29));
        assertThat(limiter.tryAcquire("k", 1)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("k", 1)).isEmpty();
        assertThat(limiter.tryAcquire("k", 1)).isPresent();
        clock.advance(Duration.ofMinutes(5));
        assertThat(limiter.tryAcquire("k", 1)).isEmpty();
        assertThat(limiter.tryAcquire("k", 1)).isEmpty();
        assertThat(limiter.tryAcquire("k", 1)).isPresent();
    }

    @Test
    void enforcesTokensPerMinuteAndARefusalTakesNothingFromEitherBucket() {
        RateLimiter limiter = limiter(3, 1_000, 10);
        assertThat(limiter.tryAcquire("k", 800)).isEmpty();
        // 400 needed, 200 held: 200 tokens at 1,000 per minute take 12 s
        assertThat(limiter.tryAcquire("k", 400)).contains(Duration.ofSeconds(12));
        // the refused request did not use a request slot: two remain
        assertThat(limiter.tryAcquire("k", 100)).isEmpty();
        assertThat(limiter.tryAcquire("k", 100)).isEmpty();
        assertThat(limiter.tryAcquire("k", 0)).contains(Duration.ofSeconds(20));
    }

    @Test
    void roundsAPartialSecondUpInRetryAfter() {
        RateLimiter limiter = limiter(7, 1_000_000, 10);
        for (int i = 0; i < 7; i++) {
            assertThat(limiter.tryAcquire("k", 1)).isEmpty();
        }
        Duration wait = limiter.tryAcquire("k", 1).orElseThrow();
        assertThat(wait).isEqualTo(Duration.ofNanos(8_571_428_572L));
        assertThat(RateLimiter.retryAfterSeconds(wait)).isEqualTo(9);
    }

    @Test
    void aRequestLargerThanTheMinuteBudgetWaitsForAFullBucketInsteadOfNeverPassing() {
        RateLimiter limiter = limiter(100, 1_000, 10);
        assertThat(limiter.tryAcquire("k", 5_000)).isEmpty();
        assertThat(limiter.tryAcquire("k", 5_000)).contains(Duration.ofMinutes(1));
    }

    @Test
    void keepsSeparateBucketsPerCredential() {
        RateLimiter limiter = limiter(1, 1_000_000, 10);
        assertThat(limiter.tryAcquire("a", 1)).isEmpty();
        assertThat(limiter.tryAcquire("a", 1)).isPresent();
        assertThat(limiter.tryAcquire("b", 1)).isEmpty();
    }

    @Test
    void forgetsBucketsThatAreFullAgainAndBoundsTheKeysHeld() {
        RateLimiter limiter = limiter(10, 1_000_000, 3);
        limiter.tryAcquire("a", 1);
        limiter.tryAcquire("b", 1);
        limiter.tryAcquire("c", 1);
        limiter.tryAcquire("d", 1);
        assertThat(limiter.trackedKeys()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        limiter.tryAcquire("e", 1);
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void disabledAdmitsEverything() {
        RateLimiter limiter = new RateLimiter(RateLimiter.Settings.disabled(), clock, 10);
        for (int i = 0; i < 5_000; i++) {
            assertThat(limiter.tryAcquire("k", 10_000)).isEmpty();
        }
    }

    @Test
    void credentialHashNeverContainsTheKeyAndDiffersPerKey() {
        Headers a = Headers.builder().add("x-api-key", "sk-ant-api03-SECRET").build();
        Headers b = Headers.builder().add("x-api-key", "sk-ant-api03-OTHER").build();
        Headers bearer = Headers.builder().add("Authorization", "Bearer sk-ant-api03-SECRET").build();
        assertThat(CredentialHash.of(a)).hasSize(32).doesNotContain("SECRET").isEqualTo(CredentialHash.of(a));
        assertThat(CredentialHash.of(a)).isNotEqualTo(CredentialHash.of(b)).isNotEqualTo(CredentialHash.of(bearer));
    }

    @Test
    void sigV4RequestsOfOneAccessKeyShareAHashWhateverTheirSignature() {
        Headers first = Headers.builder().add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/us-west-2/"
                + "bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7").build();
        Headers second = Headers.builder().add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261208/us-east-1/"
                + "bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000").build();
        Headers other = Headers.builder().add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDOTHER/20261207/us-west-2/"
                + "bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7").build();
        assertThat(CredentialHash.of(first)).isEqualTo(CredentialHash.of(second)).isNotEqualTo(CredentialHash.of(other));
        assertThat(CredentialHash.signer("Bearer sk-x")).isEqualTo("Bearer sk-x");
    }

    @Test
    void sharedBucketsDecideWhileReachableAndTheProcesssOwnTakeOverWhenNot() {
        boolean[] down = {false};
        int[] calls = {0};
        SharedRateLimit shared = (key, rpm, tpm, tokens) -> {
            calls[0]++;
            if (down[0]) {
                throw new IllegalStateException("unreachable");
            }
            return Optional.of(Duration.ofSeconds(7)); // the fleet's bucket is empty
        };
        RateLimiter limiter = new RateLimiter(new RateLimiter.Settings(true, 1, 1_000_000).withShared(Optional.of(shared)),
                clock, 10);
        assertThat(limiter.tryAcquire("k", 1)).contains(Duration.ofSeconds(7));
        assertThat(limiter.trackedKeys()).as("no local bucket while the shared one decides").isZero();
        down[0] = true;
        assertThat(limiter.tryAcquire("k", 1)).as("own bucket: full").isEmpty();
        assertThat(limiter.tryAcquire("k", 1)).as("own bucket: 1 per minute").isPresent();
        assertThat(calls[0]).isEqualTo(3);
    }
}
