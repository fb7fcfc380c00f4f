package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.FileException;
import io.github.meddistill.core.MentionConfidences;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.StudentLoader;
import io.github.meddistill.core.StudentTrainer;
import io.github.meddistill.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The students of a distillation, saved under {@code <output>/students/<name>}: a folder counts as done only once its
 * {@value #COMPLETE_MARKER} file, written last, holds the fingerprint of the training that made it; a rerun loads a
 * student whose fingerprint still matches and trains the others again. Not thread-safe.
 */
final class StudentStore {

    private static final Logger LOG = LoggerFactory.getLogger(StudentStore.class);
    static final String COMPLETE_MARKER = ".complete";

    private final Path directory;
    private final List<Annotation> development;
    private final ProgressListener progress;

    /** @param development the gold dev labels the trainers early-stop on, kept to the distillation's types */
    StudentStore(Path directory, List<Annotation> development, ProgressListener progress) {
        this.directory = directory;
        this.development = development;
        this.progress = progress;
    }

    /** The student {@code name}: loaded when an earlier run trained it the same way, otherwise trained and saved. */
    Student trainOrLoad(String name, StudentTrainer trainer, List<Annotation> training) {
        return trainOrLoad(name, trainer, training, MentionConfidences.NONE);
    }

    /** As {@link #trainOrLoad(String, StudentTrainer, List)}, on labels with {@code confidences}. */
    Student trainOrLoad(String name, StudentTrainer trainer, List<Annotation> training,
            MentionConfidences confidences) {
        Path folder = directory.resolve(name);
        Path marker = folder.resolve(COMPLETE_MARKER);
        Optional<StudentLoader> loader = trainer instanceof StudentLoader l ? Optional.of(l) : Optional.empty();
        String fingerprint = fingerprint(trainer, training, confidences);
        removeUnfinishedSaves(folder, name);
        if (loader.isPresent() && Files.exists(marker)) {
            if (readString(marker).strip().equals(fingerprint)) {
                LOG.info("Loading the {} trained by an earlier run from {}", name, folder);
                return loader.get().load(folder);
            }
            LOG.info("Training the {} again: its settings or data changed since the one in {} was trained", name,
                    folder);
        }
        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING, name, 0, 1));
        Student student = trainer.train(training, development, confidences);
        try {
            student.save(folder);
            writeString(marker, fingerprint);
        } catch (RuntimeException e) {
            student.close();
            throw e;
        }
        progress.onProgress(new ProgressEvent(ProgressEvent.Stage.TRAINING, name, 1, 1));
        return student;
    }

    /** Deletes the hidden copies a run killed while saving this student left beside its folder. */
    private static void removeUnfinishedSaves(Path folder, String name) {
        try {
            int removed = AtomicFiles.removeTemporarySiblings(folder);
            if (removed > 0) {
                LOG.info("Removed {} unfinished copies of the {} left beside {} by a run stopped while saving it",
                        removed, name, folder);
            }
        } catch (IOException e) {
            throw new FileException(folder, "cannot remove the unfinished copies of the " + name + " beside it", e);
        }
    }

    /**
     * What decides the student {@code trainer} makes of {@code training}: its configuration, both data sets and the
     * mentions' confidences.
     */
    String fingerprint(StudentTrainer trainer, List<Annotation> training, MentionConfidences confidences) {
        String configuration = trainer instanceof StudentLoader loader ? loader.configuration() : "";
        return TrainingFingerprint.of(configuration, training, confidences, development);
    }

    static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FileException(file, "cannot read", e);
        }
    }

    static void writeString(Path file, String content) {
        try {
            AtomicFiles.writeString(file, content);
        } catch (IOException e) {
            throw new FileException(file, "cannot write", e);
        }
    }
}
