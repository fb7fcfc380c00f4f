package io.github.meddistill.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.examples.demo.DemoReport;
import io.github.meddistill.examples.demo.DemoSettings;
import io.github.meddistill.examples.demo.DemoTask;
import io.github.meddistill.examples.demo.DistillOptions;
import io.github.meddistill.examples.demo.LlmTeacherSettings;
import io.github.meddistill.examples.demo.MainJob;
import io.github.meddistill.examples.demo.TaskResult;
import io.github.meddistill.student.PretrainedEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meddistill demo}: the main job, offline, on the bundled public data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole method offline on bundled public data (NCBI-disease, BC5CDR, MACCROBAT; Disease"
                + " Ontology, HPO, DrugBank and Drugs@FDA lexicons): teachers label the training notes, the best teacher subset and rule"
                + " per type is chosen on the dev set, a student is trained on the combined labels (and, with"
                + " --gold-student or --full, another on gold labels), and everything is scored on the test set.",
                "The default run subsamples the dev and test splits to keep the run short on 2 CPU cores;"
                        + " --full uses every document. Re-running with the same --out reuses everything already computed."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("meddistill-demo");

    @Option(names = "--full", description = "Use every document of every split and train "
            + DemoSettings.FULL_EPOCHS + " epochs, with the gold-trained students (66 minutes measured on 2 cores).")
    boolean full;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK",
            description = "Corpora to run: ncbi-disease, bc5cdr, maccrobat (default: all three).")
    List<String> tasks;

    @Option(names = "--train-docs", paramLabel = "N", description = "Training notes per task (0 = all; default "
            + DemoSettings.DEFAULT_TRAIN_DOCUMENTS + ").")
    Integer trainDocuments;

    @Option(names = "--dev-docs", paramLabel = "N", description = "Dev notes per task (0 = all; default "
            + DemoSettings.DEFAULT_DEV_DOCUMENTS + ").")
    Integer devDocuments;

    @Option(names = "--test-docs", paramLabel = "N", description = "Test notes per task (0 = all; default "
            + DemoSettings.DEFAULT_TEST_DOCUMENTS + ").")
    Integer testDocuments;

    @Option(names = "--mtsamples-notes", paramLabel = "N", description = "Bundled MTSamples notes (unlabelled"
            + " clinical transcriptions) that the teachers label beside MACCROBAT's case reports, for its distilled"
            + " student (default " + DemoSettings.DEFAULT_MTSAMPLES_NOTES + "; 0: none).")
    Integer mtSamplesNotes;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs per student (default "
            + DemoSettings.DEFAULT_EPOCHS + ", " + DemoSettings.FULL_EPOCHS + " with --full).")
    Integer epochs;

    @Option(names = "--min-steps", paramLabel = "N", description = "Fewest optimizer steps per student: more epochs"
            + " where --epochs make fewer (default " + DistillOptions.DEFAULT_MIN_STEPS + "; 0: none).")
    Integer minSteps;

    @Option(names = "--batch-size", paramLabel = "N", description = "Training sentences per batch (default "
            + DemoSettings.DEFAULT_BATCH_SIZE + ").")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Peak learning rate (default "
            + DemoSettings.DEFAULT_LEARNING_RATE + ").")
    Double learningRate;

    @Option(names = "--outside-weight", paramLabel = "W", description = "Loss weight of words the teachers left"
            + " outside any entity, for the distilled student (default " + DemoSettings.DEFAULT_OUTSIDE_WEIGHT + ").")
    Double outsideWeight;

    @Option(names = "--abbreviations", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Every system labels the uses of the abbreviations whose definitions it labels, as in"
                    + " 'familial adenomatous polyposis (FAP) ... FAP' (default on; --no-abbreviations turns it off).")
    boolean abbreviations;

    @Option(names = "--self-training-rounds", paramLabel = "N", description = "Most self-training rounds after the"
            + " first distilled student: it labels the training notes, its mentions join the teachers' and a new"
            + " student is trained, while dev F1 rises (default 0).")
    Integer selfTrainingRounds;

    @Option(names = "--reliability-weights", negatable = true, paramLabel = "", description = "Each teacher mention"
            + " weighs in the distilled student's loss as often as mentions of the same teachers are right on dev"
            + " (default off).")
    Boolean reliabilityWeights;

    @Option(names = "--positive-unlabelled", negatable = true, paramLabel = "", description = "The distilled student"
            + " treats words its teachers left outside as unlabelled (positive-unlabelled risk, the share of missed"
            + " entity words estimated on dev; --outside-weight scales its outside risk) (default off).")
    Boolean positiveUnlabelled;

    @Option(names = "--unknown-mentions", negatable = true, paramLabel = "", description = "Teacher mentions the"
            + " chosen combination left out (a teacher it does not use, a lost vote) train the distilled student as"
            + " neither entity nor outside (AutoNER's unknown phrases) (default on; --no-unknown-mentions trains them"
            + " as outside).")
    Boolean unknownMentions;

    @Option(names = "--gold-student", negatable = true, paramLabel = "", description = "Also train a student on"
            + " each task's gold training labels, the reference for what the teachers' labels cost (default off, on"
            + " with --full; it doubles the training time).")
    Boolean goldStudent;

    @Option(names = "--encoder", paramLabel = "NAME", description = "Pretrained encoder: minilm, bge-small, e5-small (default minilm).")
    String encoder;

    @Option(names = "--openai-model", paramLabel = "MODEL",
            description = "Add an OpenAI teacher (needs OPENAI_API_KEY, or --openai-base-url for a local server).")
    String openAiModel;

    @Option(names = "--openai-base-url", paramLabel = "URL",
            description = "OpenAI-compatible server for --openai-model, e.g. http://localhost:11434/v1 (Ollama).")
    String openAiBaseUrl;

    @Option(names = "--gemini-model", paramLabel = "MODEL", description = "Add a Gemini teacher (needs GEMINI_API_KEY).")
    String geminiModel;

    @Option(names = "--json", description = "Print a JSON summary as the last line of standard output.")
    boolean json;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        DemoSettings settings = settings();
        OutputLocation.folder("--out", out);
        System.out.printf("MedDistill main job: output in %s%n", settings.outputDirectory().toAbsolutePath());
        if (settings.subsampled()) {
            System.out.printf("Sized for 2 cores (12.5 minutes measured): %s training, %s dev"
                            + " and %s test notes per task, %d epoch(s),"
                            + " more where they make fewer than %d optimizer steps; run with --full for the whole"
                            + " corpora.%n", count(settings.trainDocuments()), count(settings.devDocuments()),
                    count(settings.testDocuments()), settings.epochs(), settings.minSteps());
        }
        List<TaskResult> results = new MainJob(settings, ProgressBar.forTerminal(quiet)).run();
        DemoReport report = new DemoReport(settings, results);
        report.write();
        results.forEach(result -> {
            System.out.printf("%n== %s: chosen combination ==%n%s", result.task().name(), result.combination());
            System.out.print(result.table());
        });
        System.out.printf("%nReports: %s (report.json, report.md, report.html)%n", settings.outputDirectory().toAbsolutePath());
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(report.toJson()));
        }
        return 0;
    }

    private DemoSettings settings() {
        DemoSettings base = full ? DemoSettings.full(out) : DemoSettings.defaults(out);
        Optional<LlmTeacherSettings> llm = openAiModel == null && geminiModel == null ? Optional.empty()
                : Optional.of(new LlmTeacherSettings(Optional.ofNullable(openAiModel), Optional.ofNullable(openAiBaseUrl),
                        Optional.ofNullable(geminiModel)));
        return new DemoSettings(out,
                tasks == null ? base.tasks() : tasks.stream().map(DemoTask::named).toList(),
                trainDocuments == null ? base.trainDocuments() : trainDocuments,
                devDocuments == null ? base.devDocuments() : devDocuments,
                testDocuments == null ? base.testDocuments() : testDocuments,
                mtSamplesNotes == null ? base.mtSamplesNotes() : mtSamplesNotes,
                encoder == null ? base.encoder() : PretrainedEncoder.fromId(encoder),
                epochs == null ? base.epochs() : epochs,
                minSteps == null ? base.minSteps() : minSteps,
                batchSize == null ? base.batchSize() : batchSize,
                learningRate == null ? base.learningRate() : learningRate,
                outsideWeight == null ? base.outsideWeight() : outsideWeight,
                abbreviations,
                selfTrainingRounds == null ? base.selfTrainingRounds() : selfTrainingRounds,
                reliabilityWeights == null ? base.reliabilityWeights() : reliabilityWeights,
                positiveUnlabelled == null ? base.positiveUnlabelled() : positiveUnlabelled,
                unknownMentions == null ? base.unknownMentions() : unknownMentions,
                goldStudent == null ? base.goldStudent() : goldStudent,
                llm);
    }

    private static String count(int documents) {
        return documents == 0 ? "all" : Integer.toString(documents);
    }
}
