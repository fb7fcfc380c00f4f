package io.github.meddistill.examples.student;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.core.Student;
import io.github.meddistill.student.BertConfig;
import io.github.meddistill.student.OnnxStudent;
import io.github.meddistill.student.Precision;
import io.github.meddistill.student.StudentLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where ONNX Runtime spends a student's inference time: one note per call over the given notes with ONNX Runtime's
 * profiler on, then the operators' kernel times summed by operator type ({@code MatMul}, {@code MatMulInteger},
 * {@code Softmax}, ...), as the share of all kernel time. Kernel time leaves out the session's own overhead between
 * operators, which the row {@code (outside kernels)} shows against the wall time of the calls.
 */
public final class OnnxProfile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxProfile() {
    }

    /** Time of one operator type. */
    public record OperatorTime(String operator, double millis, double share) {
    }

    /** GFLOP/s of one fp32 matrix product {@code [m, k] x [k, n]} on ONNX Runtime. */
    public record ShapeRoofline(int m, int k, int n, double gflops) {
    }

    /**
     * The profile of one precision, with the fp32 matmul GFLOP/s at the student's own shapes (the tokens of an
     * average note by the hidden and feed-forward widths) beside the 1024² roofline.
     */
    public record Result(String precision, int notes, double wallMillis, List<OperatorTime> operators,
            List<ShapeRoofline> shapes) {

        public String toTable() {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "Where the time goes: ONNX Runtime profile, %s, one note per call, %d notes, %.0f ms in calls%n"
                            + "| operator | ms | share of call time |%n| --- | --- | --- |%n",
                    precision, notes, wallMillis));
            for (OperatorTime time : operators) {
                table.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f%% |%n", time.operator(), time.millis(),
                        100 * time.share()));
            }
            table.append(String.format(Locale.ROOT, "%nfp32 MatMul on ONNX Runtime at the student's shapes%n"
                    + "| m x k x n | GFLOP/s | of 1024³ |%n| --- | --- | --- |%n"));
            double square = shapes.get(0).gflops();
            for (ShapeRoofline shape : shapes) {
                table.append(String.format(Locale.ROOT, "| %d x %d x %d | %.1f | %.0f%% |%n", shape.m(), shape.k(),
                        shape.n(), shape.gflops(), 100 * shape.gflops() / square));
            }
            return table.toString();
        }
    }

    /** Profiles {@code student} at {@code precision} on {@code notes}, with a scratch folder for the trace. */
    public static Result of(Path student, Precision precision, List<String> notes) {
        Path folder;
        try {
            folder = Files.createTempDirectory("meddistill-profile");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the ONNX Runtime profile", e);
        }
        try {
            StudentLoader loader = StudentLoader.builder().precision(precision).onnxProfile(folder.resolve("ort"))
                    .build();
            long calls = 0;
            int tokens = 0;
            try (Student loaded = loader.load(student)) {
                for (String note : notes) {
                    tokens += ((OnnxStudent) loaded).sequenceLengths(note).stream().mapToInt(Integer::intValue).sum();
                }
                loaded.extract(notes.get(0));
                for (String note : notes) {
                    long start = System.nanoTime();
                    loaded.extract(note);
                    calls += System.nanoTime() - start;
                }
            }
            double wallMillis = calls / 1e6;
            return new Result(precision.name().toLowerCase(Locale.ROOT), notes.size(), wallMillis,
                    operators(trace(folder), wallMillis, notes.size() + 1.0, notes.size()),
                    shapes(BertConfig.read(student.resolve("config.json")), tokens / notes.size()));
        } finally {
            delete(folder);
        }
    }

    /**
     * Kernel time per operator type, scaled from all {@code calls} to the {@code timed} ones (the first call, a
     * warm-up, is in the trace too), largest first, then the time outside kernels.
     */
    static List<OperatorTime> operators(JsonNode trace, double wallMillis, double calls, int timed) {
        Map<String, Double> micros = new TreeMap<>();
        for (JsonNode event : trace) {
            if ("Node".equals(event.path("cat").asText()) && event.path("name").asText().endsWith("_kernel_time")) {
                micros.merge(event.path("args").path("op_name").asText("?"), event.path("dur").asDouble(), Double::sum);
            }
        }
        double scale = timed / calls;
        List<OperatorTime> times = new ArrayList<>();
        double kernels = 0;
        for (Map.Entry<String, Double> entry : micros.entrySet()) {
            double millis = entry.getValue() / 1000 * scale;
            kernels += millis;
            times.add(new OperatorTime(entry.getKey(), millis, millis / wallMillis));
        }
        times.sort(Comparator.comparingDouble(OperatorTime::millis).reversed());
        double outside = Math.max(0, wallMillis - kernels);
        times.add(new OperatorTime("(outside kernels: tokenising, decoding, session)", outside, outside / wallMillis));
        return List.copyOf(times);
    }

    /** The square roofline first, then the projections and feed-forward products of a note of {@code tokens}. */
    private static List<ShapeRoofline> shapes(BertConfig config, int tokens) {
        int threads = Runtime.getRuntime().availableProcessors();
        int hidden = config.hiddenSize();
        int wide = config.intermediateSize();
        List<ShapeRoofline> shapes = new ArrayList<>();
        for (int[] shape : new int[][] {{1024, 1024, 1024}, {tokens, hidden, hidden}, {tokens, hidden, wide},
                {tokens, wide, hidden}}) {
            try (MatMulRoofline roofline = new MatMulRoofline(threads, shape[0], shape[1], shape[2])) {
                double best = 0;
                for (int i = 0; i < 3; i++) {
                    best = Math.max(best, roofline.measure());
                }
                shapes.add(new ShapeRoofline(shape[0], shape[1], shape[2], best));
            }
        }
        return List.copyOf(shapes);
    }

    private static JsonNode trace(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            Path file = files.filter(f -> f.getFileName().toString().endsWith(".json")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("ONNX Runtime wrote no profile into " + folder));
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ONNX Runtime profile in " + folder, e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a scratch folder under the temporary directory; nothing depends on its removal
        }
    }
}
