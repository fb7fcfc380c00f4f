package io.github.meddistill.ontology;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.ConceptMatch;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.OntologyMatcher;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.text.NonOverlapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link Teacher} made of one or several {@link OntologyMatcher}s: every matcher labels the
 * document, overlapping matches are settled by the {@link MatcherPrecedence}, and the survivors become
 * entities of their match's type (optionally restricted to some types).
 *
 * <pre>{@code
 * Teacher rxnorm = OntologyTeacher.builder("rxnorm+snomed").addMatcher(rxnormMatcher).addMatcher(snomedMatcher).build();
 * Annotation labels = rxnorm.annotate(new Document("n1", "Started metformin."));
 * }</pre>
 *
 * <p>Thread-safe when its matchers are (every {@link DictionaryMatcher} is).
 */
public final class OntologyTeacher implements Teacher {

    private final String name;
    private final List<OntologyMatcher> matchers;
    private final MatcherPrecedence precedence;
    private final Set<EntityType> types;

    private OntologyTeacher(Builder builder) {
        this.name = builder.name;
        this.matchers = List.copyOf(builder.matchers);
        this.precedence = builder.precedence;
        this.types = builder.types.isEmpty() ? Set.of() : Set.copyOf(builder.types);
    }

    /** A teacher called {@code name} (its annotations' source). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The common case in one call: a teacher called {@code name} on one {@link DictionaryMatcher} with the default
     * settings over {@code terms} (e.g. what an {@code OboLoader} or {@code RrfLoader} loaded), keeping every type.
     *
     * <pre>{@code
     * Teacher doid = OntologyTeacher.fromTerms("doid", OboLoader.builder(EntityType.DISEASE).build().load(obo));
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code name} is blank or {@code terms} is empty
     */
    public static OntologyTeacher fromTerms(String name, Collection<Term> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("terms must not be empty: teacher '" + name + "' would label nothing");
        }
        return builder(name).addMatcher(DictionaryMatcher.builder().addTerms(terms).build()).build();
    }

    @Override
    public String name() {
        return name;
    }

    /** The overlap policy, the types kept and every matcher's {@link OntologyMatcher#configuration()}. */
    @Override
    public String configuration() {
        StringBuilder text = new StringBuilder("overlap=").append(precedence).append("\ntypes=")
                .append(new TreeSet<>(types));
        matchers.forEach(matcher -> text.append("\nmatcher=").append(matcher.configuration()));
        return text.toString();
    }

    @Override
    public Annotation annotate(Document document) {
        List<Entity> entities = new ArrayList<>();
        for (ConceptMatch match : matches(document.text())) {
            entities.add(match.toEntity());
        }
        return new Annotation(document, entities, name);
    }

    /** The non-overlapping matches in {@code text}, in text order, with their concepts. */
    public List<ConceptMatch> matches(String text) {
        List<Candidate> candidates = new ArrayList<>();
        for (int priority = 0; priority < matchers.size(); priority++) {
            for (ConceptMatch match : matchers.get(priority).match(text)) {
                if (types.isEmpty() || types.contains(match.type())) {
                    candidates.add(new Candidate(match, priority));
                }
            }
        }
        if (precedence == MatcherPrecedence.LONGEST_THEN_PRIORITY) {
            candidates.sort(Comparator.comparingInt((Candidate c) -> c.match.start() - c.match.end())
                    .thenComparingInt(c -> c.priority)
                    .thenComparingInt(c -> c.match.start()));
        }
        return NonOverlapping.keep(candidates.stream().map(Candidate::match).toList(), ConceptMatch::start,
                ConceptMatch::end);
    }

    private record Candidate(ConceptMatch match, int priority) {
    }

    /** Matchers in priority order; default policy {@link MatcherPrecedence#PRIORITY}, all types kept. Not thread-safe. */
    public static final class Builder {

        private final String name;
        private final List<OntologyMatcher> matchers = new ArrayList<>();
        private MatcherPrecedence precedence = MatcherPrecedence.PRIORITY;
        private final Set<EntityType> types = new LinkedHashSet<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Appends a matcher; earlier matchers have priority. */
        public Builder addMatcher(OntologyMatcher matcher) {
            matchers.add(Objects.requireNonNull(matcher, "matcher"));
            return this;
        }

        /** How matches of different matchers that overlap are settled; default {@link MatcherPrecedence#PRIORITY}. */
        public Builder matcherPrecedence(MatcherPrecedence precedence) {
            this.precedence = Objects.requireNonNull(precedence, "precedence");
            return this;
        }

        /** Keeps only matches of this type (may be called several times); by default all types are kept. */
        public Builder addType(EntityType type) {
            types.add(Objects.requireNonNull(type, "type"));
            return this;
        }

        public OntologyTeacher build() {
            SettingsCheck check = SettingsCheck.of("the ontology teacher");
            check.require(name != null && !name.isBlank(), "name must not be blank: name=" + name);
            check.require(!matchers.isEmpty(), "matchers must not be empty: add at least one with addMatcher");
            check.throwIfAny();
            return new OntologyTeacher(this);
        }
    }
}
