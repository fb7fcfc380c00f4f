/**
 * Benchmark and quality programs for the BERT student: throughput against the matmul roofline
 * ({@link io.github.meddistill.examples.student.StudentBenchmark}) and span F1 on NCBI-disease
 * ({@link io.github.meddistill.examples.student.StudentQuality}).
 */
package io.github.meddistill.examples.student;
