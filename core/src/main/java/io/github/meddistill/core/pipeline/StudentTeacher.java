package io.github.meddistill.core.pipeline;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.Teacher;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained student labelling notes for the next self-training round, so that its labels are journalled and
 * resumed like any teacher's. Its configuration is the student's training fingerprint: a retrained student
 * labels again. As thread-safe as the student.
 */
final class StudentTeacher implements Teacher {

    private final String name;
    private final Student student;
    private final String fingerprint;

    StudentTeacher(String name, Student student, String fingerprint) {
        this.name = name;
        this.student = student;
        this.fingerprint = fingerprint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String configuration() {
        return "student " + fingerprint;
    }

    @Override
    public Annotation annotate(Document document) {
        return annotateAll(List.of(document)).get(0);
    }

    @Override
    public List<Annotation> annotateAll(List<Document> documents) {
        List<List<Entity>> entities = student.extractAll(documents.stream().map(Document::text).toList());
        List<Annotation> annotations = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            annotations.add(new Annotation(documents.get(i), entities.get(i), name));
        }
        return List.copyOf(annotations);
    }
}
