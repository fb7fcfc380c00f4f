package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LinearWarmupScheduleTest {

    @Test
    void should_give_every_step_a_positive_rate_when_the_decay_reaches_the_last_step() {
        LinearWarmupSchedule schedule = LinearWarmupSchedule.of(1e-3, 0.1, 20);

        assertThat(schedule.warmupSteps()).isEqualTo(2);
        assertThat(IntStream.rangeClosed(1, 20).mapToDouble(schedule::rate)).allSatisfy(r -> assertThat(r).isPositive());
        assertThat(schedule.rate(1)).isCloseTo(5e-4, within(1e-12));
        assertThat(schedule.rate(2)).isCloseTo(1e-3, within(1e-12));
        assertThat(schedule.rate(3)).isCloseTo(1e-3, within(1e-12));
        assertThat(schedule.rate(20)).isCloseTo(1e-3 / 18, within(1e-12));
    }

    @Test
    void should_train_at_the_peak_rate_when_the_run_has_one_step() {
        LinearWarmupSchedule schedule = LinearWarmupSchedule.of(5e-5, 0.1, 1);

        assertThat(schedule.warmupSteps()).isZero();
        assertThat(schedule.rate(1)).isEqualTo(5e-5);
    }

    @Test
    void should_keep_one_decay_step_when_warmup_would_take_the_whole_run() {
        LinearWarmupSchedule schedule = LinearWarmupSchedule.of(1e-4, 0.9, 2);

        assertThat(schedule.warmupSteps()).isEqualTo(1);
        assertThat(schedule.rate(2)).isEqualTo(1e-4);
    }

    @Test
    void should_name_the_values_when_a_step_is_out_of_range() {
        assertThatThrownBy(() -> LinearWarmupSchedule.of(1e-4, 0.1, 5).rate(6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step=6");
    }
}
