package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Student;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a distillation run produced. Closing it closes the students.
 *
 * @param student the student distilled from the combined teacher labels
 * @param goldStudent the reference student trained on gold training labels, when those were given
 * @param teacherAnnotations each teacher's labels of the unlabeled (training) documents
 * @param combination the chosen combination of teachers
 * @param trainingLabels the combined labels the first student was trained on (later self-training rounds add the
 *     students' own mentions to them)
 * @param selfTraining the self-training rounds, the first student's included; empty without self-training
 * @param testRuns every system's predictions, time and cost on the test documents (empty without a test set)
 * @param evaluation the evaluator's report, when a test set and an evaluator were given
 * @param outputDirectory where labels, students and reports were written
 */
public record DistillationResult(Student student, Optional<Student> goldStudent,
                                 Map<String, List<Annotation>> teacherAnnotations, CombinationPlan combination,
                                 List<Annotation> trainingLabels, List<SelfTrainingRound> selfTraining,
                                 List<SystemRun> testRuns,
                                 Optional<Evaluation> evaluation, Path outputDirectory) implements AutoCloseable {

    public DistillationResult {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(goldStudent, "goldStudent");
        teacherAnnotations = Map.copyOf(teacherAnnotations);
        Objects.requireNonNull(combination, "combination");
        trainingLabels = List.copyOf(trainingLabels);
        selfTraining = List.copyOf(selfTraining);
        testRuns = List.copyOf(testRuns);
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
    }

    @Override
    public void close() {
        try {
            student.close();
        } finally {
            goldStudent.ifPresent(io.github.meddistill.core.Student::close);
        }
    }
}
