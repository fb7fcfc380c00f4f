package io.github.meddistill.eval.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.meddistill.core.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SpeedCostTest {

    private static final List<Double> ONE_TO_TEN = List.of(10.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);

    @Test
    void should_derive_throughput_percentiles_and_cost_per_thousand_notes() {
        SystemCost cost = SystemCost.sequential("gpt", ONE_TO_TEN, new TokenUsage(5_000, 1_000, 2_000, 0), 0.05);

        SpeedCost speed = SpeedCost.of(cost);

        // 10 notes in 55 ms
        assertThat(speed.notesPerSecond().getAsDouble()).isCloseTo(10 / 0.055, within(1e-9));
        assertThat(speed.latencyP50Millis()).hasValue(5.0);
        assertThat(speed.latencyP95Millis()).hasValue(10.0);
        assertThat(speed.tokensPer1000Notes()).isEqualTo(700_000.0);
        assertThat(speed.inputTokensPer1000Notes()).isEqualTo(500_000.0);
        assertThat(speed.outputTokensPer1000Notes()).isEqualTo(200_000.0);
        assertThat(speed.usdPer1000Notes()).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void should_leave_unmeasured_values_empty_when_nothing_was_timed() {
        SpeedCost speed = SpeedCost.of(SystemCost.free("union", 10));

        assertThat(speed.notesPerSecond()).isEmpty();
        assertThat(speed.latencyP50Millis()).isEmpty();
        assertThat(speed.usdPer1000Notes()).isZero();
    }

    @Test
    void should_compute_ratios_and_leave_undefined_ones_empty() {
        SpeedCost gpt = SpeedCost.of(new SystemCost("gpt", 100, List.of(1200.0), Duration.ofSeconds(120), TokenUsage.ZERO, 2.0));
        SpeedCost student = SpeedCost.of(new SystemCost("student", 100, List.of(100.0), Duration.ofSeconds(10), TokenUsage.ZERO, 0.02));
        SpeedCost free = SpeedCost.of(SystemCost.free("union", 100));

        SpeedCostRatio ratio = SpeedCostRatio.of(student, gpt);

        assertThat(ratio.timesFaster().getAsDouble()).isCloseTo(12.0, within(1e-9));
        assertThat(ratio.timesLowerLatency().getAsDouble()).isCloseTo(12.0, within(1e-9));
        assertThat(ratio.timesCheaper().getAsDouble()).isCloseTo(100.0, within(1e-9));
        assertThat(SpeedCostRatio.of(free, gpt).timesCheaper()).isEqualTo(OptionalDouble.empty());
        assertThat(SpeedCostRatio.of(free, gpt).timesFaster()).isEmpty();
    }

    @Test
    void should_name_the_bad_field_when_measurements_are_invalid() {
        assertThatThrownBy(() -> new SystemCost("s", 0, List.of(), Duration.ZERO, TokenUsage.ZERO, 0))
                .hasMessageContaining("notes must be at least 1: notes=0 (system s)");
        assertThatThrownBy(() -> new SystemCost("s", 1, List.of(-1.0), Duration.ZERO, TokenUsage.ZERO, 0))
                .hasMessageContaining("latenciesMillis must be finite and >= 0: latency=-1.0");
        assertThatThrownBy(() -> new SystemCost("s", 1, List.of(), Duration.ZERO, TokenUsage.ZERO, Double.NaN))
                .hasMessageContaining("costUsd must be finite and >= 0: costUsd=NaN");
    }
}
