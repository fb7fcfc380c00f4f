package io.github.meddistill.examples.demo;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Teacher;
import java.util.List;
import java.util.Objects;

/**
 * What one distillation runs on: the notes the teachers label, the gold splits and the teachers.
 *
 * @param task the task's name (its output sub-folder) and entity types
 * @param notes the notes to distil from (their text only is used)
 * @param dev gold dev notes: they choose the teacher subset per type, the decoding bias and the best epoch
 * @param test gold test notes every system is scored on
 * @param testName what {@code test} is, in report titles ({@code "test"}, or {@code "dev"} when no test set was given)
 * @param goldTraining gold training notes for the reference student trained on gold labels (empty: none)
 * @param teachers the teachers
 */
public record DistillInputs(DemoTask task, List<Document> notes, List<Annotation> dev, List<Annotation> test,
                            String testName, List<Annotation> goldTraining, List<Teacher> teachers) {

    public DistillInputs {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(testName, "testName");
        notes = List.copyOf(notes);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
        goldTraining = List.copyOf(goldTraining);
        teachers = List.copyOf(teachers);
    }
}
