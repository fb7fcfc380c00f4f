package io.github.meddistill.examples.spark;

import io.github.meddistill.spark.MedDistillSpark;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The job to {@code spark-submit}: reads a folder of JSONL notes (one JSON object per line with a text field, any
 * other fields kept), extracts entities with a saved student and writes JSONL (every input field plus
 * {@code entities} and {@code error}) to a new folder, which Spark's committer makes visible whole.
 *
 * <pre>
 * spark-submit --class io.github.meddistill.examples.spark.SparkExtractJob \
 *     --jars "$(ls lib/*.jar | grep -v -e slf4j-simple -e jackson | paste -sd, -)" \
 *     meddistill.jar hdfs:///models/student hdfs:///notes/2026-11/ hdfs:///entities/2026-11/ [text-field]
 * </pre>
 */
public final class SparkExtractJob {

    private SparkExtractJob() {
    }

    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: SparkExtractJob STUDENT_DIR NOTES_JSONL_DIR OUTPUT_DIR [TEXT_FIELD (default text)]");
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("meddistill-extract").getOrCreate();
        try {
            MedDistillSpark.extract(spark.read().json(args[1]), args.length == 4 ? args[3] : "text", args[0])
                    .write().mode(SaveMode.ErrorIfExists).json(args[2]);
        } finally {
            spark.stop();
        }
    }
}
