/**
 * Speed and cost of systems: a pipeline records a {@link io.github.meddistill.eval.cost.SystemCost} per system
 * (latencies, wall time, tokens, dollars); {@link io.github.meddistill.eval.cost.SpeedCost} derives notes/s,
 * p50/p95 latency and tokens and dollars per 1,000 notes, and
 * {@link io.github.meddistill.eval.cost.SpeedCostRatio} compares two systems.
 *
 * <pre>{@code
 * SpeedCost student = SpeedCost.of(SystemCost.sequential("student", latencies, TokenUsage.ZERO, 0.02));
 * SpeedCostRatio ratio = SpeedCostRatio.of(student, SpeedCost.of(gptCost));
 * }</pre>
 */
package io.github.meddistill.eval.cost;
