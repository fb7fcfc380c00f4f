package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The labels of a self-training round: the teachers' labels, plus the previous student's mentions that overlap
 * none of them. Where the two disagree the teachers win, so the student can only fill in what they missed.
 */
final class PseudoLabels {

    /** The merged labels (in the teachers' order) and how many mentions the student added. */
    record Merged(List<Annotation> labels, int added) {
    }

    private PseudoLabels() {
    }

    static Merged addNonOverlapping(List<Annotation> teacherLabels, List<Annotation> studentLabels, String source) {
        Map<String, Annotation> byId = studentLabels.stream()
                .collect(Collectors.toMap(Annotation::documentId, Function.identity()));
        List<Annotation> merged = new ArrayList<>(teacherLabels.size());
        int added = 0;
        for (Annotation teacher : teacherLabels) {
            Annotation student = byId.get(teacher.documentId());
            if (student == null) {
                throw new IllegalStateException("the student did not label document " + teacher.documentId());
            }
            List<Entity> entities = new ArrayList<>(teacher.entities());
            for (Entity candidate : student.entities()) {
                if (entities.stream().noneMatch(candidate::overlaps)) {
                    entities.add(candidate);
                    added++;
                }
            }
            merged.add(new Annotation(teacher.document(), entities, source));
        }
        return new Merged(List.copyOf(merged), added);
    }
}
