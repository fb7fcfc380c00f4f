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
     * Trains on {@code training} whose mentions are not all equally sure: one of confidence {@code c} counts
     * {@code c} times as much as a certain one (the rest of it is unknown, not outside). Only a trainer that
     * {@linkplain #weighsMentions() weighs mentions} accepts confidences; the default trains as
     * {@link #train(List, List)} when none is given.
     *
     * @throws IllegalArgumentException if confidences are given to a trainer that does not weigh mentions
     */
    default Student train(List<Annotation> training, List<Annotation> development, MentionConfidences confidences) {
        if (!confidences.isEmpty()) {
            throw new IllegalArgumentException(getClass().getName() + " does not weigh mentions by confidence");
        }
        return train(training, development);
    }

    /** Whether {@link #train(List, List, MentionConfidences)} learns from confidences; false by default. */
    default boolean weighsMentions() {
        return false;
    }

    /**
     * This trainer for a run that distils {@code types}: one configured without types of its own returns a copy that
     * trains a student for these; one that was told its types returns itself, as does the default.
     */
    default StudentTrainer forEntityTypes(Set<EntityType> types) {
        return this;
    }
}
