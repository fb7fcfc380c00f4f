package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.io.CorpusFormat;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.io.JsonlWriter;
import io.github.meddistill.examples.annotation.AnnotationTool;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meddistill import}: an annotation tool's export back as MedDistill JSONL gold. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Reads your annotators' export (Label Studio JSON, doccano JSONL: one file per annotator, or"
                + " Prodigy db-out JSONL) and writes it as gold JSONL for distill --dev/--test/--gold-train and eval."
                + " Offsets are converted from the tools' Unicode code points. Several annotators of a note are merged by"
                + " --merge; their agreement and the disputed spans are printed."})
public final class ImportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "EXPORT", description = "The tool's export file(s).")
    List<Path> exports;

    @Option(names = "--tool", required = true, paramLabel = "TOOL", description = "label-studio, doccano or prodigy.")
    String tool;

    @Option(names = "--notes", paramLabel = "FILE", description = "The notes the sample came from: a gold text that"
            + " differs from the note with the same id is an error.")
    Path notes;

    @Option(names = "--merge", paramLabel = "RULE", defaultValue = "majority", description = "majority (a span more"
            + " than half of a note's annotators marked; default) or union.")
    String merge;

    @Option(names = "--annotator", paramLabel = "ID", description = "Keep only this annotator's annotations.")
    String annotator;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Gold JSONL to write (.gz: gzipped).")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary as the last line of standard output.")
    boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AnnotationTool annotationTool = AnnotationTool.named(tool);
        AnnotationTool.Merge rule;
        try {
            rule = AnnotationTool.Merge.valueOf(merge.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--merge '" + merge + "': expected majority or union", e);
        }
        for (Path export : exports) {
            if (!Files.isRegularFile(export)) {
                throw new IllegalArgumentException(export + ": no such file (expected a " + tool + " export)");
            }
        }
        OutputLocation.file("--out", out);
        PrintWriter err = spec.commandLine().getErr();
        AnnotationTool.Import read = annotationTool.read(exports, rule, annotator);
        if (notes != null) {
            List<Document> documents = CorpusInput.read(CorpusFormat.of(null, notes), notes, err).stream()
                    .map(Annotation::document).toList();
            GoldChecks.sameText("the export", exports.get(0), read.gold(), documents, notes);
        }
        if (!read.repairs().isEmpty()) {
            StringBuilder text = new StringBuilder(String.join(", ", exports.stream().map(Path::toString).toList()))
                    .append(": repaired or skipped:");
            read.repairs().forEach((kind, n) -> text.append(' ').append(kind).append(' ').append(n).append(','));
            text.setLength(text.length() - 1);
            read.examples().stream().limit(CorpusInput.EXAMPLES).forEach(example -> text.append("\n  ").append(example));
            err.println(text);
            err.flush();
        }
        try {
            JsonlWriter.write(out, read.gold());
        } catch (RuntimeException e) {
            throw new RunFailedException("cannot write the gold file " + out + ": " + e.getMessage(), e);
        }
        int entities = read.gold().stream().mapToInt(a -> a.entities().size()).sum();
        System.out.printf("%d notes, %d gold entities (%s) from %d annotator(s) -> %s%n", read.gold().size(), entities,
                GoldChecks.typeCounts(read.gold()), read.annotators().size(), out);
        if (read.multiplyAnnotated() > 0) {
            System.out.printf("%d notes with several annotators: %d disputed spans, pairwise exact-span agreement F1"
                    + " %.3f; merged by %s%n", read.multiplyAnnotated(), read.disputedSpans(),
                    read.agreementF1().orElseThrow(), rule.name().toLowerCase(Locale.ROOT));
        }
        if (json) {
            ObjectNode summary = JsonNodeFactory.instance.objectNode();
            summary.put("documents", read.gold().size());
            summary.put("entities", entities);
            ArrayNode names = summary.putArray("annotators");
            read.annotators().stream().sorted().forEach(names::add);
            summary.put("multiplyAnnotated", read.multiplyAnnotated());
            summary.put("disputedSpans", read.disputedSpans());
            if (read.agreementF1().isPresent()) {
                summary.put("agreementF1", read.agreementF1().getAsDouble());
            } else {
                summary.putNull("agreementF1");
            }
            ObjectNode repairs = summary.putObject("repairs");
            read.repairs().forEach(repairs::put);
            summary.put("out", out.toAbsolutePath().toString());
            System.out.println(new ObjectMapper().writeValueAsString(summary));
        }
        return 0;
    }
}
