package io.github.meddistill.core;

import java.util.List;

/** Finds terminology concepts in text by dictionary matching. Implementations state thread-safety. */
@FunctionalInterface
public interface OntologyMatcher {

    /** Non-overlapping matches in {@code text}, in text order. */
    List<ConceptMatch> match(String text);

    /**
     * What decides the matches (the terms and matching options), as text, for {@link Teacher#configuration()}.
     * The default, empty, says nothing.
     */
    default String configuration() {
        return "";
    }
}
