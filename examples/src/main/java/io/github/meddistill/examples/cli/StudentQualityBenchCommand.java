package io.github.meddistill.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.github.meddistill.examples.student.StudentQuality;
import io.github.meddistill.student.Segmentation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meddistill bench student-quality --data DIR [--init minilm|bge-small|e5-small|random] [--json]}: trains the
 * student on NCBI-disease train (gold), early-stops on devel and prints strict span F1 on test (see
 * {@link StudentQuality}). With {@code --json}, one JSON object on the last line with {@code init},
 * {@code strictF1}, {@code devF1}, {@code epochs}, {@code trainSeconds} (and precision, recall, bestEpoch).
 */
@Command(name = "student-quality", mixinStandardHelpOptions = true,
        description = "Student span F1 on NCBI-disease test after training on train and early stopping on devel.")
public final class StudentQualityBenchCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Data folder laid out like ../shared/data (ncbi_disease/original-data).")
    Path data;

    @Option(names = "--init", defaultValue = "minilm", paramLabel = "ENCODER",
            description = "minilm (default), bge-small, e5-small (their jars must be on the classpath) or random.")
    String init;

    @Option(names = "--epochs", defaultValue = "4", description = "Most epochs (default 4).")
    int epochs;

    @Option(names = "--lr", defaultValue = "-1",
            description = "Peak learning rate (default 5e-5 for pretrained encoders, 5e-4 for random).")
    double learningRate;

    @Option(names = "--batch-size", defaultValue = "32", description = "Windows per batch (default 32).")
    int batchSize;

    @Option(names = "--max-length", defaultValue = "128", description = "Word pieces per window (default 128).")
    int maxLength;

    @Option(names = "--stride", defaultValue = "32", description = "Pieces shared by consecutive windows (default 32).")
    int stride;

    @Option(names = "--segmentation", defaultValue = "SENTENCE",
            description = "SENTENCE (one sentence per window) or WINDOW (windows across sentences); default SENTENCE.")
    private Segmentation segmentation;

    @Option(names = "--freeze-word-embeddings",
            description = "Keep the pretrained word embeddings fixed (faster steps on CPU).")
    private boolean freezeWordEmbeddings;

    @Option(names = "--propagate-abbreviations",
            description = "Label the uses of abbreviations whose definitions the student labels (dev and test; with"
                    + " --model also for a student saved without it).")
    private boolean propagateAbbreviations;

    @Option(names = "--entity-bias", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Choose a decoding bias per entity type on devel (default on; --no-entity-bias: plain"
                    + " decoding).")
    private boolean entityBias;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default 42).")
    long seed;

    @Option(names = "--devices", defaultValue = "auto", description = "auto, cpu, gpu or gpu:0,1 (default auto).")
    String devices;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Score this saved student on devel and test instead of training one.")
    Path model;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Also save the kept student here (for `meddistill extract` or `eval`).")
    Path saveTo;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(data.resolve("ncbi_disease/original-data"))) {
            spec.commandLine().getErr().println("--data " + data + ": expected a folder with ncbi_disease/original-data"
                    + " as in ../shared/data");
            return 2;
        }
        if (saveTo != null) {
            OutputLocation.studentFolder("--save", saveTo);
        }
        double lr = learningRate > 0 ? learningRate : init.equalsIgnoreCase("random") ? 5e-4 : 5e-5;
        StudentQuality.Result result = model != null
                ? StudentQuality.scoreSaved(data, model, propagateAbbreviations, out)
                : StudentQuality.run(new StudentQuality.Options(data, init, epochs, lr, batchSize, maxLength, stride,
                        segmentation, !freezeWordEmbeddings, propagateAbbreviations, entityBias, seed, devices,
                        Optional.ofNullable(saveTo)), out);
        out.print(result.toTable());
        if (json) {
            out.println(result.toJson());
        }
        out.flush();
        return 0;
    }
}
