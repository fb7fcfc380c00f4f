/**
 * MedDistill on Spark, runnable: {@link io.github.meddistill.examples.spark.SparkExtractJob} for
 * {@code spark-submit}, and {@link io.github.meddistill.examples.spark.SparkBenchmark} behind
 * {@code meddistill bench spark}.
 */
package io.github.meddistill.examples.spark;
