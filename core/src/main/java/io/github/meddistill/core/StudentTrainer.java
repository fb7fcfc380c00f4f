package io.github.meddistill.core;

import java.util.List;
import java.util.Set;

/**
 * Trains a {@link Student} from labelled documents. The distillation pipeline calls it twice: once
 * with combined teacher labels and, for the human baseline, once with gold labels. Plug in your own
 * to replace the student without forking.
 */
@FunctionalInterface
public interface StudentTrainer {

    /**
     * Trains on {@code training}; when {@code development} is not empty, uses it for early stopping
     * and keeps the best checkpoint.
     */
    Student train(List<Annotation> training, List<Annotation> development);

    /**
     * This trainer for a run that distils {@code types}: one configured without types of its own returns a copy that
     * trains a student for these; one that was told its types returns itself, as does the default.
     */
    default StudentTrainer forEntityTypes(Set<EntityType> types) {
        return this;
    }
}
