package io.github.meddistill.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.meddistill.examples.student.StudentBenchmark;
import io.github.meddistill.examples.student.StudentSoak;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meddistill bench student --data DIR [--json]}: training and inference throughput of the student for a
 * tiny, a 4-layer/256 and the MiniLM shape, against the fp32 matmul roofline measured in the same run (see
 * {@link StudentBenchmark}). With {@code --json}, one JSON object on the last line with {@code matmulGflops} and
 * {@code configs} (each with {@code name}, {@code trainSeqPerSec}, {@code trainTokensPerSec},
 * {@code inferNotesPerSec}, {@code rooflineFraction}, {@code peakRssMb}).
 *
 * <p>{@code --soak N} runs the soak instead ({@link StudentSoak}): N same-seed trainings back to back under a
 * hostile allocator, with threads extracting at the same time; its JSON line carries {@code runs},
 * {@code crashes}, {@code skippedNonFiniteLoss}, {@code skippedNonFiniteGradient}, {@code identicalWeights} and
 * {@code maxWeightDifference}.
 */
@Command(name = "student", mixinStandardHelpOptions = true,
        description = "Student throughput (train seq/s, tokens/s, inference notes/s) against the matmul roofline.")
public final class StudentBenchCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Data folder laid out like ../shared/data (ncbi_disease/, mtsamples/).")
    Path data;

    @Option(names = "--train-docs", defaultValue = "96",
            description = "NCBI-disease train abstracts trained on for one epoch per config (default 96).")
    int trainDocuments;

    @Option(names = "--notes", defaultValue = "50", description = "MTSamples notes for inference (default 50).")
    int notes;

    @Option(names = "--freeze-word-embeddings",
            description = "Keep the word embeddings fixed while training (see the student-quality bench).")
    boolean freezeWordEmbeddings;

    @Option(names = "--soak", paramLabel = "N", description = "Instead of throughput: N same-seed MiniLM trainings"
            + " back to back, each in its own JVM, counting crashes, skipped steps and weight differences.")
    Integer soak;

    @Option(names = "--soak-sentences", defaultValue = "300",
            description = "Leading NCBI-disease training sentences per soak run (default 300).")
    int soakSentences;

    @Option(names = "--extract-threads", defaultValue = "3",
            description = "Threads extracting from the first soak run's student while later runs train (default 3).")
    int extractThreads;

    @Option(names = "--malloc-perturb", defaultValue = "165",
            description = "MALLOC_PERTURB_ byte for the soak runs, 0 for none (default 165).")
    int mallocPerturb;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (soak != null) {
            return soak(out);
        }
        if (!Files.isDirectory(data.resolve("ncbi_disease/original-data"))
                || !Files.isRegularFile(data.resolve("mtsamples/mtsamples_subset.csv"))) {
            spec.commandLine().getErr().println("--data " + data + ": expected ncbi_disease/original-data and"
                    + " mtsamples/mtsamples_subset.csv as in ../shared/data");
            return 2;
        }
        if (trainDocuments < 1 || notes < 1) {
            spec.commandLine().getErr().println("--train-docs and --notes must be positive");
            return 2;
        }
        StudentBenchmark.Result result = StudentBenchmark.run(data, trainDocuments, notes,
                !freezeWordEmbeddings, out);
        out.print(result.toTable());
        if (json) {
            out.println(result.toJson());
        }
        out.flush();
        return 0;
    }

    private int soak(PrintWriter out) {
        if (!Files.isRegularFile(data.resolve("ncbi_disease/conll/train.tsv"))) {
            spec.commandLine().getErr().println("--data " + data + ": expected ncbi_disease/conll/train.tsv as in"
                    + " ../shared/data");
            return 2;
        }
        if (soak < 2 || soakSentences < 1 || extractThreads < 0 || mallocPerturb < 0 || mallocPerturb > 255) {
            spec.commandLine().getErr().println("expected --soak >= 2, --soak-sentences >= 1, --extract-threads >= 0"
                    + " and --malloc-perturb in [0, 255], but was " + soak + ", " + soakSentences + ", "
                    + extractThreads + ", " + mallocPerturb);
            return 2;
        }
        StudentSoak.Result result = StudentSoak.run(data, soak, soakSentences, extractThreads, mallocPerturb, out);
        out.print(result.toTable());
        if (json) {
            out.println(result.toJson());
        }
        out.flush();
        return result.crashes() == 0 && result.identicalWeights() && result.skippedNonFiniteGradient() == 0 ? 0 : 1;
    }
}
