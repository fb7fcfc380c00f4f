package io.github.meddistill.core;

import java.nio.file.Path;

/**
 * Loads a {@link Student} saved with {@link Student#save(Path)}. A {@link StudentTrainer} that also
 * implements this lets the distillation pipeline resume: a student trained by an earlier run is
 * loaded instead of trained again, as long as it was trained on the same data with the same
 * {@linkplain #configuration() configuration}.
 */
@FunctionalInterface
public interface StudentLoader {

    /** The student saved in {@code directory}. */
    Student load(Path directory);

    /**
     * Every setting of the trainer that changes the student it trains (encoder, epochs, learning rate, seed, ...),
     * as text. The pipeline reuses a saved student only while this and the training data are unchanged. The
     * default, empty, compares the data alone.
     */
    default String configuration() {
        return "";
    }
}
