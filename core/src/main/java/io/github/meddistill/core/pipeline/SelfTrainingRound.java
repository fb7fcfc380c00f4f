package io.github.meddistill.core.pipeline;

/**
 * One round of self-training: the student of the previous round labelled the unlabeled notes, its mentions that
 * no teacher label overlaps joined the teachers' labels, and a new student was trained on them.
 *
 * @param round 1 for the student trained on the teachers' labels alone, then 2, 3, ...
 * @param addedMentions mentions the previous student added to the teachers' labels (0 in round 1)
 * @param devF1 the round's student's strict span F1 on the development set
 * @param kept whether this round's student is the one the pipeline went on with (a round that does not raise the
 *     development F1 ends self-training and its student is dropped)
 */
public record SelfTrainingRound(int round, int addedMentions, double devF1, boolean kept) {
}
