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
import io.github.meddistill.core.context.AffirmedOnlyTeacher;
import io.github.meddistill.core.context.ContextEngine;
import io.github.meddistill.examples.demo.DemoReport;
import io.github.meddistill.examples.demo.DemoSettings;
import io.github.meddistill.examples.demo.DemoTask;
import io.github.meddistill.examples.demo.DistillInputs;
import io.github.meddistill.examples.demo.DistillJob;
import io.github.meddistill.examples.demo.DistillOptions;
import io.github.meddistill.examples.demo.TaskResult;
import io.github.meddistill.student.EncoderSource;
import io.github.meddistill.student.PretrainedEncoder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meddistill distill NOTES --dev FILE [--test FILE] [--gold-train FILE] -t SPEC [-t SPEC]... [--types T,...]
 * --out DIR [--json]}: the main job on the user's notes, by the same path as {@code demo} ({@link DistillJob}).
 */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The main job on your notes: the teachers label NOTES (JSONL, PubTator, brat or CoNLL, gzip too;"
                + " labels in it are ignored), the best teacher subset and rule per type is chosen on the gold --dev set,"
                + " a student is trained on the combined labels (and one on --gold-train when given), and every system is"
                + " scored on --test. Writes the same reports and saved students as `demo`; rerunning with the same --out"
                + " resumes (also after kill -9).",
                "Settings can come from a run file (--config run.json or run.yaml, the flags' names in camel case); flags win. The"
                        + " resolved settings, versions and input SHA-256s are written to DIR/run.json."})
public final class DistillCommand implements Callable<Integer> {

    static final String DEV_REQUIRED = "--dev FILE is required: the gold dev set chooses the teacher subset and rule"
            + " per type (subset search), the student's decoding bias and its best epoch (early stopping); 50 to 100"
            + " annotated notes will do (see `meddistill sample` to pick them)";

    @Parameters(index = "0", arity = "0..1", paramLabel = "NOTES", description = "Notes to distil from (file or brat folder).")
    Path notes;

    @Option(names = "--dev", paramLabel = "FILE", description = "Gold dev notes (required; any corpus format).")
    Path dev;

    @Option(names = "--test", paramLabel = "FILE", description = "Gold test notes every system is scored on (without"
            + " it, systems are scored on dev, optimistically).")
    Path test;

    @Option(names = "--gold-train", paramLabel = "FILE", description = "Gold training notes for a reference student.")
    Path goldTrain;

    @Option(names = {"-t", "--teacher"}, paramLabel = "SPEC", description = "A teacher, repeatable: " + TeacherSpec.HELP + ".")
    List<String> teachers;

    @Option(names = "--types", split = ",", paramLabel = "TYPE",
            description = "Entity types to distil (default: those of the dev set); each needs a teacher and dev entities.")
    List<String> types;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (run.json, reports, labels, students).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "A run file with any of these settings: JSON, or YAML when"
            + " its name ends in .yaml or .yml.")
    Path config;

    @Option(names = "--name", paramLabel = "NAME", description = "Task name in reports, and its folder under --out"
            + " (default: distill).")
    String name;

    @Option(names = "--encoder", paramLabel = "NAME|DIR", description = "minilm, bge-small, e5-small, or an HF BERT"
            + " checkpoint folder (default: minilm).")
    String encoder;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per student (default: "
            + DemoSettings.DEFAULT_EPOCHS + "; the best dev epoch is kept).")
    Integer epochs;

    @Option(names = "--min-steps", paramLabel = "N", description = "Fewest optimizer steps per student: more epochs"
            + " where --epochs make fewer (default: " + DistillOptions.DEFAULT_MIN_STEPS + "; 0: none).")
    Integer minSteps;

    @Option(names = "--batch-size", paramLabel = "N", description = "Sentences per batch (default: "
            + DemoSettings.DEFAULT_BATCH_SIZE + ").")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Peak learning rate (default: "
            + DemoSettings.DEFAULT_LEARNING_RATE + ").")
    Double learningRate;

    @Option(names = "--outside-weight", paramLabel = "W", description = "Loss weight of words the teachers left outside"
            + " any entity, for the distilled student (default: " + DemoSettings.DEFAULT_OUTSIDE_WEIGHT + ").")
    Double outsideWeight;

    @Option(names = "--abbreviations", negatable = true, paramLabel = "", description = "Label the uses of abbreviations"
            + " whose definitions are labelled (default on; --no-abbreviations turns it off).")
    Boolean abbreviations;

    @Option(names = "--self-training-rounds", paramLabel = "N", description = "Most self-training rounds (default: 0).")
    Integer selfTrainingRounds;

    @Option(names = "--reliability-weights", negatable = true, paramLabel = "", description = "Each teacher mention"
            + " weighs in the student's loss as often as mentions of the same teachers are right on --dev (default"
            + " off; writes reliability-weights.txt).")
    Boolean reliabilityWeights;

    @Option(names = "--positive-unlabelled", negatable = true, paramLabel = "", description = "The student treats words"
            + " the teachers left outside as unlabelled (positive-unlabelled risk, the share of missed entity words"
            + " estimated on --dev; --outside-weight scales its outside risk) (default off).")
    Boolean positiveUnlabelled;

    @Option(names = "--unknown-mentions", negatable = true, paramLabel = "", description = "Teacher mentions the"
            + " chosen combination left out (a teacher it does not use, a lost vote) train the student as neither"
            + " entity nor outside (AutoNER's unknown phrases) (default on; --no-unknown-mentions trains them as"
            + " outside).")
    Boolean unknownMentions;

    @Option(names = "--seed", paramLabel = "N", description = "The students' random seed (default: "
            + DistillOptions.DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--affirmed-only", negatable = true, paramLabel = "", description = "Keep only the teacher mentions"
            + " the ConText engine (core's default lexicon) finds affirmed: not negated, uncertain or hypothetical, of"
            + " the patient. The students then train on affirmed mentions only; the teachers' dev and test scores are"
            + " of the filtered labels too (default off).")
    Boolean affirmedOnly;

    @Option(names = "--openai-base-url", paramLabel = "URL", description = "OpenAI-compatible server for openai=MODEL"
            + " teachers, e.g. http://localhost:8000/v1 (vLLM) or http://localhost:11434/v1 (Ollama): notes stay local.")
    String openAiBaseUrl;

    @Option(names = "--snomed-language-refset", paramLabel = "REFSET", description = "Language refset of snomed=PATH"
            + " teachers: " + SnomedRefsetOption.HELP + ".")
    String snomedRefset;

    @Option(names = "--json", description = "Print a JSON summary (the shape of `demo --json`) as the last line.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode settings = settings();
        Path notesFile = path(settings, "notes").orElseThrow(() -> new IllegalArgumentException(
                "NOTES is missing: give the notes to distil from as the first argument, or \"notes\" in --config"));
        Path devFile = path(settings, "dev").orElseThrow(() -> new IllegalArgumentException(DEV_REQUIRED));
        Optional<Path> testFile = path(settings, "test");
        Optional<Path> goldTrainFile = path(settings, "goldTrain");
        Path outDir = path(settings, "out").orElseThrow(() -> new IllegalArgumentException(
                "--out DIR is missing: the folder for run.json, reports, labels and students"));
        List<String> teacherSpecs = strings(settings, "teachers");
        if (teacherSpecs == null || teacherSpecs.isEmpty()) {
            throw new IllegalArgumentException("no teacher: give at least one -t SPEC (" + TeacherSpec.HELP + ")");
        }
        List<TeacherSpec> specs = teacherSpecs.stream().map(TeacherSpec::parse).toList();
        SnomedRefsetOption refset = SnomedRefsetOption.parse(text(settings, "snomedLanguageRefset", "us"));
        DistillOptions options = new DistillOptions(encoder(text(settings, "encoder", "minilm")),
                settings.path("epochs").asInt(DemoSettings.DEFAULT_EPOCHS),
                settings.path("minSteps").asInt(DistillOptions.DEFAULT_MIN_STEPS),
                settings.path("batchSize").asInt(DemoSettings.DEFAULT_BATCH_SIZE),
                settings.path("learningRate").asDouble(DemoSettings.DEFAULT_LEARNING_RATE),
                settings.path("outsideWeight").asDouble(DemoSettings.DEFAULT_OUTSIDE_WEIGHT),
                settings.path("abbreviations").asBoolean(true),
                settings.path("selfTrainingRounds").asInt(DemoSettings.DEFAULT_SELF_TRAINING_ROUNDS),
                settings.path("reliabilityWeights").asBoolean(DemoSettings.DEFAULT_RELIABILITY_WEIGHTS),
                settings.path("positiveUnlabelled").asBoolean(DemoSettings.DEFAULT_POSITIVE_UNLABELLED),
                settings.path("unknownMentions").asBoolean(DemoSettings.DEFAULT_UNKNOWN_MENTIONS),
                settings.path("seed").asLong(DistillOptions.DEFAULT_SEED));
        String taskName = text(settings, "name", "distill");
        if (!taskName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("--name '" + taskName + "': expected letters, digits, '.', '_' or '-'"
                    + " (it names a folder under --out)");
        }
        OutputLocation.folder("--out", outDir);

        List<Document> documents = read(notesFile, err).stream().map(Annotation::document).toList();
        List<Annotation> devGold = read(devFile, err);
        List<Annotation> testGold = testFile.map(file -> read(file, err)).orElse(List.of());
        List<Annotation> goldTraining = goldTrainFile.map(file -> read(file, err)).orElse(List.of());
        GoldChecks.sameText("--dev", devFile, devGold, documents, notesFile);
        testFile.ifPresent(file -> GoldChecks.sameText("--test", file, testGold, documents, notesFile));
        Set<EntityType> entityTypes = GoldChecks.types(strings(settings, "types"), devGold, devFile, specs);
        List<String> warnings = new ArrayList<>();
        int sharedDev = GoldChecks.shared(devGold, documents);
        if (sharedDev > 0) {
            warnings.add(sharedDev + " of the " + devGold.size() + " dev notes are also among the " + documents.size()
                    + " notes to distil from (same id or text): the student trains on teacher labels of notes that"
                    + " choose its epoch and bias, so dev scores are optimistic");
        }
        int sharedTest = GoldChecks.shared(testGold, documents);
        if (sharedTest > 0) {
            warnings.add(sharedTest + " of the " + testGold.size() + " test notes are also among the notes to distil"
                    + " from (same id or text): test scores of the students are optimistic");
        }
        if (testFile.isEmpty()) {
            warnings.add("no --test: every system is scored on the dev set, which also chose the combination, so the"
                    + " scores are optimistic");
        }
        warnings.forEach(warning -> err.println("warning: " + warning));
        err.flush();

        List<RunFile.Input> inputs = new ArrayList<>();
        inputs.add(RunFile.checksum("notes", notesFile));
        inputs.add(RunFile.checksum("dev", devFile));
        testFile.ifPresent(file -> inputs.add(RunFile.checksum("test", file)));
        goldTrainFile.ifPresent(file -> inputs.add(RunFile.checksum("goldTrain", file)));
        specs.stream().filter(s -> !s.value().isEmpty() && Files.exists(Path.of(s.value())))
                .forEach(s -> inputs.add(RunFile.checksum("teacher " + s.kind(), Path.of(s.value()))));
        ObjectNode manifest = RunFile.manifest(resolved(settings, entityTypes, options, taskName), version(), inputs);
        RunFile.Difference changed = RunFile.difference(outDir, manifest);
        if (changed.input().isPresent()) {
            throw new IllegalArgumentException("--out " + outDir + " holds a run on other input (" + changed.input().get()
                    + "); its labels are of the old notes: use a new --out, or delete " + outDir);
        }
        changed.setting().ifPresent(setting -> {
            err.println("note: " + setting + " since the run in " + outDir + "; labels and students that still fit the"
                    + " settings are reused, the rest is redone");
            err.flush();
        });
        RunFile.write(outDir, manifest);

        System.out.printf("MedDistill distill: %d notes, %d dev%s%s, types %s, %d teachers; output in %s%n",
                documents.size(), devGold.size(), testGold.isEmpty() ? "" : ", " + testGold.size() + " test",
                goldTraining.isEmpty() ? "" : ", " + goldTraining.size() + " gold training", entityTypes, specs.size(),
                outDir.toAbsolutePath());
        List<Teacher> built = new ArrayList<>();
        TaskResult result;
        try {
            // every lexicon is loaded, and so checked, before the first note is labelled
            boolean affirmed = settings.path("affirmedOnly").asBoolean(false);
            ContextEngine engine = affirmed ? ContextEngine.defaults() : null;
            List<Teacher> labelling = new ArrayList<>();
            for (TeacherSpec teacher : specs) {
                Teacher one = teacher.build(entityTypes, text(settings, "openAiBaseUrl", null), refset,
                        outDir.resolve("llm-cache"));
                built.add(one);
                labelling.add(affirmed ? AffirmedOnlyTeacher.wrap(one, engine) : one);
            }
            DistillInputs job = new DistillInputs(new DemoTask(taskName, entityTypes, false), documents, devGold,
                    testFile.isPresent() ? testGold : devGold, testFile.isPresent() ? "test" : "dev", goldTraining, labelling);
            result = DistillJob.run(job, options, outDir.resolve(taskName), ProgressBar.forTerminal(quiet));
        } finally {
            LabelCommand.close(built);
        }
        DemoReport report = new DemoReport(outDir, false, options, List.of(result));
        report.write();
        System.out.printf("%n== %s: chosen combination ==%n%s", taskName, result.combination());
        System.out.print(result.table());
        System.out.printf("%nReports: %s (report.json, report.md, report.html; %s/report.html has the error lists);"
                + " settings and input checksums: %s%n", outDir.toAbsolutePath(), taskName, outDir.resolve(RunFile.NAME));
        if (json) {
            ObjectNode summary = report.toJson();
            ArrayNode printed = summary.putArray("warnings");
            warnings.forEach(printed::add);
            summary.put("runFile", outDir.resolve(RunFile.NAME).toAbsolutePath().toString());
            System.out.println(new ObjectMapper().writeValueAsString(summary));
        }
        return 0;
    }

    /** The run file's settings, if any, overridden by every flag given. */
    private ObjectNode settings() {
        ObjectNode settings = config == null ? JsonNodeFactory.instance.objectNode() : RunFile.read(config);
        putPath(settings, "notes", notes);
        putPath(settings, "dev", dev);
        putPath(settings, "test", test);
        putPath(settings, "goldTrain", goldTrain);
        putPath(settings, "out", out);
        if (teachers != null) {
            ArrayNode list = settings.putArray("teachers");
            teachers.forEach(list::add);
        }
        if (types != null) {
            ArrayNode list = settings.putArray("types");
            types.forEach(list::add);
        }
        putText(settings, "name", name);
        putText(settings, "encoder", encoder);
        putText(settings, "openAiBaseUrl", openAiBaseUrl);
        putText(settings, "snomedLanguageRefset", snomedRefset);
        if (epochs != null) {
            settings.put("epochs", epochs);
        }
        if (minSteps != null) {
            settings.put("minSteps", minSteps);
        }
        if (batchSize != null) {
            settings.put("batchSize", batchSize);
        }
        if (learningRate != null) {
            settings.put("learningRate", learningRate);
        }
        if (outsideWeight != null) {
            settings.put("outsideWeight", outsideWeight);
        }
        if (abbreviations != null) {
            settings.put("abbreviations", abbreviations);
        }
        if (selfTrainingRounds != null) {
            settings.put("selfTrainingRounds", selfTrainingRounds);
        }
        if (reliabilityWeights != null) {
            settings.put("reliabilityWeights", reliabilityWeights);
        }
        if (positiveUnlabelled != null) {
            settings.put("positiveUnlabelled", positiveUnlabelled);
        }
        if (unknownMentions != null) {
            settings.put("unknownMentions", unknownMentions);
        }
        if (seed != null) {
            settings.put("seed", seed);
        }
        if (affirmedOnly != null) {
            settings.put("affirmedOnly", affirmedOnly);
        }
        return settings;
    }

    /** Every setting with its resolved value, defaults included, as {@code run.json}'s {@code config}. */
    private static ObjectNode resolved(ObjectNode settings, Set<EntityType> types, DistillOptions options, String task) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (String key : RunFile.KEYS) {
            switch (key) {
                case "types" -> {
                    ArrayNode list = config.putArray("types");
                    types.stream().map(EntityType::name).sorted().forEach(list::add);
                }
                case "name" -> config.put("name", task);
                case "encoder" -> config.put("encoder", options.encoder() instanceof EncoderSource.Checkpoint checkpoint
                        ? checkpoint.directory().toAbsolutePath().normalize().toString()
                        : settings.path("encoder").asText("minilm"));
                case "epochs" -> config.put("epochs", options.epochs());
                case "minSteps" -> config.put("minSteps", options.minSteps());
                case "batchSize" -> config.put("batchSize", options.batchSize());
                case "learningRate" -> config.put("learningRate", options.learningRate());
                case "outsideWeight" -> config.put("outsideWeight", options.outsideWeight());
                case "abbreviations" -> config.put("abbreviations", options.propagateAbbreviations());
                case "selfTrainingRounds" -> config.put("selfTrainingRounds", options.selfTrainingRounds());
                case "reliabilityWeights" -> config.put("reliabilityWeights", options.reliabilityWeights());
                case "positiveUnlabelled" -> config.put("positiveUnlabelled", options.positiveUnlabelled());
                case "unknownMentions" -> config.put("unknownMentions", options.unknownMentions());
                case "seed" -> config.put("seed", options.seed());
                case "affirmedOnly" -> config.put(key, settings.path(key).asBoolean(false));
                case "snomedLanguageRefset" -> config.put(key, settings.path(key).asText("us"));
                case "notes", "dev", "test", "goldTrain", "out" -> {
                    if (settings.hasNonNull(key)) {
                        config.put(key, Path.of(settings.get(key).asText()).toAbsolutePath().normalize().toString());
                    } else {
                        config.putNull(key);
                    }
                }
                case "teachers" -> {
                    ArrayNode list = config.putArray("teachers");
                    settings.get("teachers").forEach(teacher -> list.add(absoluteTeacher(teacher.asText())));
                }
                default -> config.set(key, settings.hasNonNull(key) ? settings.get(key) : JsonNodeFactory.instance.nullNode());
            }
        }
        return config;
    }

    private static String absoluteTeacher(String spec) {
        TeacherSpec teacher = TeacherSpec.parse(spec);
        return teacher.value().isEmpty() || teacher.kind().equals("openai") || teacher.kind().equals("gemini") ? spec
                : teacher.kind() + "=" + Path.of(teacher.value()).toAbsolutePath().normalize();
    }

    /** A pretrained encoder's id, or a checkpoint folder. */
    static EncoderSource encoder(String value) {
        Path folder = Path.of(value);
        if (Files.isDirectory(folder)) {
            if (!Files.isRegularFile(folder.resolve("config.json"))) {
                throw new IllegalArgumentException("--encoder " + value + ": the folder has no config.json; expected an"
                        + " HF BERT checkpoint (config.json, model.safetensors, tokenizer.json or vocab.txt)");
            }
            return EncoderSource.checkpoint(folder);
        }
        try {
            return EncoderSource.pretrained(PretrainedEncoder.fromId(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--encoder " + value + ": expected minilm, bge-small, e5-small or an HF"
                    + " BERT checkpoint folder", e);
        }
    }

    private static List<Annotation> read(Path file, PrintWriter err) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file or folder");
        }
        return CorpusInput.read(CorpusFormat.of(null, file), file, err);
    }

    private static String version() {
        return new VersionProvider().getVersion()[0].replaceFirst("^meddistill ", "");
    }

    private static Optional<Path> path(ObjectNode settings, String key) {
        return settings.hasNonNull(key) ? Optional.of(Path.of(settings.get(key).asText())) : Optional.empty();
    }

    private static String text(ObjectNode settings, String key, String fallback) {
        return settings.hasNonNull(key) ? settings.get(key).asText() : fallback;
    }

    private static List<String> strings(ObjectNode settings, String key) {
        if (!settings.hasNonNull(key)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        settings.get(key).forEach(value -> values.add(value.asText()));
        return values;
    }

    private static void putPath(ObjectNode settings, String key, Path value) {
        if (value != null) {
            settings.put(key, value.toString());
        }
    }

    private static void putText(ObjectNode settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }
}
