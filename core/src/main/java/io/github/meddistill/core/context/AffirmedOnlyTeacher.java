package io.github.meddistill.core.context;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Teacher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A teacher that keeps only the affirmed mentions of another teacher ({@link io.github.meddistill.core.Assertion#isAffirmed()}
 * as a {@link ContextEngine} decides it), with their assertion attached. A student trained on its labels learns to
 * leave negated, uncertain, hypothetical and non-patient mentions unlabelled. Use it wherever a teacher goes
 * ({@code Distillation}, combiners, {@code meddistill distill --affirmed-only}). Thread-safe when the wrapped
 * teacher is.
 *
 * <pre>{@code
 * Teacher affirmed = AffirmedOnlyTeacher.wrap(doidTeacher, ContextEngine.defaults());
 * }</pre>
 */
public final class AffirmedOnlyTeacher implements Teacher {

    private final Teacher teacher;
    private final ContextEngine engine;

    private AffirmedOnlyTeacher(Teacher teacher, ContextEngine engine) {
        this.teacher = Objects.requireNonNull(teacher, "teacher");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** {@code teacher}'s labels, filtered to the mentions {@code engine} decides are affirmed. */
    public static AffirmedOnlyTeacher wrap(Teacher teacher, ContextEngine engine) {
        return new AffirmedOnlyTeacher(teacher, engine);
    }

    /** The wrapped teacher's name: the labels still come from it. */
    @Override
    public String name() {
        return teacher.name();
    }

    /** The wrapped teacher's configuration plus the filter and the lexicon size. */
    @Override
    public String configuration() {
        return teacher.configuration() + " | affirmed-only " + engine;
    }

    @Override
    public Annotation annotate(Document document) {
        return filter(teacher.annotate(document));
    }

    @Override
    public List<Annotation> annotateAll(List<Document> documents) {
        List<Annotation> labelled = teacher.annotateAll(documents);
        List<Annotation> kept = new ArrayList<>(labelled.size());
        for (Annotation annotation : labelled) {
            kept.add(filter(annotation));
        }
        return List.copyOf(kept);
    }

    private Annotation filter(Annotation annotation) {
        Annotation decided = engine.apply(annotation);
        return new Annotation(decided.document(),
                decided.entities().stream().filter(e -> e.assertion().isAffirmed()).toList(), decided.source());
    }
}
