package io.github.meddistill.student.internal;

/**
 * Learning rate per optimizer step: linear warmup from {@code peak / warmupSteps} to {@code peak}, then linear
 * decay to {@code peak / (totalSteps - warmupSteps)} at the last step. Unlike a decay that reaches zero, every
 * step, the last included, changes the weights, so a run of one step trains too.
 *
 * @param peak the largest rate, reached at the end of warmup
 * @param warmupSteps steps of warmup, in {@code [0, totalSteps)}
 * @param totalSteps steps of the whole run, at least 1
 */
public record LinearWarmupSchedule(double peak, int warmupSteps, int totalSteps) {

    public LinearWarmupSchedule {
        if (!(peak > 0)) {
            throw new IllegalArgumentException("peak must be positive: peak=" + peak);
        }
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps >= totalSteps) {
            throw new IllegalArgumentException("expected 0 <= warmupSteps < totalSteps: warmupSteps=" + warmupSteps
                    + ", totalSteps=" + totalSteps);
        }
    }

    /** The schedule with {@code round(warmupFraction * totalSteps)} warmup steps, fewer than {@code totalSteps}. */
    public static LinearWarmupSchedule of(double peak, double warmupFraction, int totalSteps) {
        int warmup = (int) Math.min(totalSteps - 1L, Math.round(warmupFraction * totalSteps));
        return new LinearWarmupSchedule(peak, warmup, totalSteps);
    }

    /** The rate of 1-based step {@code step}, always positive. */
    public double rate(int step) {
        if (step < 1 || step > totalSteps) {
            throw new IllegalArgumentException("step must be in [1, " + totalSteps + "]: step=" + step);
        }
        if (step <= warmupSteps) {
            return peak * step / warmupSteps;
        }
        return peak * (totalSteps - step + 1) / (totalSteps - warmupSteps);
    }
}
