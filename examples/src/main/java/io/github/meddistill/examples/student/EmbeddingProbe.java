package io.github.meddistill.examples.student;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.meddistill.core.Student;
import io.github.meddistill.examples.demo.BundledData;
import io.github.meddistill.student.StudentLoader;

/**
 * What a service owner asks of an embedded student, measured in a JVM of its own that only loads the student with
 * {@link StudentLoader#defaults()} (ONNX Runtime, PyTorch never loaded): milliseconds from {@code load} to the
 * first entity list, cold (first load in the process, native libraries included) and warm (second load), resident
 * memory after the warm load, and per-note latency p50/p95 at 1, 2 and 4 concurrent callers on NCBI-disease test
 * abstracts. {@link #main} prints one JSON line; {@link #run} starts that JVM and reads the line back.
 */
public final class EmbeddingProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddingProbe() {
    }

    /** Runs the probe in a child JVM with this JVM's class path. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> run(Path student, int notes) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                EmbeddingProbe.class.getName(), student.toString(), String.valueOf(notes));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String last = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    last = line;
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || last == null || !last.startsWith("{")) {
                throw new IllegalStateException("the embedding probe exited with " + exit + ", last line: " + last);
            }
            return JSON.readValue(last, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the embedding probe", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedding probe ran", e);
        }
    }

    /** {@code EmbeddingProbe STUDENT_DIR NOTES}: prints the figures as one JSON line. */
    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        List<String> notes = BundledData.corpus("ncbi-disease", "test", Path.of(System.getProperty("java.io.tmpdir")))
                .stream().map(a -> a.document().text()).limit(count).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (Student student = StudentLoader.defaults().load(directory)) {
            student.extract(notes.get(0));
            result.put("coldLoadToFirstEntityMs", (System.nanoTime() - started) / 1e6);
        }
        started = System.nanoTime();
        try (Student student = StudentLoader.defaults().load(directory)) {
            student.extract(notes.get(0));
            result.put("warmLoadToFirstEntityMs", (System.nanoTime() - started) / 1e6);
            result.put("rssMb", status("VmRSS:"));
            for (int callers : new int[] {1, 2, 4}) {
                double[] latencies = latencies(student, notes, callers);
                Arrays.sort(latencies);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("p50Ms", latencies[(int) Math.floor(0.50 * (latencies.length - 1))]);
                entry.put("p95Ms", latencies[(int) Math.floor(0.95 * (latencies.length - 1))]);
                result.put("callers" + callers, entry);
            }
            result.put("peakRssMb", status("VmHWM:"));
        }
        System.out.println(JSON.writeValueAsString(result));
    }

    /** Each of {@code callers} threads takes the next note and extracts it, until all notes are done. */
    private static double[] latencies(Student student, List<String> notes, int callers) throws Exception {
        AtomicInteger next = new AtomicInteger();
        double[] latencies = new double[notes.size()];
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < notes.size(); i = next.getAndIncrement()) {
                        long started = System.nanoTime();
                        student.extract(notes.get(i));
                        latencies[i] = (System.nanoTime() - started) / 1e6;
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return latencies;
    }

    private static double status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }
}
