package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.io.CorpusFormat;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.examples.student.TrainingSummaryJson;
import io.github.meddistill.student.PretrainedEncoder;
import io.github.meddistill.student.TrainingSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meddistill train}: trains a student from labelled files and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a BERT student on labelled documents (JSONL, PubTator, brat or CoNLL; e.g. a teacher's"
                + " output of `meddistill label`), early-stopped on a dev file when given, and saves it to a folder.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Labelled training documents.")
    Path train;

    @Option(names = "--dev", paramLabel = "FILE", description = "Gold dev documents for early stopping.")
    Path dev;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl, pubtator, brat or conll (default: from the file name).")
    String format;

    @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "Entity types to learn (default: all in the training file).")
    List<String> types;

    @Option(names = "--encoder", paramLabel = "NAME", description = "minilm, bge-small or e5-small (default: ${DEFAULT-VALUE}).")
    String encoder = "minilm";

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 4;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to save the student in.")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary as the last line of standard output.")
    boolean json;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputLocation.studentFolder("--out", out);
        PrintWriter err = spec.commandLine().getErr();
        List<Annotation> training = CorpusInput.read(CorpusFormat.of(format, train), train, err);
        List<Annotation> development = dev == null ? List.of() : CorpusInput.read(CorpusFormat.of(format, dev), dev, err);
        List<EntityType> entityTypes = entityTypes(training);
        StudentProgress progress = new StudentProgress("student", ProgressBar.forTerminal(quiet), quiet);
        BertStudentTrainer trainer = BertStudentTrainer.builder()
                .encoder(PretrainedEncoder.fromId(encoder))
                .entityTypes(entityTypes)
                .epochs(epochs)
                .seed(seed)
                .listener(progress)
                .build();
        long start = System.nanoTime();
        try (BertStudent student = trainer.train(training, development)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            save(student);
            TrainingSummary run = progress.summary().orElseThrow();
            System.out.printf("Trained on %d documents in %.0f s (%s); saved to %s%n", training.size(), seconds,
                    TrainingSummaryJson.describe(run), out.toAbsolutePath());
            if (json) {
                ObjectNode summary = TrainingSummaryJson.of(run);
                summary.put("modelDir", out.toAbsolutePath().toString());
                summary.put("trainDocuments", training.size());
                summary.put("devDocuments", development.size());
                summary.put("epochs", epochs);
                summary.put("trainSeconds", seconds);
                ArrayNode typeNames = summary.putArray("types");
                entityTypes.forEach(t -> typeNames.add(t.name()));
                System.out.println(new ObjectMapper().writeValueAsString(summary));
            }
        }
        return 0;
    }

    /** The types asked for, each of which the training file must contain, or else all the types it contains. */
    private List<EntityType> entityTypes(List<Annotation> training) {
        Map<EntityType, Long> found = new TreeMap<>(training.stream().flatMap(a -> a.entities().stream())
                .collect(Collectors.groupingBy(Entity::type, Collectors.counting())));
        if (types == null) {
            if (found.isEmpty()) {
                throw new IllegalArgumentException("the training file " + train + " has no entities and no --types were given");
            }
            return List.copyOf(found.keySet());
        }
        List<EntityType> asked = types.stream().map(EntityType::of).distinct().toList();
        List<String> absent = asked.stream().filter(type -> !found.containsKey(type)).map(EntityType::name).toList();
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("--types " + String.join(",", absent) + ": the training file " + train
                    + " has no entity of " + (absent.size() == 1 ? "this type" : "these types") + "; it has "
                    + (found.isEmpty() ? "no entities at all" : found.entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "))));
        }
        return asked;
    }

    private void save(BertStudent student) {
        try {
            student.save(out);
        } catch (RuntimeException e) {
            throw new RunFailedException("cannot save the trained student to " + out + ": " + e.getMessage(), e);
        }
    }
}
