package io.github.meddistill.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Something that labels documents with entities: an LLM, a dictionary matcher, a rule set, a model.
 *
 * <p>Implement {@link #name()} and {@link #annotate(Document)}; {@link #annotateAll(List)} labels
 * one document after another and may be overridden to batch or parallelise. Implementations say in
 * their Javadoc whether they are thread-safe.
 *
 * <pre>{@code
 * Teacher shouting = new Teacher() {
 *     public String name() { return "all-caps"; }
 *     public Annotation annotate(Document d) { return new Annotation(d, findCaps(d.text()), name()); }
 * };
 * }</pre>
 */
public interface Teacher {

    /** A short stable name, used as the annotations' source and in reports (e.g. {@code "gpt-4o"}). */
    String name();

    /**
     * Everything besides the name that decides this teacher's labels (a lexicon's content, a model and its prompt,
     * a rule set's version), as text. When it differs from the one a distillation's label journals were written
     * with, the pipeline sets those journals aside and labels again. The default, empty, never does; a teacher
     * whose rules live in code can return a version string.
     */
    default String configuration() {
        return "";
    }

    /**
     * This teacher for a run that distils {@code types}. A teacher that was configured without types of its own
     * (an LLM teacher left at its defaults) returns a copy that asks for these; one that was told its types, or whose
     * types come from its data (a dictionary), returns itself. The default returns itself; the pipeline keeps every
     * teacher's labels to its types either way.
     */
    default Teacher forEntityTypes(Set<EntityType> types) {
        return this;
    }

    /** The entities this teacher finds in one document, with {@link #name()} as source. */
    Annotation annotate(Document document);

    /** Labels every document, in input order. */
    default List<Annotation> annotateAll(List<Document> documents) {
        List<Annotation> annotations = new ArrayList<>(documents.size());
        for (Document document : documents) {
            annotations.add(annotate(document));
        }
        return List.copyOf(annotations);
    }
}
