package io.github.meddistill.examples.student;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Corpus;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.io.PubTatorReader;
import io.github.meddistill.core.text.AbbreviationPropagation;
import io.github.meddistill.eval.MatchMode;
import io.github.meddistill.eval.Score;
import io.github.meddistill.eval.SpanEvaluator;
import io.github.meddistill.student.BertConfig;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.student.EncoderSource;
import io.github.meddistill.student.PretrainedEncoder;
import io.github.meddistill.student.Segmentation;
import io.github.meddistill.student.TrainingListener;

/**
 * Student quality on NCBI-disease: fine-tune on the gold train split (PubTator abstracts, all mention types as
 * DISEASE), early-stop on devel, report strict span F1 on test. The reference numbers of the project issue come
 * from a plain PyTorch fine-tune with the same recipe (AdamW lr 5e-5, wd 0.01, batch 32, 10% warmup then linear
 * decay, clip 1.0, dropout 0.1, best devel epoch kept).
 */
public final class StudentQuality {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StudentQuality() {
    }

    /**
     * Settings of one run.
     *
     * @param init {@code minilm}, {@code bge-small}, {@code e5-small} or {@code random} (MiniLM's shape)
     * @param saveTo where to save the kept student, if anywhere
     */
    public record Options(Path data, String init, int epochs, double learningRate, int batchSize, int maxLength,
            int stride, Segmentation segmentation, boolean trainWordEmbeddings, boolean propagateAbbreviations,
            boolean calibrateEntityBias, long seed, String devices,
            Optional<Path> saveTo) {
    }

    /** One epoch of the run. */
    public record EpochLine(int epoch, double loss, double devF1, double seconds, boolean best) {
    }

    /** What a run measured. */
    public record Result(String init, double strictF1, double precision, double recall, double devF1, int epochs,
            int bestEpoch, double trainSeconds, double testSeconds, List<EpochLine> epochLog) {

        public String toTable() {
            StringBuilder table = new StringBuilder();
            table.append(String.format(Locale.ROOT, "%-6s %-10s %-8s %-8s %-5s%n", "epoch", "loss", "dev F1", "seconds",
                    "best"));
            for (EpochLine line : epochLog) {
                table.append(String.format(Locale.ROOT, "%-6d %-10.4f %-8.4f %-8.1f %-5s%n", line.epoch(), line.loss(),
                        line.devF1(), line.seconds(), line.best() ? "*" : ""));
            }
            table.append(String.format(Locale.ROOT,
                    "init=%s  test strict P=%.4f R=%.4f F1=%.4f  best epoch %d (dev F1 %.4f)  train %.0f s, test %.1f s%n",
                    init, precision, recall, strictF1, bestEpoch, devF1, trainSeconds, testSeconds));
            return table.toString();
        }

        public String toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("init", init);
            json.put("strictF1", strictF1);
            json.put("precision", precision);
            json.put("recall", recall);
            json.put("devF1", devF1);
            json.put("epochs", epochs);
            json.put("bestEpoch", bestEpoch);
            json.put("trainSeconds", trainSeconds);
            json.put("testSeconds", testSeconds);
            try {
                return JSON.writeValueAsString(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Trains, early-stops and scores; progress lines go to {@code log}. */
    public static Result run(Options options, PrintWriter log) {
        Path ncbi = options.data().resolve("ncbi_disease/original-data");
        PubTatorReader reader = PubTatorReader.builder().build();
        Corpus train = reader.read(ncbi.resolve("train/NCBItrainset_corpus.txt")).toCorpus("ncbi-train");
        Corpus devel = reader.read(ncbi.resolve("devel/NCBIdevelopset_corpus.txt")).toCorpus("ncbi-devel");
        Corpus test = reader.read(ncbi.resolve("test/NCBItestset_corpus.txt")).toCorpus("ncbi-test");
        log.printf(Locale.ROOT, "NCBI-disease: train %d docs / %d mentions, devel %d, test %d%n", train.size(),
                train.mentionCount(), devel.size(), test.size());
        log.flush();

        EncoderSource encoder = options.init().equalsIgnoreCase("random")
                ? EncoderSource.random(BertConfig.small384(6))
                : EncoderSource.pretrained(PretrainedEncoder.fromId(options.init()));
        List<EpochLine> epochs = new ArrayList<>();
        BertStudentTrainer trainer = BertStudentTrainer.builder()
                .encoder(encoder)
                .epochs(options.epochs())
                .patience(options.epochs())
                .learningRate(options.learningRate())
                .batchSize(options.batchSize())
                .maxLength(options.maxLength())
                .stride(options.stride())
                .segmentation(options.segmentation())
                .trainWordEmbeddings(options.trainWordEmbeddings())
                .propagateAbbreviations(options.propagateAbbreviations())
                .calibrateEntityBias(options.calibrateEntityBias())
                .seed(options.seed())
                .devices(options.devices())
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(Step step) {
                        if (step.step() % 20 == 0) {
                            log.printf(Locale.ROOT, "  step %d/%d loss %.4f lr %.2e %.1f seq/s %.0f tok/s%n", step.step(),
                                    step.totalSteps(), step.loss(), step.learningRate(), step.sequencesPerSecond(),
                                    step.tokensPerSecond());
                            log.flush();
                        }
                    }

                    @Override
                    public void onEpoch(Epoch epoch) {
                        EpochLine line = new EpochLine(epoch.epoch(), epoch.meanLoss(), epoch.devF1().orElse(Double.NaN),
                                epoch.seconds(), epoch.best());
                        epochs.add(line);
                        log.printf(Locale.ROOT, "epoch %d loss %.4f dev F1 %.4f %.0f s%s%n", line.epoch(), line.loss(),
                                line.devF1(), line.seconds(), line.best() ? " (best)" : "");
                        log.flush();
                    }
                })
                .build();
        long started = System.nanoTime();
        try (BertStudent student = trainer.train(train.annotations(), devel.annotations())) {
            double trainSeconds = (System.nanoTime() - started) / 1e9;
            options.saveTo().ifPresent(student::save);
            long testStarted = System.nanoTime();
            Score score = strictScore(student, test, Optional.empty());
            double testSeconds = (System.nanoTime() - testStarted) / 1e9;
            EpochLine best = epochs.stream().filter(EpochLine::best).reduce((a, b) -> b).orElseThrow();
            return new Result(options.init(), score.f1(), score.precision(), score.recall(), best.devF1(),
                    epochs.size(), best.epoch(), trainSeconds, testSeconds, List.copyOf(epochs));
        }
    }

    /**
     * Scores a saved student on devel and test without training. With {@code propagateAbbreviations}, its entities
     * get the uses of the abbreviations they define (as {@code BertStudentTrainer.Builder.propagateAbbreviations}
     * would have done) when the student does not do so itself.
     */
    public static Result scoreSaved(Path data, Path model, boolean propagateAbbreviations, PrintWriter log) {
        Path ncbi = data.resolve("ncbi_disease/original-data");
        PubTatorReader reader = PubTatorReader.builder().build();
        Corpus devel = reader.read(ncbi.resolve("devel/NCBIdevelopset_corpus.txt")).toCorpus("ncbi-devel");
        Corpus test = reader.read(ncbi.resolve("test/NCBItestset_corpus.txt")).toCorpus("ncbi-test");
        Optional<AbbreviationPropagation> propagation = propagateAbbreviations
                ? Optional.of(new AbbreviationPropagation()) : Optional.empty();
        try (BertStudent student = BertStudent.load(model)) {
            log.printf(Locale.ROOT, "scoring %s from %s%n", student, model);
            log.flush();
            Score dev = strictScore(student, devel, propagation);
            long testStarted = System.nanoTime();
            Score score = strictScore(student, test, propagation);
            double testSeconds = (System.nanoTime() - testStarted) / 1e9;
            return new Result(student.encoderName(), score.f1(), score.precision(), score.recall(), dev.f1(), 0, 0, 0,
                    testSeconds, List.of());
        }
    }

    private static Score strictScore(BertStudent student, Corpus gold, Optional<AbbreviationPropagation> propagation) {
        List<List<Entity>> found = student.extractAll(gold.annotations().stream().map(a -> a.document().text())
                .toList());
        List<Annotation> predicted = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Document document = gold.annotations().get(i).document();
            List<Entity> entities = found.get(i);
            predicted.add(new Annotation(document, propagation.map(p -> p.propagate(document.text(), entities))
                    .orElse(entities), "student"));
        }
        return SpanEvaluator.score("student", gold.annotations(), predicted).micro(MatchMode.STRICT);
    }
}
