package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.io.AtomicFiles;
import io.github.meddistill.core.io.CorpusFormat;
import io.github.meddistill.eval.Bootstrap;
import io.github.meddistill.eval.report.EvaluationReport;
import io.github.meddistill.eval.report.JsonReport;
import io.github.meddistill.eval.report.SystemResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meddistill eval --gold FILE --pred FILE [--html FILE] [--json]}: scores predicted entities
 * against gold, documents matched by id. Both are MedDistill JSONL ({@code .jsonl}, {@code .jsonl.gz}) or, by
 * their names, another corpus format (PubTator, brat, CoNLL) with its labels mapped as the other commands do. Prints a table of strict and lenient
 * precision, recall and F1 per entity type with 95% bootstrap intervals; with {@code --json}, one JSON
 * object on the last line: {@code gold}, {@code pred}, {@code documents}, and {@code strict} and
 * {@code lenient}, each with {@code micro}, {@code macro} and {@code perType} (keyed by entity type),
 * each with {@code precision}, {@code recall}, {@code f1}, {@code tp}, {@code fp}, {@code fn} and
 * {@code ci}, plus {@code tokenLevel}. {@code --html} writes a self-contained report that contains
 * note text (error lists), only to the given path.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score predicted entities against gold (MedDistill JSONL or another corpus format, matched by document id):"
                + " strict and lenient P/R/F1 per entity type, micro and macro, with bootstrap intervals.")
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--gold", required = true, paramLabel = "FILE", description = "Gold annotations (JSONL, or PubTator, brat, CoNLL).")
    Path gold;

    @Option(names = "--pred", required = true, paramLabel = "FILE", description = "Predicted annotations (JSONL).")
    Path pred;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report here. It contains note text (error lists).")
    Path html;

    @Option(names = "--name", paramLabel = "NAME", description = "System name in reports (default: the --pred file name).")
    String name;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap resamples for the 95%% intervals (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        requireFile("--gold", gold);
        requireFile("--pred", pred);
        if (resamples < 1) {
            throw new IllegalArgumentException("--resamples must be at least 1: " + resamples);
        }
        if (html != null) {
            OutputLocation.file("--html", html);
        }
        String system = name != null ? name : pred.getFileName().toString().replaceFirst("\\.jsonl(\\.gz)?$", "");
        List<Annotation> goldAnnotations = read(gold, err);
        List<Annotation> predicted = read(pred, err);
        Bootstrap bootstrap = Bootstrap.builder().resamples(resamples).seed(seed).build();
        EvaluationReport report = EvaluationReport.builder(goldAnnotations).title("Evaluation of " + system)
                .bootstrap(bootstrap).addSystem(system, "system", predicted).build();
        SystemResult result = report.systems().get(0);
        out.print(report.summaryTable());
        if (html != null) {
            writeHtml(report.toHtml());
            out.println("HTML report (contains note text): " + html);
        }
        if (json) {
            ObjectNode scores = JsonReport.scores(result.scores(), result.intervals());
            ObjectNode line = scores.objectNode();
            line.put("gold", gold.toString());
            line.put("pred", pred.toString());
            line.put("system", system);
            line.put("documents", result.scores().documentCount());
            line.setAll(scores);
            out.println(JsonReport.write(line));
        }
        out.flush();
        return 0;
    }

    private static void requireFile(String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": " + (Files.exists(file) ? "is not a regular file"
                    : "no such file") + " (expected a corpus file: MedDistill JSONL, or PubTator, brat or CoNLL)");
        }
    }

    private static List<Annotation> read(Path file, PrintWriter err) {
        return CorpusInput.read(CorpusFormat.of(null, file), file, err);
    }

    private void writeHtml(String content) {
        try {
            AtomicFiles.writeString(html, content);
        } catch (IOException e) {
            throw new RunFailedException("cannot write the HTML report to " + html + ": " + e.getMessage(), e);
        }
    }
}
