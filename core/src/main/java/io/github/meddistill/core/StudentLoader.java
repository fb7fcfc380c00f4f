package io.github.meddistill.core;

import java.nio.file.Path;

/**
 * Loads a {@link Student} saved with {@link Student#save(Path)}. A {@link StudentTrainer} that also
 * implements this lets the distillation pipeline resume: a student trained by an earlier run is
 * loaded instead of trained again.
 */
@FunctionalInterface
public interface StudentLoader {

    /** The student saved in {@code directory}. */
    Student load(Path directory);
}
