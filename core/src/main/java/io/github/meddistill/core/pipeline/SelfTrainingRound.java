package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.EntityType;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One round of self-training: the student of the previous round labelled the unlabeled notes, its mentions of the
 * joined types that no teacher label overlaps joined the teachers' labels, and a new student was trained on them.
 *
 * @param round 1 for the student trained on the teachers' labels alone, then 2, 3, ...
 * @param addedMentions mentions the previous student added to the teachers' labels (0 in round 1)
 * @param devF1 the round's student's strict span F1 on the development set, over every type
 * @param kept whether this round's student is the one the pipeline went on with (a round that does not raise the
 *     development F1 ends self-training and its student is dropped)
 * @param joinedTypes the types whose student mentions joined in this round (none in round 1; a type leaves once a
 *     round lowers its development F1)
 * @param devF1ByType the round's student's strict span F1 on the development set, per type
 */
public record SelfTrainingRound(int round, int addedMentions, double devF1, boolean kept, Set<EntityType> joinedTypes,
                                Map<EntityType, Double> devF1ByType) {

    public SelfTrainingRound {
        joinedTypes = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(joinedTypes,
                "joinedTypes")));
        devF1ByType = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(devF1ByType,
                "devF1ByType")));
    }
}
