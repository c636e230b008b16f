package org.carechat.application.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void a_full_bucket_lets_the_burst_through_then_says_when_the_next_token_comes() {
        TokenBucket bucket = new TokenBucket(20, 40, T0);

        for (int i = 0; i < 40; i++) {
            assertThat(bucket.tryTake(T0)).as("frame %d", i).isZero();
        }

        assertThat(bucket.tryTake(T0)).isEqualTo(50);
        assertThat(bucket.tryTake(T0.plusMillis(20))).isEqualTo(30);
    }

    @Test
    void waiting_exactly_the_advertised_time_always_yields_a_token() {
        for (int rate : new int[] {1, 3, 7, 20, 333, 1000, 5000}) {
            TokenBucket bucket = new TokenBucket(rate, 1, T0);
            Instant now = T0;
            assertThat(bucket.tryTake(now)).isZero();
            for (int round = 0; round < 50; round++) {
                long wait = bucket.tryTake(now);
                assertThat(wait).as("rate %d", rate).isPositive();
                now = now.plusMillis(wait);
                assertThat(bucket.tryTake(now)).as("rate %d after %d ms", rate, wait).isZero();
            }
        }
    }

    @Test
    void tokens_come_back_at_the_rate_and_never_beyond_the_burst() {
        TokenBucket bucket = new TokenBucket(20, 40, T0);
        for (int i = 0; i < 40; i++) {
            bucket.tryTake(T0);
        }

        Instant later = T0.plusMillis(500);
        int refilled = 0;
        while (refilled < 1000 && bucket.tryTake(later) == 0) {
            refilled++;
        }
        assertThat(refilled).isEqualTo(10);

        Instant muchLater = later.plus(Duration.ofDays(3650));
        int afterIdle = 0;
        while (afterIdle < 1000 && bucket.tryTake(muchLater) == 0) {
            afterIdle++;
        }
        assertThat(afterIdle).isEqualTo(40);
    }

    @Test
    void a_clock_that_steps_back_refills_nothing() {
        TokenBucket bucket = new TokenBucket(20, 1, T0);
        bucket.tryTake(T0);

        assertThat(bucket.tryTake(T0.minusSeconds(60))).isPositive();
        assertThat(bucket.tryTake(T0.plusMillis(49))).isEqualTo(1);
        assertThat(bucket.tryTake(T0.plusMillis(50))).isZero();
    }

    @Test
    void rate_and_burst_must_be_positive() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
