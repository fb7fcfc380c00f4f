package io.github.meddistill.examples.ontology;

import io.github.meddistill.ontology.DictionaryMatcher;
import io.github.meddistill.ontology.Term;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Speed of the dictionary matcher with the four open lexicons loaded together (with the options of
 * {@link OntologyQuality#tunedMatcher()}), on the MTSamples notes of a data folder: load time, heap
 * per term, matching MB/s on one thread and on all cores, and a naive per-term {@code indexOf} scan
 * over part of the same text, in the same run.
 *
 * <p>MB are 10^6 bytes of UTF-8 note text. Before each speed is measured, the same passes run for
 * the measure time unmeasured, so that the JIT compiler has finished (and redone) its work on the
 * matcher; each speed is then the median of five rounds of whole passes, each round lasting at least
 * a fifth of the measure time. One-thread speed is given per wall-clock second and,
 * because a shared machine may take the core away, also per second of the thread's CPU time (load
 * time likewise, summed over the loading threads; that CPU time leaves out the JIT compiler and
 * garbage collector threads). The four files are read in parallel, one loader each (loaders are
 * thread-safe), then the matcher is built on one thread from DOID, HPO, DrugBank and Drugs@FDA in
 * that order. The naive baseline lower-cases the text once and, for every distinct lower-cased
 * term, finds all occurrences with {@code String.indexOf} and a word-boundary check; it runs on a
 * slice of the notes because on all of them it would take hours.
 * Heap per term is the growth of the used heap (after full collections) from before loading to
 * the built matcher, divided by the matcher's entries: an estimate, as any JVM heap measurement is.
 *
 * <pre>{@code
 * OntologyBenchmark.Result result = OntologyBenchmark.run(Path.of("../shared/data"), Duration.ofSeconds(2), new PrintWriter(System.out, true));
 * }</pre>
 */
public final class OntologyBenchmark {

    private static final double MB = 1e6;
    private static final int NAIVE_SLICE_CHARS = 20_000;
    private static final int ROUNDS = 5;
    /** How long each speed is warmed up and then measured by default: whole passes over the notes for at least this long. */
    public static final Duration DEFAULT_MEASURE_TIME = Duration.ofSeconds(2);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private OntologyBenchmark() {
    }

    /** One benchmark run's numbers. */
    public record Result(int terms, double loadSeconds, double loadCpuSeconds, double bytesPerTerm,
                         double matchMBpsOneThread,
                         double matchMBpsOneThreadCpu, double matchMBpsAllThreads, int threads, double naiveMBps,
                         double textMB, int notes, long matchesPerPass) {

        /** How many times faster one matcher thread is than the naive scan. */
        public double speedupOverNaive() {
            return matchMBpsOneThread / naiveMBps;
        }

        /** The result as one JSON object on one line. */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"terms\":%d,\"loadSeconds\":%.3f,\"loadCpuSeconds\":%.3f,"
                            + "\"bytesPerTerm\":%.1f,"
                            + "\"matchMBpsOneThread\":%.2f,\"matchMBpsOneThreadCpu\":%.2f,\"matchMBpsAllThreads\":%.2f,"
                            + "\"threads\":%d,"
                            + "\"naiveMBps\":%.4f,\"speedupOverNaive\":%.1f,\"textMB\":%.3f,\"notes\":%d,"
                            + "\"matchesPerPass\":%d}", terms, loadSeconds, loadCpuSeconds, bytesPerTerm, matchMBpsOneThread,
                    matchMBpsOneThreadCpu, matchMBpsAllThreads, threads, naiveMBps, speedupOverNaive(), textMB, notes,
                    matchesPerPass);
        }

        /** The result as a small text table. */
        public String toTable() {
            return String.format(Locale.ROOT, """
                            | measure                         | value        |
                            | ------------------------------- | ------------ |
                            | terms loaded (matcher entries)  | %,12d |
                            | load + build seconds            | %12.3f |
                            | load + build CPU-seconds        | %12.3f |
                            | heap bytes per term             | %12.1f |
                            | match MB/s, 1 thread            | %12.2f |
                            | match MB per CPU-second, 1 thr. | %12.2f |
                            | match MB/s, %2d threads          | %12.2f |
                            | naive indexOf MB/s, 1 thread    | %12.4f |
                            | speed-up over naive (1 thread)  | %11.1fx |
                            | text MB (%d notes)             | %12.3f |
                            """, terms, loadSeconds, loadCpuSeconds, bytesPerTerm, matchMBpsOneThread, matchMBpsOneThreadCpu, threads,
                    matchMBpsAllThreads, naiveMBps, speedupOverNaive(), notes, textMB);
        }
    }

    public static void main(String[] args) {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        PrintWriter out = new PrintWriter(System.out, true);
        Result result = run(data, DEFAULT_MEASURE_TIME, out);
        out.print(result.toTable());
        out.println(result.toJson());
        out.flush();
    }

    /**
     * Runs the benchmark on {@code dataDir}, measuring each speed for at least {@code measureTime},
     * printing progress to {@code log}.
     */
    public static Result run(Path dataDir, Duration measureTime, PrintWriter log) {
        long measureNanos = measureTime.toNanos();
        List<String> notes = MtSamplesNotes.read(dataDir.resolve("mtsamples/mtsamples_subset.csv"));
        long bytes = 0;
        for (String note : notes) {
            bytes += note.getBytes(StandardCharsets.UTF_8).length;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        long heapBefore = usedHeapAfterGc();
        long loadCpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        List<Term> terms = new ArrayList<>();
        AtomicLong loaderCpuNanos = new AtomicLong();
        ExecutorService loaders = Executors.newFixedThreadPool(Math.min(4, threads));
        try {
            List<Future<List<Term>>> lexicons = new ArrayList<>();
            for (Function<Path, List<Term>> lexicon : List.<Function<Path, List<Term>>>of(OntologyLexicons::doid,
                    OntologyLexicons::hpo, OntologyLexicons::drugBank, OntologyLexicons::drugsAtFda)) {
                lexicons.add(loaders.submit(() -> {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    List<Term> loaded = lexicon.apply(dataDir);
                    loaderCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
                    return loaded;
                }));
            }
            for (Future<List<Term>> lexicon : lexicons) {
                terms.addAll(get(lexicon));
            }
        } finally {
            loaders.shutdownNow();
        }
        DictionaryMatcher matcher = OntologyQuality.tunedMatcher().addTerms(terms).build();
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        double loadCpuSeconds = (THREADS.getCurrentThreadCpuTime() - loadCpuStart + loaderCpuNanos.get()) / 1e9;
        terms = null;
        long heapAfter = usedHeapAfterGc();
        double bytesPerTerm = (double) (heapAfter - heapBefore) / matcher.termCount();
        log.printf(Locale.ROOT, "loaded %,d terms in %.2f s%n", matcher.termCount(), loadSeconds);

        long matches = matchAll(matcher, notes);
        Speed oneThreadSpeed = measure(() -> matchAll(matcher, notes), bytes, measureNanos);
        double oneThread = oneThreadSpeed.wallMBps();
        double oneThreadCpu = oneThreadSpeed.cpuMBps();
        log.printf(Locale.ROOT, "one thread: %.2f MB/s (%.2f MB per CPU-second)%n", oneThread, oneThreadCpu);
        double allThreads;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            allThreads = measure(() -> parallelMatch(pool, threads, matcher, notes), bytes, measureNanos).wallMBps();
        } finally {
            pool.shutdownNow();
        }
        log.printf(Locale.ROOT, "%d threads: %.2f MB/s%n", threads, allThreads);

        List<String> naiveTerms = naiveTerms(dataDir);
        String slice = slice(notes);
        long sliceBytes = slice.getBytes(StandardCharsets.UTF_8).length;
        naiveScan(naiveTerms, slice.substring(0, Math.min(slice.length(), 2_000)));
        double naive = measureOnce(() -> naiveScan(naiveTerms, slice), sliceBytes);
        log.printf(Locale.ROOT, "naive: %.4f MB/s over %,d bytes%n", naive, sliceBytes);
        return new Result(matcher.termCount(), loadSeconds, loadCpuSeconds, bytesPerTerm, oneThread, oneThreadCpu, allThreads, threads, naive,
                bytes / MB, notes.size(), matches);
    }

    private static long matchAll(DictionaryMatcher matcher, List<String> notes) {
        long matches = 0;
        for (String note : notes) {
            matches += matcher.match(note).size();
        }
        return matches;
    }

    private static long parallelMatch(ExecutorService pool, int threads, DictionaryMatcher matcher,
                                      List<String> notes) {
        AtomicInteger next = new AtomicInteger();
        List<Future<Long>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long matches = 0;
                for (int i = next.getAndIncrement(); i < notes.size(); i = next.getAndIncrement()) {
                    matches += matcher.match(notes.get(i)).size();
                }
                return matches;
            }));
        }
        long total = 0;
        for (Future<Long> future : futures) {
            total += get(future);
        }
        return total;
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a benchmark task", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("benchmark task failed", e.getCause());
        }
    }

    /** A median speed: per wall-clock second, and per second of the calling thread's CPU time. */
    private record Speed(double wallMBps, double cpuMBps) {
    }

    /**
     * Runs whole passes unmeasured for at least {@code nanos} (JIT warm-up), then {@link #ROUNDS}
     * rounds of whole passes, each for at least {@code nanos / ROUNDS}; the median round's MB/s.
     */
    private static Speed measure(java.util.function.LongSupplier pass, long bytesPerPass, long nanos) {
        long sink = 0;
        long warmUpStart = System.nanoTime();
        do {
            sink += pass.getAsLong();
        } while (System.nanoTime() - warmUpStart < nanos);
        double[] wall = new double[ROUNDS];
        double[] cpu = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long passes = 0;
            do {
                sink += pass.getAsLong();
                passes++;
            } while (System.nanoTime() - start < nanos / ROUNDS);
            double megabytes = passes * bytesPerPass / MB;
            wall[round] = megabytes / ((System.nanoTime() - start) / 1e9);
            cpu[round] = megabytes / (Math.max(1, THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        }
        if (sink < 0) {
            throw new IllegalStateException("negative match count");
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new Speed(wall[ROUNDS / 2], cpu[ROUNDS / 2]);
    }

    private static double measureOnce(java.util.function.LongSupplier pass, long bytes) {
        long start = System.nanoTime();
        long sink = pass.getAsLong();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink < 0) {
            throw new IllegalStateException("negative match count");
        }
        return bytes / MB / seconds;
    }

    /** Distinct lower-cased strings of the same four lexicons, as a naive matcher would hold them. */
    private static List<String> naiveTerms(Path dataDir) {
        Set<String> distinct = new LinkedHashSet<>();
        for (List<Term> lexicon : List.of(OntologyLexicons.doid(dataDir), OntologyLexicons.hpo(dataDir),
                OntologyLexicons.drugBank(dataDir), OntologyLexicons.drugsAtFda(dataDir))) {
            for (Term term : lexicon) {
                distinct.add(term.text().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(distinct);
    }

    /** Every occurrence of every term, on word boundaries: one {@code indexOf} loop per term. */
    static long naiveScan(List<String> terms, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        long found = 0;
        for (String term : terms) {
            for (int at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
                int end = at + term.length();
                boolean startsWord = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1));
                boolean endsWord = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end));
                if (startsWord && endsWord) {
                    found++;
                }
            }
        }
        return found;
    }

    private static String slice(List<String> notes) {
        StringBuilder slice = new StringBuilder();
        for (String note : notes) {
            if (slice.length() >= NAIVE_SLICE_CHARS) {
                break;
            }
            slice.append(note).append('\n');
        }
        return slice.toString();
    }

    /** The used heap once collections stop freeing anything (at most 10 of them): what is reachable. */
    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = runtime.totalMemory() - runtime.freeMemory();
            if (now >= used) {
                return used;
            }
            used = now;
        }
        return used;
    }
}
