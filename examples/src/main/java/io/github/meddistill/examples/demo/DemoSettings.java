package io.github.meddistill.examples.demo;

import io.github.meddistill.student.PretrainedEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the main job runs on. {@link #defaults(Path)} fits 15 minutes on 2 CPU cores by subsampling the
 * training and dev splits; {@link #full(Path)} uses every document.
 *
 * @param outputDirectory where labels, students and reports go
 * @param tasks the corpora to run
 * @param trainDocuments training documents per task (their text only feeds the teachers; 0 = all)
 * @param devDocuments dev documents per task (0 = all)
 * @param testDocuments test documents per task (0 = all)
 * @param encoder the offline pretrained encoder of both students
 * @param epochs training epochs of each student (the best dev epoch is kept)
 * @param batchSize windows per training batch
 * @param learningRate peak learning rate
 * @param llm LLM teachers to add, when keys or a local server are given
 */
public record DemoSettings(Path outputDirectory, List<DemoTask> tasks, int trainDocuments, int devDocuments,
                           int testDocuments, PretrainedEncoder encoder, int epochs, int batchSize, double learningRate,
                           Optional<LlmTeacherSettings> llm) {

    public static final int DEFAULT_TRAIN_DOCUMENTS = 150;
    public static final int DEFAULT_DEV_DOCUMENTS = 50;
    public static final int DEFAULT_TEST_DOCUMENTS = 100;
    public static final int DEFAULT_EPOCHS = 3;
    /**
     * Batches of 32 windows with a high peak learning rate: on 2 CPU cores the optimizer step over MiniLM's
     * 22M parameters costs as much as the forward and backward pass of 8 windows, so small batches double
     * the time per epoch; measured 60-70 s per epoch for 150 NCBI-disease notes at batch 32.
     */
    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final double DEFAULT_LEARNING_RATE = 3e-4;

    public DemoSettings {
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(llm, "llm");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("at least one task is needed");
        }
        if (trainDocuments < 0 || devDocuments < 0 || testDocuments < 0) {
            throw new IllegalArgumentException("document counts must be 0 (all) or positive: train=" + trainDocuments
                    + ", dev=" + devDocuments + ", test=" + testDocuments);
        }
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batchSize must be at least 1: epochs=" + epochs
                    + ", batchSize=" + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be positive: " + learningRate);
        }
    }

    /** The 15-minute default: every task, subsampled. */
    public static DemoSettings defaults(Path outputDirectory) {
        return new DemoSettings(outputDirectory, DemoTask.all(), DEFAULT_TRAIN_DOCUMENTS, DEFAULT_DEV_DOCUMENTS,
                DEFAULT_TEST_DOCUMENTS, PretrainedEncoder.MINILM, DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE,
                Optional.empty());
    }

    /** Every document of every split. */
    public static DemoSettings full(Path outputDirectory) {
        return new DemoSettings(outputDirectory, DemoTask.all(), 0, 0, 0, PretrainedEncoder.MINILM, DEFAULT_EPOCHS,
                DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, Optional.empty());
    }

    /** Whether any split is subsampled. */
    public boolean subsampled() {
        return trainDocuments > 0 || devDocuments > 0 || testDocuments > 0;
    }
}
