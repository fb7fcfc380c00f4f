package io.github.meddistill.teachers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void should_hold_callers_to_the_rate_when_they_ask_for_more_than_the_burst() throws InterruptedException {
        // 6,000 per minute = 100 per second, burst of 100
        RateLimiter limiter = new RateLimiter(6_000);
        long started = System.nanoTime();
        for (int i = 0; i < 150; i++) {
            limiter.acquire(1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(seconds).isGreaterThanOrEqualTo(0.45).isLessThan(3.0);
    }

    @Test
    void should_let_a_request_larger_than_the_bucket_pass_after_waiting_for_its_debt() throws InterruptedException {
        RateLimiter tokens = new RateLimiter(60_000); // 1,000 per second
        long started = System.nanoTime();
        tokens.acquire(1_500);
        tokens.acquire(1);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(seconds).isGreaterThanOrEqualTo(0.45).isLessThan(3.0);
    }

    @Test
    void should_reject_a_limit_below_one() {
        assertThatThrownBy(() -> new RateLimiter(0)).hasMessageContaining("positive");
    }
}
