package io.github.meddistill.examples.student;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.meddistill.student.WeightDifference;

/**
 * The soak benchmark of the student trainer: {@code runs} short MiniLM trainings back to back, each in a JVM of
 * its own ({@link SoakRun}) so that a crash is counted, under glibc's {@code MALLOC_PERTURB_} (freed memory filled
 * with garbage), all with the same seed. The first run that finishes is the reference; every later one also has
 * several threads extracting from the reference's saved student while it trains. Reports crashes, skipped steps of
 * each kind, extraction results that changed between calls, and whether every run trained the reference's weights
 * bit for bit.
 */
public final class StudentSoak {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StudentSoak() {
    }

    /** One run: its exit code, what its trainer reported and how its weights compare to the reference's. */
    public record Run(int index, int exitCode, boolean crashed, int skippedNonFiniteLoss,
            int skippedNonFiniteGradient, long extractions, long extractionMismatches, long differingWeights,
            double maxWeightDifference, double seconds) {
    }

    /** The whole soak. */
    public record Result(String allocator, int sentences, int extractThreads, List<Run> runs) {

        public int crashes() {
            return (int) runs.stream().filter(Run::crashed).count();
        }

        public int skippedNonFiniteLoss() {
            return runs.stream().mapToInt(Run::skippedNonFiniteLoss).sum();
        }

        public int skippedNonFiniteGradient() {
            return runs.stream().mapToInt(Run::skippedNonFiniteGradient).sum();
        }

        public long extractionMismatches() {
            return runs.stream().mapToLong(Run::extractionMismatches).sum();
        }

        /** Whether every run that finished trained the reference's weights bit for bit. */
        public boolean identicalWeights() {
            return runs.stream().filter(r -> !r.crashed()).allMatch(r -> r.differingWeights() == 0);
        }

        public double maxWeightDifference() {
            return runs.stream().filter(r -> !r.crashed()).mapToDouble(Run::maxWeightDifference).max().orElse(0);
        }

        public String toTable() {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                    "student soak: %d runs, first %d NCBI-disease training sentences, 1 epoch, seed 7, %s,"
                            + " %d extracting threads from run 2 on%n", runs.size(), sentences, allocator,
                    extractThreads));
            table.append(String.format(Locale.ROOT, "%4s %5s %8s %8s %12s %10s %14s %12s %8s%n", "run", "exit",
                    "skip:loss", "skip:grad", "extractions", "mismatches", "differing w.", "max |dw|", "s"));
            for (Run run : runs) {
                table.append(String.format(Locale.ROOT, "%4d %5d %8d %8d %12d %10d %14d %12.3g %8.1f%n", run.index(),
                        run.exitCode(), run.skippedNonFiniteLoss(), run.skippedNonFiniteGradient(), run.extractions(),
                        run.extractionMismatches(), run.differingWeights(), run.maxWeightDifference(), run.seconds()));
            }
            table.append(String.format(Locale.ROOT, "crashes %d, skipped steps %d (non-finite loss) + %d (non-finite"
                    + " gradient), extraction mismatches %d, identical weights %s, max weight difference %.3g%n",
                    crashes(), skippedNonFiniteLoss(), skippedNonFiniteGradient(), extractionMismatches(),
                    identicalWeights(), maxWeightDifference()));
            return table.toString();
        }

        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("runs", runs.size());
            json.put("crashes", crashes());
            json.put("skippedNonFiniteLoss", skippedNonFiniteLoss());
            json.put("skippedNonFiniteGradient", skippedNonFiniteGradient());
            json.put("identicalWeights", identicalWeights());
            json.put("maxWeightDifference", maxWeightDifference());
            json.put("extractionMismatches", extractionMismatches());
            json.put("allocator", allocator);
            json.put("sentences", sentences);
            json.put("extractThreads", extractThreads);
            json.put("perRun", runs);
            try {
                return JSON.writeValueAsString(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Runs the soak.
     *
     * @param data a folder laid out like ../shared/data (ncbi_disease/conll/train.tsv is used)
     * @param runs trainings, at least 2
     * @param sentences leading sentences of the training file to train on
     * @param extractThreads threads extracting while runs 2 and later train
     * @param mallocPerturb the {@code MALLOC_PERTURB_} byte for the runs, or 0 for glibc's plain allocator
     */
    public static Result run(Path data, int runs, int sentences, int extractThreads, int mallocPerturb,
            PrintWriter log) {
        Path work;
        try {
            work = Files.createTempDirectory("meddistill-soak-");
            Path train = work.resolve("train.conll");
            Files.write(train, leadingSentences(data.resolve("ncbi_disease/conll/train.tsv"), sentences),
                    StandardCharsets.UTF_8);
            List<Run> results = new ArrayList<>();
            Path reference = null;
            for (int i = 1; i <= runs; i++) {
                Path out = work.resolve("run-" + i);
                Run run = launch(i, train, out, reference, extractThreads, mallocPerturb, work);
                if (!run.crashed() && reference == null) {
                    reference = out;
                } else if (!run.crashed()) {
                    WeightDifference difference = WeightDifference.between(reference, out);
                    run = new Run(run.index(), run.exitCode(), false, run.skippedNonFiniteLoss(),
                            run.skippedNonFiniteGradient(), run.extractions(), run.extractionMismatches(),
                            difference.differing(), difference.maxAbsolute(), run.seconds());
                    delete(out);
                }
                results.add(run);
                log.printf(Locale.ROOT, "run %d/%d: exit %d, skipped %d + %d, %d extractions (%d mismatches),"
                        + " %d weights differ from the reference, %.1f s%n", i, runs, run.exitCode(),
                        run.skippedNonFiniteLoss(), run.skippedNonFiniteGradient(), run.extractions(),
                        run.extractionMismatches(), run.differingWeights(), run.seconds());
                log.flush();
            }
            Result result = new Result(mallocPerturb == 0 ? "glibc malloc" : "MALLOC_PERTURB_=" + mallocPerturb, sentences,
                    extractThreads, List.copyOf(results));
            if (result.crashes() == 0) {
                delete(work);
            } else {
                log.printf("logs of the crashed runs (and any hs_err file) kept in %s%n", work);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("soak benchmark: " + e.getMessage(), e);
        }
    }

    private static Run launch(int index, Path train, Path out, Path reference, int extractThreads,
            int mallocPerturb, Path work) throws IOException {
        // absolute entries: the run works in its own folder, where an hs_err file may land
        String classPath = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath));
        for (String property : List.of("ai.djl.offline", "org.slf4j.simpleLogger.defaultLogLevel")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of(SoakRun.class.getName(), train.toString(), out.toString(), "7"));
        if (reference != null) {
            command.addAll(List.of(reference.toString(), String.valueOf(extractThreads)));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectError(work.resolve("run-" + index + ".log").toFile());
        if (mallocPerturb != 0) {
            builder.environment().put("MALLOC_PERTURB_", String.valueOf(mallocPerturb));
        }
        long started = System.nanoTime();
        Process process = builder.start();
        List<String> lines;
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            lines = reader.lines().toList();
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("soak interrupted", e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonNode summary = lines.isEmpty() || exit != 0 ? null : JSON.readTree(lines.get(lines.size() - 1));
        if (summary == null) {
            return new Run(index, exit, true, 0, 0, 0, 0, 0, 0, seconds);
        }
        return new Run(index, exit, false, summary.path("skippedNonFiniteLoss").asInt(),
                summary.path("skippedNonFiniteGradient").asInt(), summary.path("extractions").asLong(),
                summary.path("extractionMismatches").asLong(), 0, 0, seconds);
    }

    /** The lines of a CoNLL file up to its {@code sentences}-th blank line. */
    static List<String> leadingSentences(Path conll, int sentences) throws IOException {
        List<String> kept = new ArrayList<>();
        int blank = 0;
        for (String line : Files.readAllLines(conll, StandardCharsets.UTF_8)) {
            kept.add(line);
            if (line.isBlank() && ++blank >= sentences) {
                break;
            }
        }
        return kept;
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
