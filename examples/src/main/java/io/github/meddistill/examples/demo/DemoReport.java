package io.github.meddistill.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The main job's summary across tasks: {@code report.json}, {@code report.md} and {@code report.html}
 * in the output directory, each pointing to the full per-task reports (with error lists) in the
 * task folders. The summary holds scores only, no note text.
 */
public final class DemoReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path outputDirectory;
    private final boolean subsampled;
    private final DistillOptions options;
    private final List<TaskResult> results;

    /** The summary of {@code meddistill demo}. */
    public DemoReport(DemoSettings settings, List<TaskResult> results) {
        this(settings.outputDirectory(), settings.subsampled(), settings.options(), results);
    }

    /**
     * The summary of any run of {@link DistillJob}s.
     *
     * @param subsampled whether the notes are a subsample of the corpora (the bundled ones only)
     */
    public DemoReport(Path outputDirectory, boolean subsampled, DistillOptions options, List<TaskResult> results) {
        this.outputDirectory = outputDirectory;
        this.subsampled = subsampled;
        this.options = options;
        this.results = List.copyOf(results);
    }

    /**
     * The JSON summary: {@code outDir}, {@code tasks} (one object per task and entity type) and {@code training}
     * (one object per student trained in this run, in training order: its steps and skipped steps of each kind, its
     * wall time and every epoch's dev F1 and wall time).
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("outDir", outputDirectory.toAbsolutePath().toString());
        root.put("subsampled", subsampled);
        root.put("encoder", options.encoder().describe());
        root.put("epochs", options.epochs());
        root.put("minSteps", options.minSteps());
        root.put("batchSize", options.batchSize());
        root.put("learningRate", options.learningRate());
        root.put("outsideWeight", options.outsideWeight());
        root.put("propagateAbbreviations", options.propagateAbbreviations());
        root.put("selfTrainingRounds", options.selfTrainingRounds());
        root.put("reliabilityWeights", options.reliabilityWeights());
        root.put("positiveUnlabelled", options.positiveUnlabelled());
        root.put("unknownMentions", options.unknownMentions());
        ArrayNode tasks = root.putArray("tasks");
        results.forEach(result -> result.toJson().forEach(tasks::add));
        ArrayNode training = root.putArray("training");
        for (TaskResult result : results) {
            for (TrainingRun run : result.training()) {
                ObjectNode node = training.addObject();
                node.put("task", result.task().name());
                node.put("system", run.student());
                node.setAll(run.toJson());
            }
        }
        return root;
    }

    public String toMarkdown() {
        StringBuilder text = new StringBuilder("# MedDistill main job\n\n");
        text.append(String.format(Locale.ROOT, "Encoder `%s`, %d epochs (more where they make fewer than %d steps); %s;"
                        + " abbreviation propagation %s for every system.%n", options.encoder().describe(),
                options.epochs(), options.minSteps(),
                subsampled ? "splits subsampled (run with --full for whole corpora)" : "whole corpora",
                options.propagateAbbreviations() ? "on" : "off"));
        for (TaskResult result : results) {
            text.append(String.format(Locale.ROOT, "%n## %s%n%nTrain %d notes (labels hidden from the teachers), dev %d, test %d;"
                            + " %.0f s. Full report: [%s/report.html](%s/report.html).%n%nChosen combination:%n%n```%n%s```%n",
                    result.task().name(), result.trainDocuments(), result.devDocuments(), result.testDocuments(),
                    result.seconds(), result.task().name(), result.task().name(), result.combination()));
            text.append(result.table());
            if (!result.training().isEmpty()) {
                text.append("\nTrained in this run:\n\n");
                result.training().forEach(run -> text.append("- ").append(run.describe()).append('\n'));
            }
        }
        return text.toString();
    }

    public String toHtml() {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>MedDistill main job</title><style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:right}"
                + "td:first-child,td:nth-child(2){text-align:left}</style></head><body><h1>MedDistill main job</h1>\n");
        for (TaskResult result : results) {
            html.append("<h2>").append(escape(result.task().name())).append("</h2><p><a href=\"")
                    .append(escape(result.task().name())).append("/report.html\">Full report with charts and error lists</a></p>\n");
            result.rowsByType().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(entry -> {
                html.append("<h3>").append(escape(entry.getKey().name())).append("</h3><table><tr><th>system</th><th>role</th>"
                        + "<th>strict F1</th><th>95% CI</th><th>notes/s</th><th>USD / 1k notes</th></tr>\n");
                for (SystemRow row : entry.getValue()) {
                    html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.3f</td><td>%.3f &ndash; %.3f</td>"
                                    + "<td>%s</td><td>%.4f</td></tr>%n", escape(row.name()), escape(row.role()), row.strictF1(),
                            row.ci95Lower(), row.ci95Upper(), row.notesPerSecond().isPresent()
                                    ? String.format(Locale.ROOT, "%.1f", row.notesPerSecond().getAsDouble()) : "-",
                            row.usdPer1000Notes()));
                }
                html.append("</table>\n");
            });
        }
        return html.append("</body></html>\n").toString();
    }

    /** Writes the three summary files into the output directory. */
    public void write() {
        Path directory = outputDirectory;
        try {
            AtomicFiles.writeString(directory.resolve("report.json"), JSON.writeValueAsString(toJson()));
            AtomicFiles.writeString(directory.resolve("report.md"), toMarkdown());
            AtomicFiles.writeString(directory.resolve("report.html"), toHtml());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary reports to " + directory, e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
