package io.github.meddistill.teachers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.github.meddistill.core.TokenUsage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    @Test
    void should_price_snapshots_by_their_longest_family_prefix() {
        PriceTable table = PriceTable.defaults();
        assertThat(table.find("gpt-4o-2024-08-06")).contains(new Price(2.50, 1.25, 10.00));
        assertThat(table.find("gpt-4o-mini-2024-07-18")).contains(new Price(0.15, 0.075, 0.60));
        assertThat(table.find("models/gemini-2.0-flash-001")).contains(new Price(0.10, 0.025, 0.40));
        assertThat(table.find("o1-mini-2024-09-12")).contains(new Price(1.10, 0.55, 4.40));
        assertThat(table.find("gemini-1.5-flash")).isPresent();
        assertThat(table.find("gemini-2.5-flash")).isPresent();
        assertThat(table.find("o3-mini")).isPresent();
        assertThat(table.find("llama3")).isEmpty();
    }

    @Test
    void should_use_the_override_when_user_sets_a_price() {
        PriceTable table = PriceTable.defaults().with("GPT-4o", new Price(1, 0.5, 4));
        assertThat(table.find("gpt-4o-2024-11-20")).contains(new Price(1, 0.5, 4));
        assertThat(PriceTable.defaults().find("gpt-4o")).contains(new Price(2.50, 1.25, 10.00));
    }

    @Test
    void should_bill_cached_input_at_its_rate_and_reasoning_as_output() {
        Price price = new Price(2.0, 1.0, 8.0);
        TokenUsage usage = new TokenUsage(1_000_000, 250_000, 500_000, 100_000);
        assertThat(price.cost(usage)).isCloseTo(0.75 * 2 + 0.25 * 1 + 0.5 * 8, offset(1e-9));
        assertThat(price.times(PriceTable.BATCH_DISCOUNT).cost(usage)).isCloseTo((1.5 + 0.25 + 4) / 2, offset(1e-9));
        assertThat(Price.FREE.cost(usage)).isZero();
    }

    @Test
    void should_reject_negative_prices() {
        assertThatThrownBy(() -> new Price(-1, 0, 0)).hasMessageContaining("input=-1.0");
    }

    @Test
    void should_keep_backoff_within_bounds_and_honour_longer_server_hints() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), 0.2, Duration.ofSeconds(5));
        for (int retry = 1; retry <= 6; retry++) {
            long expected = Math.min(1000, 100L << (retry - 1));
            assertThat(policy.delay(retry, null).toMillis()).isBetween((long) (expected * 0.8) - 1, expected);
        }
        assertThat(policy.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(1, Duration.ofMinutes(6))).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
    }
}
