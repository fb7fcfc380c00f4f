/**
 * MedDistill on Apache Spark: {@link io.github.meddistill.spark.MedDistillSpark} adds entity columns to a DataFrame
 * of notes with a saved student or with teachers (dictionaries, LLMs under one job-wide rate limit), one model per
 * executor JVM. Spark itself is a {@code provided} dependency: the cluster brings it.
 *
 * <pre>{@code
 * Dataset<Row> entities = MedDistillSpark.extract(spark.read().json("notes/"), "text", "s3a://bucket/student");
 * Dataset<Row> labelled = MedDistillSpark.label(notes, SparkTeacher.llm("gpt", JobRateLimit.requests(500),
 *         () -> OpenAiTeacher.builder("gpt-4o-mini").cacheDirectory(Path.of("/mnt/shared/llm-cache"))));
 * }</pre>
 */
package io.github.meddistill.spark;
