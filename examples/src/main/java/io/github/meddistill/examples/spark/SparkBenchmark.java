package io.github.meddistill.examples.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.examples.ontology.MtSamplesNotes;
import io.github.meddistill.spark.ExtractOptions;
import io.github.meddistill.spark.MedDistillSpark;
import io.github.meddistill.student.BertConfig;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.student.EncoderSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Notes/s of {@link MedDistillSpark#extract} on {@code local[1]} and {@code local[2]} against the same student's
 * {@code extractAll} in one JVM on one thread, in the same run, on a {@link SyntheticCorpus} of MTSamples sentences.
 * Every run uses one PyTorch thread per task (as one would set on a cluster: one core per task), is warmed up on
 * 256 notes first (student loaded, JIT compiled) and counts the entities it found, which must agree.
 */
public final class SparkBenchmark {

    /** The bench's own student when none is given: 2 layers, hidden 64, trained for 3 epochs on templated notes. */
    public static final BertConfig TINY = new BertConfig(30522, 64, 2, 2, 256, 512, 2, 1e-12, 0.1, 0.1);
    private static final int WARM_UP = 256;
    private static final StructType NOTES = new StructType().add("id", DataTypes.LongType, false)
            .add("text", DataTypes.StringType, false);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkBenchmark() {
    }

    /** One measured run. */
    public record Run(String name, int cores, double seconds, double notesPerSecond, long entities) {
    }

    /** The whole benchmark. */
    public record Result(int notes, double meanNoteChars, String student, int partitions, int batchSize,
            Run singleJvm, List<Run> spark, double machineScaling) {

        /** {@code local[2]} notes/s over twice the single-JVM notes/s (NaN without a 2-core run). */
        public double scalingEfficiency() {
            return spark.stream().filter(r -> r.cores() == 2).findFirst()
                    .map(r -> r.notesPerSecond() / (2 * singleJvm.notesPerSecond())).orElse(Double.NaN);
        }

        /**
         * {@code local[2]} notes/s over the single-JVM notes/s times {@link #machineScaling()}: the efficiency against
         * what two threads of this machine could do in the same minutes (1.0 when Spark loses nothing).
         */
        public double efficiencyOfAvailableCores() {
            return spark.stream().filter(r -> r.cores() == 2).findFirst()
                    .map(r -> r.notesPerSecond() / (machineScaling * singleJvm.notesPerSecond())).orElse(Double.NaN);
        }

        /** Whether every run found the same number of entities. */
        public boolean entitiesAgree() {
            return spark.stream().allMatch(r -> r.entities() == singleJvm.entities());
        }

        public String toTable() {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "spark extract: %,d synthetic notes of MTSamples sentences (mean %.0f chars), student %s,%n"
                            + "%d partitions, batches of %d notes, 1 PyTorch thread per task%n",
                    notes, meanNoteChars, student, partitions, batchSize));
            table.append(String.format(Locale.ROOT, "%-12s %5s %9s %10s %14s %14s %10s%n", "run", "cores", "seconds",
                    "notes/s", "notes/s/core", "vs single JVM", "entities"));
            List<Run> all = new ArrayList<>();
            all.add(singleJvm);
            all.addAll(spark);
            for (Run r : all) {
                table.append(String.format(Locale.ROOT, "%-12s %5d %9.1f %10.1f %14.1f %14.2f %10d%n", r.name(),
                        r.cores(), r.seconds(), r.notesPerSecond(), r.notesPerSecond() / r.cores(),
                        r.notesPerSecond() / singleJvm.notesPerSecond(), r.entities()));
            }
            table.append(String.format(Locale.ROOT, "scaling efficiency at 2 cores: %.2f (local[2] notes/s over 2 x"
                    + " single-JVM notes/s); entities %s%n", scalingEfficiency(),
                    entitiesAgree() ? "agree in every run" : "DIFFER between runs"));
            table.append(String.format(Locale.ROOT, "this machine's 2-thread CPU scaling in the same run: %.2fx (a pure"
                    + " Java loop on 2 threads over 1); local[2] reached %.2f of it%n", machineScaling,
                    efficiencyOfAvailableCores()));
            return table.toString();
        }

        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("notes", notes);
            Map<String, Double> perCores = new LinkedHashMap<>();
            spark.forEach(r -> perCores.put(Integer.toString(r.cores()), r.notesPerSecond()));
            json.put("notesPerSecond", perCores);
            json.put("singleJvmNotesPerSecond", singleJvm.notesPerSecond());
            json.put("scalingEfficiency", scalingEfficiency());
            json.put("meanNoteChars", meanNoteChars);
            json.put("student", student);
            json.put("partitions", partitions);
            json.put("batchSize", batchSize);
            json.put("entitiesAgree", entitiesAgree());
            json.put("machineScaling2Threads", machineScaling);
            json.put("efficiencyOfAvailableCores", efficiencyOfAvailableCores());
            try {
                return JSON.writeValueAsString(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the benchmark result as JSON", e);
            }
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param csv {@code mtsamples_subset.csv}
     * @param student a saved student, or null to train the bench's tiny one
     * @param cores the {@code local[n]} runs, e.g. 1 and 2
     */
    public static Result run(Path csv, Path student, int notes, List<Integer> cores, int partitions, int batchSize,
            PrintWriter log) {
        SyntheticCorpus corpus = SyntheticCorpus.fromTranscriptions(MtSamplesNotes.read(csv));
        String description = student != null ? student.toString() : "tiny (2 layers, hidden 64, 3 epochs on templated notes)";
        Path studentDir = student != null ? student : trainTiny();
        log.printf(Locale.ROOT, "%,d sentences; student %s%n", corpus.sentenceCount(), description);
        log.flush();
        List<String> texts = new ArrayList<>(notes);
        long chars = 0;
        for (int i = 0; i < notes; i++) {
            texts.add(corpus.note(i));
            chars += texts.get(i).length();
        }
        double scalingBefore = machineScaling();
        Run single = singleJvm(studentDir, corpus, texts, batchSize);
        log.printf(Locale.ROOT, "single JVM: %.1f notes/s%n", single.notesPerSecond());
        log.flush();
        texts = null;
        List<Run> runs = new ArrayList<>();
        for (int n : cores) {
            Run run = spark(n, studentDir, corpus, notes, partitions, batchSize);
            log.printf(Locale.ROOT, "local[%d]: %.1f notes/s%n", n, run.notesPerSecond());
            log.flush();
            runs.add(run);
        }
        double scaling = (scalingBefore + machineScaling()) / 2;
        log.printf(Locale.ROOT, "machine 2-thread CPU scaling: %.2fx%n", scaling);
        return new Result(notes, (double) chars / notes, description, partitions, batchSize, single, List.copyOf(runs),
                scaling);
    }

    /**
     * How much faster this machine runs a CPU-bound Java loop on 2 threads than on 1, now (2.0 on two idle cores;
     * less where other work shares them): the ceiling for {@code local[2]} in the same minutes.
     */
    public static double machineScaling() {
        double one = loopRate(1);
        double two = loopRate(2);
        return two / one;
    }

    private static double loopRate(int threads) {
        long iterations = 300_000_000L;
        Thread[] workers = new Thread[threads];
        long[] sinks = new long[threads];
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            workers[t] = new Thread(() -> {
                long x = slot + 1;
                for (long i = 0; i < iterations; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                sinks[slot] = x;
            });
            workers[t].start();
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the machine's CPU scaling", e);
        }
        if (sinks[0] == 42) {
            throw new IllegalStateException("unreachable: keeps the loop from being optimised away");
        }
        return threads * iterations / ((System.nanoTime() - started) / 1e9);
    }

    private static Run singleJvm(Path studentDir, SyntheticCorpus corpus, List<String> texts, int batchSize) {
        try (BertStudent student = BertStudent.load(studentDir)) {
            List<String> warm = new ArrayList<>();
            for (int i = 0; i < WARM_UP; i++) {
                warm.add(corpus.note(-1 - i));
            }
            for (int i = 0; i < warm.size(); i += batchSize) {
                student.extractAll(warm.subList(i, Math.min(warm.size(), i + batchSize)));
            }
            long entities = 0;
            long started = System.nanoTime();
            for (int i = 0; i < texts.size(); i += batchSize) {
                for (List<Entity> found : student.extractAll(texts.subList(i, Math.min(texts.size(), i + batchSize)))) {
                    entities += found.size();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Run("single JVM", 1, seconds, texts.size() / seconds, entities);
        }
    }

    private static Run spark(int cores, Path studentDir, SyntheticCorpus corpus, int notes, int partitions,
            int batchSize) {
        SparkSession spark = SparkSession.builder().appName("meddistill-bench-spark").master("local[" + cores + "]")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
        try {
            Broadcast<SyntheticCorpus> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(corpus);
            ExtractOptions options = ExtractOptions.defaults().withBatchSize(batchSize);
            Dataset<Row> warm = generated(spark, shared, -WARM_UP, 0, Math.min(partitions, cores));
            MedDistillSpark.extract(warm, "text", studentDir.toString(), options).selectExpr("sum(size(entities))")
                    .first();
            Dataset<Row> frame = generated(spark, shared, 0, notes, partitions).cache();
            frame.count();
            long started = System.nanoTime();
            Row total = MedDistillSpark.extract(frame, "text", studentDir.toString(), options)
                    .selectExpr("sum(size(entities))").first();
            double seconds = (System.nanoTime() - started) / 1e9;
            frame.unpersist();
            return new Run("local[" + cores + "]", cores, seconds, notes / seconds, total.isNullAt(0) ? 0 : total.getLong(0));
        } finally {
            spark.stop();
        }
    }

    /** Notes {@code from} to {@code to} (exclusive; negative ids are warm-up notes), made on the executors. */
    private static Dataset<Row> generated(SparkSession spark, Broadcast<SyntheticCorpus> corpus, long from, long to,
            int partitions) {
        return spark.range(from, to, 1, partitions).toDF("id").mapPartitions(
                (MapPartitionsFunction<Row, Row>) ids -> new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return ids.hasNext();
                    }

                    @Override
                    public Row next() {
                        long id = ids.next().getLong(0);
                        return RowFactory.create(id, corpus.value().note(id));
                    }
                }, Encoders.row(NOTES));
    }

    /** Trains and saves the bench's tiny student in a temporary directory (a few seconds). */
    public static Path trainTiny() {
        List<String> diseases = List.of("hypertension", "diabetes", "pneumonia", "asthma", "pain", "infection");
        List<String> drugs = List.of("aspirin", "metformin", "lisinopril", "albuterol", "prednisone", "insulin");
        Random random = new Random(3);
        List<Annotation> training = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String disease = diseases.get(random.nextInt(diseases.size()));
            String drug = drugs.get(random.nextInt(drugs.size()));
            String text = "The patient has " + disease + " and takes " + drug + " daily.";
            int d = text.indexOf(disease);
            int m = text.indexOf(drug);
            training.add(new Annotation(new Document("t" + i, text), List.of(
                    Entity.of(text, d, d + disease.length(), EntityType.DISEASE),
                    Entity.of(text, m, m + drug.length(), EntityType.MEDICATION)), Annotation.GOLD));
        }
        try {
            Path directory = Files.createTempDirectory("meddistill-bench-student-");
            BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY))
                    .learningRate(3e-3).epochs(3).batchSize(8).devices("cpu").seed(5).build();
            try (BertStudent student = trainer.train(training, List.of())) {
                student.save(directory);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for the bench's student", e);
        }
    }
}
