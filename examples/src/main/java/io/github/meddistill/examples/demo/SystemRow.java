package io.github.meddistill.examples.demo;

import java.util.OptionalDouble;

/**
 * One line of the paper-style table: a system's strict span F1 on one entity type of a test set,
 * its 95% bootstrap interval, and its speed and cost.
 *
 * @param name the system's name
 * @param role {@code teacher}, {@code combination}, {@code student} or {@code gold-student}
 * @param strictF1 strict span F1
 * @param ci95Lower lower end of the 95% interval of {@code strictF1}
 * @param ci95Upper upper end of the 95% interval of {@code strictF1}
 * @param notesPerSecond measured throughput, when measured
 * @param usdPer1000Notes dollars per 1,000 notes
 */
public record SystemRow(String name, String role, double strictF1, double ci95Lower, double ci95Upper,
                        OptionalDouble notesPerSecond, double usdPer1000Notes) {
}
