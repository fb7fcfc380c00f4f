package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.io.CorpusFormat;
import io.github.meddistill.core.io.JsonlWriter;
import io.github.meddistill.core.pipeline.ProgressEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meddistill label}: runs teachers over a corpus and writes each teacher's labels as JSONL. */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Runs teachers over the documents of a corpus (JSONL, PubTator, brat or CoNLL; existing labels are"
                + " ignored) and writes one JSONL file per teacher into the output folder.")
public final class LabelCommand implements Callable<Integer> {

    private static final int BATCH = 32;
    private static final Set<EntityType> DEFAULT_TYPES = Set.of(EntityType.MEDICATION, EntityType.DISEASE, EntityType.SYMPTOM);

    @Parameters(index = "0", paramLabel = "INPUT", description = "Corpus file (or brat folder).")
    Path input;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl, pubtator, brat or conll (default: from the file name).")
    String format;

    @Option(names = {"-t", "--teacher"}, required = true, paramLabel = "SPEC",
            description = "A teacher, repeatable: " + TeacherSpec.HELP + ".")
    List<String> teachers;

    @Option(names = "--types", split = ",", paramLabel = "TYPE",
            description = "Entity types to label, each labelled by some teacher (default: those of MEDICATION, DISEASE and"
                    + " SYMPTOM that the teachers label).")
    List<String> types;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder for <teacher>.jsonl files.")
    Path out;

    @Option(names = "--openai-base-url", paramLabel = "URL", description = "OpenAI-compatible server for openai=MODEL teachers.")
    String openAiBaseUrl;

    @Option(names = "--snomed-language-refset", paramLabel = "REFSET", defaultValue = "us",
            description = "Language refset of snomed=PATH teachers: " + SnomedRefsetOption.HELP
                    + " (the UK and other editions have their own).")
    String snomedRefset;

    @Option(names = "--json", description = "Print a JSON summary as the last line of standard output.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<TeacherSpec> specs = teachers.stream().map(TeacherSpec::parse).toList();
        Set<EntityType> entityTypes = entityTypes(specs);
        SnomedRefsetOption refset = SnomedRefsetOption.parse(snomedRefset);
        OutputLocation.folder("--out", out);
        List<Document> documents = CorpusInput.read(CorpusFormat.of(format, input), input, spec.commandLine().getErr())
                .stream().map(Annotation::document).toList();
        Files.createDirectories(out);
        ProgressBar progress = ProgressBar.forTerminal(quiet);
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("documents", documents.size());
        summary.put("outDir", out.toAbsolutePath().toString());
        ArrayNode results = summary.putArray("teachers");
        List<Teacher> built = new ArrayList<>();
        try {
            // every lexicon is loaded, and so checked, before the first note is labelled
            for (TeacherSpec teacherSpec : specs) {
                built.add(teacherSpec.build(entityTypes, openAiBaseUrl, refset, out.resolve("llm-cache")));
            }
            for (Teacher teacher : built) {
                long start = System.nanoTime();
                List<Annotation> labels = label(teacher, documents, entityTypes, progress);
                double seconds = (System.nanoTime() - start) / 1e9;
                Path file = out.resolve(teacher.name() + ".jsonl");
                write(file, labels);
                int entities = labels.stream().mapToInt(a -> a.entities().size()).sum();
                System.out.printf("%-12s %6d entities in %d notes, %.1f s -> %s%n", teacher.name(), entities,
                        documents.size(), seconds, file);
                ObjectNode result = results.addObject();
                result.put("name", teacher.name());
                result.put("entities", entities);
                result.put("seconds", seconds);
                result.put("file", file.toString());
            }
        } finally {
            close(built);
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(summary));
        }
        return 0;
    }

    /** The types asked for, each of which some teacher must label; by default the predefined ones they label. */
    private Set<EntityType> entityTypes(List<TeacherSpec> specs) {
        return entityTypes(types, specs);
    }

    /** {@code types} (each labelled by some teacher), or the predefined types the teachers label. */
    static Set<EntityType> entityTypes(List<String> types, List<TeacherSpec> specs) {
        Map<EntityType, List<String>> labelledBy = new TreeMap<>();
        specs.forEach(teacher -> teacher.types().forEach(type -> labelledBy.computeIfAbsent(type, t -> new ArrayList<>())
                .add(teacher.kind())));
        if (types == null) {
            Set<EntityType> predefined = new TreeSet<>(DEFAULT_TYPES);
            predefined.retainAll(labelledBy.keySet());
            return Set.copyOf(predefined);
        }
        Set<EntityType> asked = types.stream().map(EntityType::of).collect(Collectors.toCollection(TreeSet::new));
        Set<EntityType> unknown = new TreeSet<>(asked);
        unknown.removeAll(labelledBy.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--types " + unknown.stream().map(EntityType::name)
                    .collect(Collectors.joining(",")) + ": no teacher given labels " + (unknown.size() == 1 ? "this type"
                    : "these types") + "; the teachers label " + labelledBy.entrySet().stream()
                    .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").collect(Collectors.joining(", ")));
        }
        return Set.copyOf(asked);
    }

    /** Closes every teacher that holds resources (LLM teachers: connections and the answer cache). */
    static void close(List<Teacher> teachers) throws Exception {
        Exception failure = null;
        for (Teacher teacher : teachers) {
            try {
                if (teacher instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Labels appear under their final name only when complete: a killed run leaves none half-written. */
    private static void write(Path file, List<Annotation> labels) {
        try {
            JsonlWriter.write(file, labels);
        } catch (RuntimeException e) {
            throw new RunFailedException("cannot write the labels to " + file + ": " + e.getMessage(), e);
        }
    }

    static List<Annotation> label(Teacher teacher, List<Document> documents, Set<EntityType> types, ProgressBar progress) {
        List<Annotation> labels = new ArrayList<>(documents.size());
        for (int from = 0; from < documents.size(); from += BATCH) {
            List<Document> batch = documents.subList(from, Math.min(documents.size(), from + BATCH));
            teacher.annotateAll(batch).forEach(annotation -> labels.add(annotation.onlyTypes(types)));
            progress.onProgress(new ProgressEvent(ProgressEvent.Stage.LABELLING, teacher.name(), labels.size(), documents.size()));
        }
        return labels;
    }
}
