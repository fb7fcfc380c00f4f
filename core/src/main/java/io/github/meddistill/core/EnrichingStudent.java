package io.github.meddistill.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A student whose {@link #extract(String)} results carry context: each result of the wrapped student passes through
 * the enrichers in order (e.g. assertion status, then concept codes). Thread-safe when the student and the enrichers
 * are; {@link #close()} closes the wrapped student.
 *
 * <pre>{@code
 * try (Student student = EnrichingStudent.wrap(BertStudent.load(dir), ContextEngine.defaults(), linker)) {
 *     for (Entity e : student.extract(note)) { e.assertion().negated(); e.concepts(); }
 * }
 * }</pre>
 */
public final class EnrichingStudent implements Student {

    private final Student student;
    private final List<EntityEnricher> enrichers;

    private EnrichingStudent(Student student, List<EntityEnricher> enrichers) {
        this.student = Objects.requireNonNull(student, "student");
        this.enrichers = List.copyOf(enrichers);
    }

    /** {@code student} with {@code enrichers} applied, in order, to every result. */
    public static EnrichingStudent wrap(Student student, EntityEnricher... enrichers) {
        return new EnrichingStudent(student, List.of(enrichers));
    }

    @Override
    public List<Entity> extract(String text) {
        return enrich(text, student.extract(text));
    }

    @Override
    public List<List<Entity>> extractAll(List<String> texts) {
        List<List<Entity>> found = student.extractAll(texts);
        List<List<Entity>> enriched = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            enriched.add(enrich(texts.get(i), found.get(i)));
        }
        return List.copyOf(enriched);
    }

    private List<Entity> enrich(String text, List<Entity> entities) {
        List<Entity> current = entities;
        for (EntityEnricher enricher : enrichers) {
            current = enricher.enrich(text, current);
        }
        return current;
    }

    @Override
    public Set<EntityType> entityTypes() {
        return student.entityTypes();
    }

    /** Saves the wrapped student; enrichers are not saved (build them again when loading). */
    @Override
    public void save(Path directory) {
        student.save(directory);
    }

    @Override
    public void close() {
        student.close();
    }
}
