package io.github.meddistill.examples.student;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.Student;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.SpanEvaluator;
import io.github.meddistill.examples.demo.BundledData;
import io.github.meddistill.examples.ontology.MtSamplesNotes;
import io.github.meddistill.student.BertConfig;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.InferenceEngine;
import io.github.meddistill.student.OnnxStudent;
import io.github.meddistill.student.Precision;
import io.github.meddistill.student.StudentLoader;

/**
 * Inference throughput of a saved student against the hardware: each engine ({@link InferenceEngine}) one note per
 * call and all notes in one call, in fp32 and (ONNX Runtime) int8, on NCBI-disease test abstracts and MTSamples
 * notes, plus the ONNX Runtime path of before issue 20 (the {@code exportOnnx} file on padded batches) as the
 * baseline. Each system is timed {@code runs} times per corpus (median), with a 1024² fp32 matmul roofline
 * ({@link MatMulRoofline}) measured before every run and after the last; a system's roofline is the median of those.
 * "Useful" FLOPs count real tokens only: per token of every window, {@code 2(4h² + 2hi)} per layer for the
 * projections and feed-forward, {@code 4Th} per layer for attention scores and context (T the window's own
 * length), {@code 2h·labels} for the classifier. Entities of every fp32 system are compared with the first system's
 * (PyTorch, one note per call); int8 systems report their strict F1 change on NCBI-disease test and, with a BC5CDR
 * student, on BC5CDR test.
 */
public final class InferenceBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InferenceBenchmark() {
    }

    /** One measured system on one corpus. */
    public record SystemResult(String name, String engine, String mode, String precision, String corpus,
            double notesPerSecond, double rooflineGflops, double usefulGflops, double rooflineFraction,
            int entities, boolean sameEntitiesAsReference, double entityAgreement, Double speedupOverFp32,
            Double f1Delta) {
    }

    /** Strict micro F1 of one engine and precision on one test set. */
    public record Quality(String corpus, String precision, int documents, double f1, double f1Fp32,
            double entityAgreement) {

        public double delta() {
            return f1 - f1Fp32;
        }
    }

    /** The whole run. */
    public record Result(int cores, double loadAverage, int runs, Map<String, Integer> notes,
            Map<String, Integer> tokens, double libtorchMatmulGflops, List<SystemResult> systems,
            List<Quality> quality, Map<String, Object> embedding) {

        public String toTable() {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "%d cores, load average %.2f at start; median of %d runs; roofline: 1024² fp32 matmul on ONNX"
                            + " Runtime, interleaved (libtorch: %.0f GFLOP/s)%n",
                    cores, loadAverage, runs, libtorchMatmulGflops));
            table.append("| system | engine | mode | precision | NCBI notes/s | % roofline | MTSamples notes/s"
                    + " | % roofline | same entities | int8 speedup |\n");
            table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            Map<String, List<SystemResult>> byName = new LinkedHashMap<>();
            systems.forEach(s -> byName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s));
            byName.forEach((name, rows) -> {
                SystemResult first = rows.get(0);
                table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s", name, first.engine(), first.mode(),
                        first.precision()));
                for (String corpus : List.of("ncbi-disease", "mtsamples")) {
                    SystemResult row = rows.stream().filter(r -> r.corpus().equals(corpus)).findFirst().orElse(null);
                    table.append(row == null ? " | - | -" : String.format(Locale.ROOT, " | %.2f | %.0f%% (%.0f of"
                            + " %.0f GFLOP/s)", row.notesPerSecond(), 100 * row.rooflineFraction(),
                            row.usefulGflops(), row.rooflineGflops()));
                }
                table.append(" | ").append(rows.stream().allMatch(SystemResult::sameEntitiesAsReference) ? "yes"
                        : String.format(Locale.ROOT, "no (%.1f%% agree)", 100 * rows.stream()
                                .mapToDouble(SystemResult::entityAgreement).min().orElse(0)));
                table.append(" | ").append(first.speedupOverFp32() == null ? "" : rows.stream()
                        .map(r -> String.format(Locale.ROOT, "%.2fx", r.speedupOverFp32()))
                        .reduce((a, b) -> a + " / " + b).orElse("")).append(" |\n");
            });
            if (!quality.isEmpty()) {
                table.append("\n| test set | precision | documents | strict F1 | fp32 F1 | change | entity agreement |\n");
                table.append("| --- | --- | --- | --- | --- | --- | --- |\n");
                for (Quality q : quality) {
                    table.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %+.4f | %.1f%% |%n",
                            q.corpus(), q.precision(), q.documents(), q.f1(), q.f1Fp32(), q.delta(),
                            100 * q.entityAgreement()));
                }
            }
            if (!embedding.isEmpty()) {
                table.append(String.format(Locale.ROOT, "%nEmbedded (a JVM that only loads the student with"
                        + " StudentLoader.defaults()): load to first entity %.0f ms cold, %.0f ms warm; RSS %.0f MB"
                        + " (peak %.0f MB)%n", number("coldLoadToFirstEntityMs"), number("warmLoadToFirstEntityMs"),
                        number("rssMb"), number("peakRssMb")));
                for (int callers : new int[] {1, 2, 4}) {
                    Map<?, ?> latency = (Map<?, ?>) embedding.get("callers" + callers);
                    table.append(String.format(Locale.ROOT, "  %d concurrent caller(s): p50 %.0f ms, p95 %.0f ms per"
                            + " note%n", callers, ((Number) latency.get("p50Ms")).doubleValue(),
                            ((Number) latency.get("p95Ms")).doubleValue()));
                }
            }
            return table.toString();
        }

        private double number(String key) {
            return ((Number) embedding.get(key)).doubleValue();
        }

        public String toJson() {
            return toJson(List.of());
        }

        /** The JSON with each ONNX Runtime profile under {@code profile}. */
        public String toJson(List<OnnxProfile.Result> profiles) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cores", cores);
            json.put("loadAverage", loadAverage);
            json.put("runs", runs);
            json.put("notes", notes);
            json.put("tokens", tokens);
            json.put("libtorchMatmulGflops", libtorchMatmulGflops);
            List<Map<String, Object>> list = new ArrayList<>();
            for (SystemResult s : systems) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", s.name());
                entry.put("engine", s.engine());
                entry.put("mode", s.mode());
                entry.put("precision", s.precision());
                entry.put("corpus", s.corpus());
                entry.put("notesPerSecond", s.notesPerSecond());
                entry.put("rooflineFraction", s.rooflineFraction());
                entry.put("rooflineGflops", s.rooflineGflops());
                entry.put("usefulGflops", s.usefulGflops());
                entry.put("entities", s.entities());
                entry.put("sameEntitiesAsReference", s.sameEntitiesAsReference());
                if (s.speedupOverFp32() != null) {
                    entry.put("speedupOverFp32", s.speedupOverFp32());
                    entry.put("f1Delta", s.f1Delta());
                    entry.put("entityAgreement", s.entityAgreement());
                }
                list.add(entry);
            }
            json.put("systems", list);
            List<Map<String, Object>> qualities = new ArrayList<>();
            for (Quality q : quality) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("corpus", q.corpus());
                entry.put("precision", q.precision());
                entry.put("documents", q.documents());
                entry.put("f1", q.f1());
                entry.put("f1Fp32", q.f1Fp32());
                entry.put("f1Delta", q.delta());
                entry.put("entityAgreement", q.entityAgreement());
                qualities.add(entry);
            }
            json.put("quality", qualities);
            if (!embedding.isEmpty()) {
                json.put("embedding", embedding);
            }
            if (!profiles.isEmpty()) {
                json.put("profile", profiles);
            }
            try {
                return JSON.writeValueAsString(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the command asks for. */
    public record Options(Path data, Path student, Path bc5cdrStudent, int notes, int runs, boolean int8,
            boolean embedding) {
    }

    private record Spec(String name, InferenceEngine engine, Precision precision, boolean batched, boolean padded) {

        String engineName() {
            return engine == InferenceEngine.PYTORCH ? "pytorch" : "onnx-runtime";
        }

        String mode() {
            return batched ? "batched" : "one-note-per-call";
        }
    }

    /** Runs the benchmark; progress goes to {@code log}. */
    public static Result run(Options options, PrintWriter log) {
        Map<String, List<String>> corpora = new LinkedHashMap<>();
        List<Annotation> ncbiTest = BundledData.corpus("ncbi-disease", "test", options.data());
        corpora.put("ncbi-disease", ncbiTest.stream().map(a -> a.document().text()).limit(options.notes()).toList());
        corpora.put("mtsamples", MtSamplesNotes.read(options.data().resolve("mtsamples/mtsamples_subset.csv"))
                .stream().limit(options.notes()).toList());
        int cores = Runtime.getRuntime().availableProcessors();
        double load = loadAverage();
        List<Spec> specs = new ArrayList<>();
        for (InferenceEngine engine : List.of(InferenceEngine.PYTORCH, InferenceEngine.ONNX_RUNTIME)) {
            List<Precision> precisions = engine == InferenceEngine.ONNX_RUNTIME && options.int8()
                    ? List.of(Precision.FP32, Precision.INT8) : List.of(Precision.FP32);
            for (Precision precision : precisions) {
                for (boolean batched : new boolean[] {false, true}) {
                    specs.add(new Spec((engine == InferenceEngine.PYTORCH ? "BertStudent (PyTorch)"
                            : "OnnxStudent (ONNX Runtime)") + (precision == Precision.INT8 ? " int8" : "")
                            + (batched ? ", all notes in one call" : ", one note per call"), engine, precision,
                            batched, false));
                }
            }
        }
        specs.add(new Spec("OnnxStudent on the exportOnnx file, padded (before), one note per call",
                InferenceEngine.ONNX_RUNTIME, Precision.FP32, false, true));
        Path padded = paddedCopy(options.student());
        Map<Spec, Student> students = new LinkedHashMap<>();
        double libtorch = StudentBenchmark.matmulGflops();
        try (MatMulRoofline roofline = new MatMulRoofline(cores)) {
            for (Spec spec : specs) {
                students.put(spec, load(spec, options.student(), padded));
            }
            OnnxStudent counter = (OnnxStudent) students.values().stream().filter(s -> s instanceof OnnxStudent)
                    .findFirst().orElseThrow();
            BertConfig config = ((BertStudent) students.values().iterator().next()).config();
            int labels = ((BertStudent) students.values().iterator().next()).tags().size();
            Map<String, Integer> noteCounts = new LinkedHashMap<>();
            Map<String, Integer> tokenCounts = new LinkedHashMap<>();
            Map<String, Double> usefulFlops = new LinkedHashMap<>();
            corpora.forEach((corpus, notes) -> {
                List<Integer> lengths = notes.stream().flatMap(n -> counter.sequenceLengths(n).stream()).toList();
                noteCounts.put(corpus, notes.size());
                tokenCounts.put(corpus, lengths.stream().mapToInt(Integer::intValue).sum());
                usefulFlops.put(corpus, lengths.stream().mapToDouble(t -> flops(config, labels, t)).sum());
            });
            log.printf(Locale.ROOT, "%d cores, load average %.2f; notes %s, window tokens %s; libtorch matmul %.0f"
                    + " GFLOP/s%n", cores, load, noteCounts, tokenCounts, libtorch);
            log.flush();
            List<SystemResult> results = new ArrayList<>();
            Map<String, List<List<Entity>>> reference = new LinkedHashMap<>();
            Map<String, Double> fp32Speed = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> corpus : corpora.entrySet()) {
                for (Spec spec : specs) {
                    Student student = students.get(spec);
                    List<String> notes = corpus.getValue();
                    extract(student, notes.subList(0, Math.min(3, notes.size())), spec.batched());
                    double[] seconds = new double[options.runs()];
                    List<Double> rooflines = new ArrayList<>();
                    List<List<Entity>> entities = null;
                    for (int r = 0; r < options.runs(); r++) {
                        rooflines.add(roofline.measure());
                        long started = System.nanoTime();
                        entities = extract(student, notes, spec.batched());
                        seconds[r] = (System.nanoTime() - started) / 1e9;
                    }
                    rooflines.add(roofline.measure());
                    double notesPerSecond = notes.size() / median(seconds);
                    double rooflineGflops = median(rooflines.stream().mapToDouble(Double::doubleValue).toArray());
                    double useful = usefulFlops.get(corpus.getKey()) / median(seconds) / 1e9;
                    reference.putIfAbsent(corpus.getKey(), entities);
                    boolean same = entities.equals(reference.get(corpus.getKey()));
                    double agreement = agreement(reference.get(corpus.getKey()), entities);
                    String key = spec.engineName() + "/" + spec.mode() + "/" + corpus.getKey();
                    Double speedup = null;
                    if (spec.precision() == Precision.FP32 && !spec.padded()) {
                        fp32Speed.put(key, notesPerSecond);
                    } else if (spec.precision() == Precision.INT8) {
                        speedup = notesPerSecond / fp32Speed.get(key);
                    }
                    SystemResult result = new SystemResult(spec.name(), spec.engineName(), spec.mode(),
                            spec.precision().name().toLowerCase(Locale.ROOT), corpus.getKey(), notesPerSecond,
                            rooflineGflops, useful, useful / rooflineGflops, entities.stream().mapToInt(List::size)
                                    .sum(), same, agreement, speedup, null);
                    results.add(result);
                    log.printf(Locale.ROOT, "%s on %s: %.2f notes/s, %.1f useful GFLOP/s, roofline %.1f (%.0f%%),"
                            + " %d entities%s (runs %s s, rooflines %s)%n", spec.name(), corpus.getKey(),
                            notesPerSecond, useful, rooflineGflops, 100 * useful / rooflineGflops, result.entities(),
                            same ? ", same as reference" : String.format(Locale.ROOT, ", %.1f%% agree with reference",
                                    100 * agreement), Arrays.toString(round(seconds)), rooflines.stream()
                                    .map(g -> String.format(Locale.ROOT, "%.0f", g)).toList());
                    log.flush();
                }
            }
            List<Quality> quality = new ArrayList<>();
            if (options.int8()) {
                Student fp32 = students.get(specs.stream().filter(s -> s.engine() == InferenceEngine.ONNX_RUNTIME
                        && s.precision() == Precision.FP32 && !s.padded()).findFirst().orElseThrow());
                Student int8 = students.get(specs.stream().filter(s -> s.precision() == Precision.INT8).findFirst()
                        .orElseThrow());
                quality.add(quality("ncbi-disease", ncbiTest, fp32, int8));
                log.println(quality.get(quality.size() - 1));
                log.flush();
                if (options.bc5cdrStudent() != null) {
                    List<Annotation> bc5cdrTest = BundledData.corpus("bc5cdr", "test", options.data());
                    try (Student bcFp32 = StudentLoader.defaults().load(options.bc5cdrStudent());
                            Student bcInt8 = StudentLoader.builder().precision(Precision.INT8).build()
                                    .load(options.bc5cdrStudent())) {
                        quality.add(quality("bc5cdr", bc5cdrTest, bcFp32, bcInt8));
                    }
                    log.println(quality.get(quality.size() - 1));
                    log.flush();
                }
                double worst = quality.stream().mapToDouble(Quality::delta).min().orElse(0);
                for (int i = 0; i < results.size(); i++) {
                    SystemResult r = results.get(i);
                    if (r.speedupOverFp32() != null) {
                        results.set(i, new SystemResult(r.name(), r.engine(), r.mode(), r.precision(), r.corpus(),
                                r.notesPerSecond(), r.rooflineGflops(), r.usefulGflops(), r.rooflineFraction(),
                                r.entities(), r.sameEntitiesAsReference(), r.entityAgreement(), r.speedupOverFp32(),
                                worst));
                    }
                }
            }
            Map<String, Object> embedding = Map.of();
            if (options.embedding()) {
                embedding = EmbeddingProbe.run(options.student(), Math.min(options.notes(), 100));
                log.println("embedding (inference-only JVM, ONNX Runtime fp32): " + embedding);
                log.flush();
            }
            return new Result(cores, load, options.runs(), noteCounts, tokenCounts, libtorch, List.copyOf(results),
                    List.copyOf(quality), embedding);
        } finally {
            students.values().forEach(Student::close);
            delete(padded);
        }
    }

    private static Student load(Spec spec, Path student, Path padded) {
        if (spec.padded()) {
            return OnnxStudent.load(padded);
        }
        StudentLoader.Builder loader = StudentLoader.builder().engine(spec.engine());
        if (spec.precision() == Precision.INT8) {
            loader.precision(Precision.INT8);
        }
        return loader.build().load(student);
    }

    private static List<List<Entity>> extract(Student student, List<String> notes, boolean batched) {
        return batched ? student.extractAll(notes) : notes.stream().map(student::extract).toList();
    }

    private static Quality quality(String corpus, List<Annotation> gold, Student fp32, Student int8) {
        List<String> texts = gold.stream().map(a -> a.document().text()).toList();
        List<List<Entity>> a = fp32.extractAll(texts);
        List<List<Entity>> b = int8.extractAll(texts);
        return new Quality(corpus, "int8", gold.size(), strictF1(gold, b), strictF1(gold, a), agreement(a, b));
    }

    private static double strictF1(List<Annotation> gold, List<List<Entity>> found) {
        List<Annotation> predicted = new ArrayList<>();
        for (int i = 0; i < gold.size(); i++) {
            predicted.add(new Annotation(gold.get(i).document(), found.get(i), "student"));
        }
        return SpanEvaluator.score("student", gold, predicted).micro(MatchMode.STRICT).f1();
    }

    /** Entities found by both, over entities found by either (per note, by span and type). */
    static double agreement(List<List<Entity>> a, List<List<Entity>> b) {
        long both = 0;
        long either = 0;
        for (int i = 0; i < a.size(); i++) {
            Set<Entity> x = new HashSet<>(a.get(i));
            Set<Entity> y = new HashSet<>(b.get(i));
            Set<Entity> union = new HashSet<>(x);
            union.addAll(y);
            x.retainAll(y);
            both += x.size();
            either += union.size();
        }
        return either == 0 ? 1.0 : (double) both / either;
    }

    /** Useful forward FLOPs of one window of {@code tokens} word pieces. */
    static double flops(BertConfig config, int labels, int tokens) {
        double h = config.hiddenSize();
        double perToken = config.layers() * (2 * (4 * h * h + 2 * h * config.intermediateSize()) + 4.0 * tokens * h)
                + 2 * h * labels;
        return perToken * tokens;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[] round(double[] seconds) {
        return Arrays.stream(seconds).map(s -> Math.round(s * 100) / 100.0).toArray();
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    /** A copy of the saved student with the {@code exportOnnx} file beside it, for the padded path. */
    private static Path paddedCopy(Path student) {
        try {
            Path copy = Files.createTempDirectory("meddistill-bench-inference");
            for (String file : List.of("config.json", "tokenizer.json", "model.safetensors", "SHA256SUMS")) {
                if (Files.exists(student.resolve(file))) {
                    Files.copy(student.resolve(file), copy.resolve(file));
                }
            }
            try (BertStudent bert = BertStudent.load(student)) {
                bert.exportOnnx(copy.resolve("model.onnx"));
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + student + " for the padded ONNX path", e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
