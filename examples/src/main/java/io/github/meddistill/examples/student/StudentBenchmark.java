package io.github.meddistill.examples.student;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Corpus;
import io.github.meddistill.core.io.PubTatorReader;
import io.github.meddistill.examples.ontology.MtSamplesNotes;
import io.github.meddistill.student.BertConfig;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.student.EncoderSource;
import io.github.meddistill.student.TrainingListener;

/**
 * Student throughput against the hardware: for a tiny, a 4-layer/256 and the MiniLM shape, training
 * sequences/s and non-pad tokens/s on NCBI-disease windows, inference notes/s on MTSamples notes, and the
 * achieved training GFLOP/s (counting only non-pad tokens) as a fraction of the roofline of the inference
 * benchmark ({@link MatMulRoofline}, a 1024³ fp32 product), measured right before and right after each config's
 * training, so a machine whose speed drifts during the run is compared with itself. Peak RSS is the process
 * high-water mark after each config (configs run smallest first, so it grows).
 */
public final class StudentBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StudentBenchmark() {
    }

    /** A measured encoder shape. */
    /**
     * A measured encoder shape.
     *
     * @param rooflineGflops the mean of the roofline measured right before and right after this config's training
     * @param rooflineFraction {@code achievedGflops / rooflineGflops}
     */
    public record ConfigResult(String name, double trainSeqPerSec, double trainTokensPerSec, double inferNotesPerSec,
            double achievedGflops, double rooflineGflops, double rooflineFraction, double peakRssMb,
            double meanTokensPerSequence) {
    }

    /**
     * The whole run.
     *
     * @param matmulGflops the median of every roofline measurement of the run
     * @param libtorchMatmulGflops the same product on libtorch, the training engine, once at the start
     */
    public record Result(double matmulGflops, double libtorchMatmulGflops, int trainDocuments, int inferNotes,
            List<ConfigResult> configs) {

        public String toTable() {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "fp32 matmul roofline: %.1f GFLOP/s (1024^3 on ONNX Runtime, median of the run's measurements"
                            + " before and after each config; libtorch %.1f)%n", matmulGflops, libtorchMatmulGflops));
            table.append(String.format(Locale.ROOT, "%-12s %10s %12s %12s %10s %9s %9s %9s%n", "config",
                    "train seq/s", "train tok/s", "infer note/s", "GFLOP/s", "roofline", "of it", "RSS MB"));
            for (ConfigResult c : configs) {
                table.append(String.format(Locale.ROOT, "%-12s %10.1f %12.0f %12.2f %10.1f %9.1f %8.1f%% %9.0f%n",
                        c.name(), c.trainSeqPerSec(), c.trainTokensPerSec(), c.inferNotesPerSec(), c.achievedGflops(),
                        c.rooflineGflops(), 100 * c.rooflineFraction(), c.peakRssMb()));
            }
            return table.toString();
        }

        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("matmulGflops", matmulGflops);
            json.put("libtorchMatmulGflops", libtorchMatmulGflops);
            json.put("trainDocuments", trainDocuments);
            json.put("inferNotes", inferNotes);
            List<Map<String, Object>> list = new ArrayList<>();
            for (ConfigResult c : configs) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", c.name());
                entry.put("trainSeqPerSec", c.trainSeqPerSec());
                entry.put("trainTokensPerSec", c.trainTokensPerSec());
                entry.put("inferNotesPerSec", c.inferNotesPerSec());
                entry.put("achievedGflops", c.achievedGflops());
                entry.put("rooflineGflops", c.rooflineGflops());
                entry.put("rooflineFraction", c.rooflineFraction());
                entry.put("peakRssMb", c.peakRssMb());
                entry.put("meanTokensPerSequence", c.meanTokensPerSequence());
                list.add(entry);
            }
            json.put("configs", list);
            try {
                return JSON.writeValueAsString(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The three shapes of the issue. */
    public static Map<String, BertConfig> configs() {
        Map<String, BertConfig> configs = new LinkedHashMap<>();
        configs.put("tiny", new BertConfig(30522, 128, 2, 2, 512, 512, 2, 1e-12, 0.1, 0.1));
        configs.put("4x256", new BertConfig(30522, 256, 4, 4, 1024, 512, 2, 1e-12, 0.1, 0.1));
        configs.put("minilm", BertConfig.small384(6));
        return configs;
    }

    /**
     * Runs every config.
     *
     * @param trainDocuments NCBI-disease train abstracts to train on for one epoch per config
     * @param inferNotes MTSamples notes to extract from per config
     * @param trainWordEmbeddings whether the word embeddings are trained (as by default) or kept fixed
     */
    public static Result run(Path data, int trainDocuments, int inferNotes, boolean trainWordEmbeddings,
            PrintWriter log) {
        Corpus train = PubTatorReader.builder().build()
                .read(data.resolve("ncbi_disease/original-data/train/NCBItrainset_corpus.txt")).toCorpus("ncbi-train");
        List<Annotation> documents = train.annotations().subList(0, Math.min(trainDocuments, train.size()));
        List<String> notes = MtSamplesNotes.read(data.resolve("mtsamples/mtsamples_subset.csv"));
        notes = notes.subList(0, Math.min(inferNotes, notes.size()));
        double libtorch = matmulGflops();
        log.printf(Locale.ROOT, "libtorch matmul %.1f GFLOP/s%n", libtorch);
        log.flush();
        List<ConfigResult> results = new ArrayList<>();
        List<Double> rooflines = new ArrayList<>();
        try (MatMulRoofline roofline = new MatMulRoofline(Runtime.getRuntime().availableProcessors())) {
            for (Map.Entry<String, BertConfig> entry : configs().entrySet()) {
                results.add(measure(entry.getKey(), entry.getValue(), documents, notes, trainWordEmbeddings,
                        roofline, rooflines, log));
            }
        }
        List<Double> sorted = rooflines.stream().sorted().toList();
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return new Result(median, libtorch, documents.size(), notes.size(), List.copyOf(results));
    }

    private static ConfigResult measure(String name, BertConfig config, List<Annotation> documents, List<String> notes,
            boolean trainWordEmbeddings, MatMulRoofline roofline, List<Double> rooflines, PrintWriter log) {
        List<TrainingListener.Step> steps = new ArrayList<>();
        BertStudentTrainer trainer = BertStudentTrainer.builder()
                .encoder(EncoderSource.random(config))
                .learningRate(1e-4)
                .epochs(1)
                .batchSize(32)
                .devices("cpu")
                .trainWordEmbeddings(trainWordEmbeddings)
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                        steps.add(step);
                    }
                })
                .build();
        double before = roofline.measure();
        try (BertStudent student = trainer.train(documents, List.of())) {
            double after = roofline.measure();
            rooflines.add(before);
            rooflines.add(after);
            double rooflineGflops = (before + after) / 2;
            TrainingListener.Step last = steps.get(steps.size() - 1);
            double seqPerSec = last.sequencesPerSecond();
            double tokensPerSec = last.tokensPerSecond();
            double tokensPerSequence = tokensPerSec / seqPerSec;
            double achieved = tokensPerSec * trainingFlopsPerToken(config, tokensPerSequence) / 1e9;
            student.extractAll(notes.subList(0, Math.min(2, notes.size())));
            long started = System.nanoTime();
            student.extractAll(notes);
            double notesPerSec = notes.size() / ((System.nanoTime() - started) / 1e9);
            ConfigResult result = new ConfigResult(name, seqPerSec, tokensPerSec, notesPerSec, achieved,
                    rooflineGflops, achieved / rooflineGflops, peakRssMb(), tokensPerSequence);
            log.printf(Locale.ROOT, "%s: %.1f seq/s, %.0f tok/s, %.2f notes/s, %.1f GFLOP/s (%.1f%% of the roofline"
                    + " %.1f, measured %.1f before and %.1f after)%n", name, seqPerSec, tokensPerSec, notesPerSec,
                    achieved, 100 * achieved / rooflineGflops, rooflineGflops, before, after);
            log.flush();
            return result;
        }
    }

    /**
     * Forward plus backward FLOPs per real token (3x forward): projections and feed-forward
     * {@code 2 * (4h^2 + 2hi)} per layer, attention scores and context {@code 4 * T * h} per layer, classifier
     * ignored. Embedding lookups are not matmuls.
     */
    static double trainingFlopsPerToken(BertConfig config, double tokensPerSequence) {
        double h = config.hiddenSize();
        double perLayer = 2 * (4 * h * h + 2 * h * config.intermediateSize()) + 4 * tokensPerSequence * h;
        return 3 * config.layers() * perLayer;
    }

    /** fp32 matmul GFLOP/s of the PyTorch engine on this machine: best of 5 timed 1024^3 products. */
    public static double matmulGflops() {
        int n = 1024;
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
            NDArray b = manager.randomUniform(-1, 1, new Shape(n, n), DataType.FLOAT32);
            double best = 0;
            for (int i = 0; i < 8; i++) {
                try (NDManager round = manager.newSubManager()) {
                    a.tempAttach(round);
                    long started = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.getFloat(0, 0);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    if (i >= 3) {
                        best = Math.max(best, 2.0 * n * n * n / seconds / 1e9);
                    }
                }
            }
            return best;
        }
    }

    /** The process's peak resident set (VmHWM) in MB, or the JVM heap in use where /proc is absent. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the JVM's view
        }
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0;
    }
}
