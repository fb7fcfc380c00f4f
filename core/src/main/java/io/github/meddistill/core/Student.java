package io.github.meddistill.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A trained entity extractor (typically a small BERT model) that runs inside the application.
 * It holds native resources: close it when done. Implementations say in their Javadoc whether
 * {@link #extract(String)} may be called from several threads.
 */
public interface Student extends AutoCloseable {

    /** Entities found in the text, in document order, with exact character offsets. */
    List<Entity> extract(String text);

    /** Entities for each text, in input order; implementations may batch. */
    default List<List<Entity>> extractAll(List<String> texts) {
        List<List<Entity>> results = new ArrayList<>(texts.size());
        for (String text : texts) {
            results.add(extract(text));
        }
        return List.copyOf(results);
    }

    /** Entity types this student can produce. */
    Set<EntityType> entityTypes();

    /** Writes everything needed to load the student again in a fresh JVM into {@code directory}. */
    void save(Path directory);

    /** Releases native resources; does not throw checked exceptions. */
    @Override
    void close();

    /** This student as a {@link Teacher} named {@code name}, so it can be scored and combined like one. */
    default Teacher asTeacher(String name) {
        Student student = this;
        return new Teacher() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Annotation annotate(Document document) {
                return new Annotation(document, student.extract(document.text()), name);
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
        };
    }
}
