package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityEnricher;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.context.ContextEngine;
import io.github.meddistill.core.context.TriggerFiles;
import io.github.meddistill.core.io.CorpusFormat;
import io.github.meddistill.core.io.CorpusIoException;
import io.github.meddistill.core.io.JsonlWriter;
import io.github.meddistill.ontology.ConceptLinker;
import io.github.meddistill.ontology.LinkExamples;
import io.github.meddistill.student.InferenceEngine;
import io.github.meddistill.student.Precision;
import io.github.meddistill.student.StudentLoader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meddistill extract}: runs a saved student on text or files and prints the entities as JSON. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Runs a saved student on --text or on files and prints one MedDistill JSONL line per document"
                + " (as --out writes it): {\"id\", \"text\", \"source\", \"entities\": [{\"start\", \"end\", \"type\","
                + " \"text\"}]}, offsets in code points; --assertions and --link add each entity's \"assertion\" and"
                + " \"concepts\".",
                "A .txt file is one document; other files are read as corpora (JSONL, PubTator, brat, CoNLL), their labels ignored."})
public final class ExtractCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A student saved by `meddistill train` or the demo.")
    Path model;

    @Option(names = "--text", paramLabel = "TEXT", description = "Text to extract from (repeatable).")
    List<String> texts = new ArrayList<>();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to extract from.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "Corpus format of FILEs that are not .txt (default: from the name).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results as JSONL here instead of standard output.")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary as the last line of standard output.")
    boolean json;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "Inference engine: ${COMPLETION-CANDIDATES}"
            + " (default: ${DEFAULT-VALUE}, the faster on CPU; both give the same entities).")
    InferenceEngine engine = InferenceEngine.ONNX_RUNTIME;

    @Option(names = "--precision", paramLabel = "PRECISION", description = "Weights: ${COMPLETION-CANDIDATES}"
            + " (default: ${DEFAULT-VALUE}). INT8 (ONNX_RUNTIME only) is about 1.6x faster and agrees on 78-94% of"
            + " entities (bench inference).")
    Precision precision = Precision.FP32;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime's intra-op threads (default: one per"
            + " processor).")
    Integer threads;

    @Option(names = "--assertions", description = "Decide each entity's assertion (negated, uncertain, hypothetical,"
            + " historical, experiencer) with the ConText engine.")
    boolean assertions;

    @Option(names = "--triggers", paramLabel = "FILE", description = "Extra ConText triggers (phrase<TAB>KIND<TAB>CATEGORY) for --assertions.")
    Path triggers;

    @Option(names = "--context-profile", paramLabel = "PROFILE", description = "Scope rules for --assertions:"
            + " CLINICAL_NOTES (default: every entity in a cue's sentence or line) or ELIGIBILITY_CRITERIA (the nearest"
            + " entity within five tokens).")
    ContextEngine.Profile contextProfile;

    @Option(names = "--link", paramLabel = "KIND=PATH", description = "Link each entity to concepts of this lexicon"
            + " (repeatable): doid=doid.obo, hpo=hp.obo, drugbank=..., drugsatfda=..., rxnorm=..., snomed=...")
    List<String> link = new ArrayList<>();

    @Option(names = "--link-examples", paramLabel = "FILE", description = "Mentions coded before, one per line as"
            + " text<TAB>code (a concept id such as DOID:1612 or a cross-reference such as MESH:D001943), for --link:"
            + " a mention equal to an example's text links to the concept its code names first.")
    Path linkExamples;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + ": expected a folder with a saved student, but "
                    + (Files.exists(model) ? "it is a file" : "there is nothing"));
        }
        if (out != null) {
            OutputLocation.file("--out", out);
        }
        List<Document> documents = documents();
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("nothing to extract from: give --text TEXT or FILEs");
        }
        rejectRepeatedIds(documents);
        List<EntityEnricher> enrichers = enrichers();
        StudentLoader.Builder loader = StudentLoader.builder().engine(engine).precision(precision);
        if (threads != null) {
            loader.intraOpThreads(threads);
        }
        StudentLoader configured = loader.build();
        try (Student student = configured.load(model)) {
            long start = System.nanoTime();
            List<List<Entity>> entities = enrich(documents,
                    student.extractAll(documents.stream().map(Document::text).toList()), enrichers);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Annotation> results = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                results.add(new Annotation(documents.get(i), entities.get(i), "student"));
            }
            if (out != null) {
                write(results);
            } else {
                print(results);
            }
            if (json) {
                ObjectNode summary = JsonNodeFactory.instance.objectNode();
                summary.put("documents", documents.size());
                summary.put("entities", entities.stream().mapToInt(List::size).sum());
                summary.put("seconds", seconds);
                summary.put("notesPerSecond", seconds > 0 ? documents.size() / seconds : 0);
                System.out.println(JSON.writeValueAsString(summary));
            }
        }
        return 0;
    }

    /**
     * Assertions, then concepts, as the options ask: trigger files, lexicons and link examples are read before the
     * student loads, so a bad file fails before any extraction.
     */
    private List<EntityEnricher> enrichers() {
        if (linkExamples != null && link.isEmpty()) {
            throw new IllegalArgumentException("--link-examples " + linkExamples + " needs a lexicon to link to:"
                    + " give --link KIND=PATH too (e.g. --link doid=doid.obo)");
        }
        List<EntityEnricher> enrichers = new ArrayList<>();
        if (assertions || triggers != null || contextProfile != null) {
            ContextEngine.Builder context = ContextEngine.builder();
            if (contextProfile != null) {
                context.profile(contextProfile);
            }
            if (triggers != null) {
                context.addTriggers(TriggerFiles.read(triggers));
            }
            enrichers.add(context.build());
        }
        if (!link.isEmpty()) {
            ConceptLinker.Builder linker = ConceptLinker.builder();
            for (String spec : link) {
                linker.addTerms(TeacherSpec.parse(spec).terms());
            }
            if (linkExamples != null) {
                linker.addExamples(LinkExamples.read(linkExamples));
            }
            ConceptLinker built = linker.build();
            if (linkExamples != null) {
                System.err.printf(Locale.ROOT, "--link-examples %s: %d of %d examples name a loaded concept%n",
                        linkExamples, built.resolvedExampleCount(), built.exampleCount());
            }
            enrichers.add(built);
        }
        return enrichers;
    }

    private static List<List<Entity>> enrich(List<Document> documents, List<List<Entity>> found,
                                             List<EntityEnricher> enrichers) {
        List<List<Entity>> result = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            List<Entity> current = found.get(i);
            for (EntityEnricher enricher : enrichers) {
                current = enricher.enrich(documents.get(i).text(), current);
            }
            result.add(current);
        }
        return result;
    }

    /** Results appear under {@code --out} only when complete. */
    private void write(List<Annotation> results) {
        try {
            JsonlWriter.write(out, results);
        } catch (RuntimeException e) {
            throw new RunFailedException("cannot write the results to " + out + ": " + e.getMessage(), e);
        }
    }

    /** Results are matched to documents by id, so two files must not give the same one. */
    private static void rejectRepeatedIds(List<Document> documents) {
        Set<String> seen = new HashSet<>();
        documents.stream().map(Document::id).filter(id -> !seen.add(id)).findFirst().ifPresent(id -> {
            throw new IllegalArgumentException("document id '" + id + "' occurs twice among the inputs (a .txt file's"
                    + " id is its file name); give each document its own id");
        });
    }

    private List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            documents.add(new Document("text-" + (i + 1), texts.get(i)));
        }
        for (Path file : files) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt") && format == null
                    && !Files.exists(Path.of(file.toString().replaceAll("\\.txt$", ".ann")))) {
                try {
                    documents.add(new Document(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
                } catch (CharacterCodingException e) {
                    throw new CorpusIoException(file, "cannot read " + file + ": expected UTF-8 text", e);
                } catch (IOException e) {
                    throw new CorpusIoException(file, "cannot read " + file, e);
                }
            } else {
                CorpusInput.read(CorpusFormat.of(format, file), file, spec.commandLine().getErr())
                        .forEach(a -> documents.add(a.document()));
            }
        }
        return documents;
    }

    /** Standard output gets the lines {@code --out} would hold; it stays open for the summary line. */
    private static void print(List<Annotation> results) {
        PrintStream stdout = System.out;
        try (JsonlWriter writer = JsonlWriter.open(new FilterOutputStream(stdout) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                stdout.write(bytes, offset, length);
            }

            @Override
            public void close() {
                stdout.flush();
            }
        }, "standard output")) {
            writer.writeAll(results);
        }
    }
}
