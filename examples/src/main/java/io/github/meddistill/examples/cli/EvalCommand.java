package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.io.JsonlReader;
import io.github.meddistill.core.io.ReadResult;
import io.github.meddistill.eval.Bootstrap;
import io.github.meddistill.eval.report.EvaluationReport;
import io.github.meddistill.eval.report.JsonReport;
import io.github.meddistill.eval.report.SystemResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meddistill eval --gold FILE --pred FILE [--html FILE] [--json]}: scores predicted entities
 * against gold, both in MedDistill JSONL, documents matched by id. Prints a table of strict and lenient
 * precision, recall and F1 per entity type with 95% bootstrap intervals; with {@code --json}, one JSON
 * object on the last line: {@code gold}, {@code pred}, {@code documents}, and {@code strict} and
 * {@code lenient}, each with {@code micro}, {@code macro} and {@code perType} (keyed by entity type),
 * each with {@code precision}, {@code recall}, {@code f1}, {@code tp}, {@code fp}, {@code fn} and
 * {@code ci}, plus {@code tokenLevel}. {@code --html} writes a self-contained report that contains
 * note text (error lists), only to the given path.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score predicted entities against gold (both MedDistill JSONL, matched by document id):"
                + " strict and lenient P/R/F1 per entity type, micro and macro, with bootstrap intervals.")
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--gold", required = true, paramLabel = "FILE", description = "Gold annotations (JSONL).")
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
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!requireFile("--gold", gold, err) || !requireFile("--pred", pred, err)) {
            return 2;
        }
        if (resamples < 1) {
            err.println("--resamples must be at least 1: " + resamples);
            err.flush();
            return 2;
        }
        String system = name != null ? name : pred.getFileName().toString().replaceFirst("\\.jsonl$", "");
        try {
            List<Annotation> goldAnnotations = read(gold, "gold", err);
            List<Annotation> predicted = read(pred, system, err);
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
        } catch (MedDistillException | IllegalArgumentException | IOException e) {
            err.println("eval failed: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static boolean requireFile(String option, Path file, PrintWriter err) {
        if (Files.isRegularFile(file)) {
            return true;
        }
        err.println(option + " " + file + ": " + (Files.exists(file) ? "is not a regular file" : "no such file")
                + " (expected a MedDistill JSONL file)");
        err.flush();
        return false;
    }

    private static List<Annotation> read(Path file, String source, PrintWriter err) {
        ReadResult result = JsonlReader.builder().source(source).build().read(file);
        if (result.report().hasNotices()) {
            err.println(file + ": " + result.report().summary());
        }
        if (result.annotations().isEmpty()) {
            throw new IllegalArgumentException(file + " holds no documents");
        }
        return result.annotations();
    }

    private void writeHtml(String content) throws IOException {
        Path parent = html.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(html, content, StandardCharsets.UTF_8);
    }
}
