package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.io.CorpusFormat;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.io.AtomicFiles;
import io.github.meddistill.core.io.JsonlWriter;
import io.github.meddistill.examples.annotation.AnnotationSample;
import io.github.meddistill.examples.annotation.AnnotationTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meddistill sample}: picks notes for annotation and writes them for Label Studio, doccano and Prodigy. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Picks N notes for your annotators: those where the teachers disagree most, stratified so that"
                + " rare types appear, the same notes for the same --seed. Writes into --out: sample.jsonl (the notes),"
                + " label-studio.json (tasks with each teacher's labels as pre-annotations) and label-studio-config.xml,"
                + " doccano.jsonl and prodigy.jsonl (the teachers' labels merged). Read the tools' exports back with"
                + " `meddistill import`."})
public final class SampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NOTES", description = "Notes to pick from (any corpus format, gzip too).")
    Path input;

    @Option(names = {"-t", "--teacher"}, required = true, paramLabel = "SPEC",
            description = "A teacher, repeatable: " + TeacherSpec.HELP + ".")
    List<String> teachers;

    @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "Entity types (default: those of"
            + " MEDICATION, DISEASE and SYMPTOM that the teachers label).")
    List<String> types;

    @Option(names = {"-n", "--notes"}, required = true, paramLabel = "N", description = "How many notes to pick.")
    int count;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the tie order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--openai-base-url", paramLabel = "URL", description = "OpenAI-compatible server for openai=MODEL teachers.")
    String openAiBaseUrl;

    @Option(names = "--snomed-language-refset", paramLabel = "REFSET", defaultValue = "us",
            description = "Language refset of snomed=PATH teachers: " + SnomedRefsetOption.HELP + ".")
    String snomedRefset;

    @Option(names = "--json", description = "Print a JSON summary as the last line of standard output.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("-n " + count + ": expected at least 1 note to pick");
        }
        List<TeacherSpec> specs = teachers.stream().map(TeacherSpec::parse).toList();
        Set<EntityType> entityTypes = LabelCommand.entityTypes(types, specs);
        SnomedRefsetOption refset = SnomedRefsetOption.parse(snomedRefset);
        OutputLocation.folder("--out", out);
        List<Document> documents = CorpusInput.read(CorpusFormat.of(null, input), input, spec.commandLine().getErr())
                .stream().map(Annotation::document).toList();
        ProgressBar progress = ProgressBar.forTerminal(quiet);
        Map<String, List<Annotation>> labels = new LinkedHashMap<>();
        List<Teacher> built = new ArrayList<>();
        try {
            for (TeacherSpec teacher : specs) {
                built.add(teacher.build(entityTypes, openAiBaseUrl, refset, out.resolve("llm-cache")));
            }
            for (Teacher teacher : built) {
                labels.put(teacher.name(), LabelCommand.label(teacher, documents, entityTypes, progress));
            }
        } finally {
            LabelCommand.close(built);
        }
        List<AnnotationSample.Pick> picks = AnnotationSample.pick(labels, entityTypes, count, seed);
        Files.createDirectories(out);
        write("sample.jsonl", null, picks);
        for (AnnotationTool tool : AnnotationTool.values()) {
            write(tool.fileName(), tool.export(picks), picks);
        }
        write("label-studio-config.xml", AnnotationTool.labelStudioConfig(entityTypes), picks);
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("notes", documents.size());
        summary.put("picked", picks.size());
        summary.put("seed", seed);
        summary.put("outDir", out.toAbsolutePath().toString());
        ArrayNode picked = summary.putArray("picks");
        for (AnnotationSample.Pick pick : picks) {
            ObjectNode node = picked.addObject();
            node.put("id", pick.document().id());
            node.put("disagreement", pick.disagreement());
            node.put("reason", pick.reason());
            ArrayNode present = node.putArray("types");
            pick.types().stream().map(EntityType::name).sorted().forEach(present::add);
        }
        write("sample.json", summary.toPrettyString() + "\n", picks);
        System.out.printf("Picked %d of %d notes (seed %d): %d for rare types, the rest by teacher disagreement -> %s%n",
                picks.size(), documents.size(), seed, picks.stream().filter(p -> p.reason().startsWith("rare")).count(),
                out.toAbsolutePath());
        System.out.printf("Import into Label Studio: label-studio-config.xml as the labeling config, label-studio.json as"
                + " tasks; doccano: doccano.jsonl; Prodigy: prodigy.jsonl. Back: meddistill import --tool TOOL EXPORT"
                + " --notes %s --out gold.jsonl%n", input);
        if (json) {
            summary.remove("picks");
            System.out.println(new ObjectMapper().writeValueAsString(summary));
        }
        return 0;
    }

    /** Writes one file, complete or not at all ({@code content == null}: the picked notes as JSONL). */
    private void write(String name, String content, List<AnnotationSample.Pick> picks) {
        Path file = out.resolve(name);
        try {
            if (content == null) {
                JsonlWriter.write(file, picks.stream().map(p -> new Annotation(p.document(), List.of(), "sample")).toList());
            } else {
                AtomicFiles.writeString(file, content);
            }
        } catch (IOException | RuntimeException e) {
            throw new RunFailedException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
