package io.github.meddistill.examples.cli;

import io.github.meddistill.examples.spark.SparkBenchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meddistill bench spark [--notes N] [--json]}: notes/s of {@code MedDistillSpark.extract} at
 * {@code local[1]} and {@code local[2]} and the scaling efficiency against the single-JVM extract in the same run
 * (see {@link SparkBenchmark}). With {@code --json}, one JSON object on the last line with {@code notes},
 * {@code notesPerSecond} (keyed by cores), {@code singleJvmNotesPerSecond} and {@code scalingEfficiency}. Spark is
 * not in the examples jar's {@code lib/}: run it with Spark on the class path, as the README's Spark section shows.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "MedDistillSpark.extract notes/s at local[1] and local[2] against one JVM (needs Spark on the class path).")
public final class SparkBenchCommand implements Callable<Integer> {

    /** The JVM flags Spark's launcher passes on Java 17 (as {@code spark.java17.options} in the root pom). */
    static final String SPARK_JAVA17_OPTIONS = "--add-opens=java.base/java.lang=ALL-UNNAMED"
            + " --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
            + " --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED"
            + " --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
            + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
            + " --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
            + " --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED"
            + " --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false";

    @Option(names = "--data", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "Data folder with mtsamples/mtsamples_subset.csv (default ../shared/data).")
    Path data;

    @Option(names = "--notes", defaultValue = "100000", description = "Synthetic notes (default 100000).")
    int notes;

    @Option(names = "--student", paramLabel = "DIR",
            description = "A saved student to measure (default: a tiny one trained in seconds).")
    Path student;

    @Option(names = "--partitions", defaultValue = "8", description = "Partitions of the notes (default 8).")
    int partitions;

    @Option(names = "--batch-size", defaultValue = "32", description = "Notes per extractAll call (default 32).")
    int batchSize;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path csv = data.resolve("mtsamples/mtsamples_subset.csv");
        if (!Files.isRegularFile(csv)) {
            err.println("--data " + data + ": expected mtsamples/mtsamples_subset.csv as in ../shared/data");
            return 2;
        }
        if (notes < 1 || partitions < 1 || batchSize < 1) {
            err.println("--notes, --partitions and --batch-size must be positive");
            return 2;
        }
        if (student != null && !Files.isRegularFile(student.resolve("config.json"))) {
            err.println("--student " + student + ": expected a saved student directory with config.json");
            return 2;
        }
        try {
            Class.forName("org.apache.spark.sql.SparkSession");
        } catch (ClassNotFoundException e) {
            err.println("Spark is not on the class path. From the repository root, after mvn package (which writes"
                    + " examples/target/spark.classpath):");
            err.println("  OMP_NUM_THREADS=1 java -Xmx6g " + SPARK_JAVA17_OPTIONS + " -cp \"examples/target/meddistill.jar:$(cat"
                    + " examples/target/spark.classpath)\" io.github.meddistill.examples.cli.MedDistillCommand"
                    + " bench spark");
            return 2;
        }
        // one intra-op thread per task, as on a cluster with one core per task; before PyTorch starts. The property
        // sets the starting thread's OpenMP pool only: Spark's task threads need OMP_NUM_THREADS=1 in the environment
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
            err.println("warning: OMP_NUM_THREADS is not 1: each Spark task thread runs as many OpenMP threads as"
                    + " there are cores, and local[2] oversubscribes them");
        }
        for (String noisy : List.of("org.apache.spark", "org.apache.hadoop", "org.sparkproject")) {
            System.setProperty("org.slf4j.simpleLogger.log." + noisy, "warn");
        }
        SparkBenchmark.Result result = SparkBenchmark.run(csv, student, notes, List.of(1, 2), partitions, batchSize, out);
        out.print(result.toTable());
        if (json) {
            out.println(result.toJson());
        }
        out.flush();
        return 0;
    }
}
