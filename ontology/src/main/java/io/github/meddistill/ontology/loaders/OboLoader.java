package io.github.meddistill.ontology.loaders;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.ontology.OntologyFormatException;
import io.github.meddistill.ontology.Term;
import io.github.meddistill.ontology.internal.Inputs;
import io.github.meddistill.ontology.internal.LineReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads names and synonyms from an OBO 1.2 flat file such as the Disease Ontology ({@code doid.obo})
 * or the Human Phenotype Ontology ({@code hp.obo}), optionally gzipped. Every non-obsolete
 * {@code [Term]} gives its {@code name:} and its {@code synonym:}s of the chosen scopes (EXACT by
 * default), all mapped to one entity type, each with the stanza's {@code xref:} ids as {@link Term#xrefs()}
 * (DOID: MESH, UMLS_CUI, OMIM, SNOMEDCT_US_..., ICD10CM) and its {@code is_a} ids as {@link Term#parents()}
 * (so a {@link io.github.meddistill.ontology.ConceptLinker} can offer broader codes). A branch root keeps only the
 * root's descendants along
 * {@code is_a} (the root itself excluded), as in {@link #hpoPhenotypicAbnormality()}.
 *
 * <pre>{@code
 * List<Term> diseases = OboLoader.builder(EntityType.DISEASE).build().load(Path.of("doid.obo"));
 * List<Term> symptoms = OboLoader.hpoPhenotypicAbnormality().load(Path.of("hp.obo"));
 * }</pre>
 *
 * <p>A built loader is immutable and thread-safe.
 */
public final class OboLoader {

    /** HPO's "Phenotypic abnormality", the root of its signs and symptoms. */
    public static final String HPO_PHENOTYPIC_ABNORMALITY = "HP:0000118";

    private final EntityType type;
    private final Set<SynonymScope> scopes;
    private final String branchRoot;
    private final String source;

    private OboLoader(Builder builder) {
        this.type = builder.type;
        this.scopes = Set.copyOf(builder.scopes);
        this.branchRoot = builder.branchRoot;
        this.source = builder.source;
    }

    /** A loader that maps every kept term to {@code type}. */
    public static Builder builder(EntityType type) {
        return new Builder(type);
    }

    /** HPO's phenotypic abnormality branch (descendants of HP:0000118) as SYMPTOM, EXACT synonyms. */
    public static OboLoader hpoPhenotypicAbnormality() {
        return builder(EntityType.SYMPTOM).branchRoot(HPO_PHENOTYPIC_ABNORMALITY).build();
    }

    /**
     * Loads the terms of an OBO file.
     *
     * @throws OntologyFormatException naming file and line for a malformed stanza or synonym
     */
    public List<Term> load(Path file) {
        Map<String, Stanza> stanzas = new LinkedHashMap<>();
        try (LineReader lines = Inputs.lines(file, StandardCharsets.UTF_8)) {
            Stanza current = null;
            boolean inTerm = false;
            for (String line = lines.next(); line != null; line = lines.next()) {
                String stripped = line.strip();
                if (stripped.startsWith("[")) {
                    finish(current, lines, stanzas);
                    inTerm = stripped.equals("[Term]");
                    current = inTerm ? new Stanza(lines.lineNumber()) : null;
                    continue;
                }
                if (!inTerm || stripped.isEmpty() || stripped.startsWith("!")) {
                    continue;
                }
                int colon = stripped.indexOf(':');
                if (colon <= 0) {
                    throw lines.error("expected a 'tag: value' line inside a [Term] stanza, found '" + stripped + "'");
                }
                String tag = stripped.substring(0, colon);
                String value = stripped.substring(colon + 1).strip();
                switch (tag) {
                    case "id" -> current.id = value;
                    case "name" -> current.name = value;
                    case "is_obsolete" -> current.obsolete = value.equals("true");
                    case "is_a" -> current.parents.add(identifier(value));
                    case "synonym" -> synonym(lines, value, current);
                    case "xref" -> current.xrefs.add(identifier(value));
                    default -> {
                        // other tags (def, comment, ...) carry no names
                    }
                }
            }
            finish(current, lines, stanzas);
            if (stanzas.isEmpty()) {
                throw new OntologyFormatException(file.toString(), lines.lineNumber(),
                        "expected at least one [Term] stanza, found " + (lines.lineNumber() == 0 ? "an empty file"
                                : "none"));
            }
        }
        Set<String> kept = branchRoot == null ? stanzas.keySet() : descendants(stanzas, file);
        Set<Term> terms = new LinkedHashSet<>();
        for (String id : kept) {
            Stanza stanza = stanzas.get(id);
            if (stanza.obsolete) {
                continue;
            }
            String vocabulary = source != null ? source : prefix(id);
            List<String> xrefs = List.copyOf(stanza.xrefs);
            List<String> parents = List.copyOf(stanza.parents);
            terms.add(new Term(stanza.name, id, stanza.name, type, vocabulary, xrefs, parents));
            for (String synonym : stanza.synonyms) {
                terms.add(new Term(synonym, id, stanza.name, type, vocabulary, xrefs, parents));
            }
        }
        return List.copyOf(terms);
    }

    private void synonym(LineReader lines, String value, Stanza stanza) {
        if (!value.startsWith("\"")) {
            throw lines.error("expected a synonym of the form '\"text\" SCOPE [xrefs]', found '" + value + "'");
        }
        StringBuilder text = new StringBuilder();
        int i = 1;
        boolean closed = false;
        while (i < value.length()) {
            char c = value.charAt(i++);
            if (c == '\\' && i < value.length()) {
                char escaped = value.charAt(i++);
                text.append(escaped == 'n' ? ' ' : escaped == 't' ? ' ' : escaped);
            } else if (c == '"') {
                closed = true;
                break;
            } else {
                text.append(c);
            }
        }
        if (!closed) {
            throw lines.error("expected a closing quote in the synonym, found '" + value + "'");
        }
        String rest = value.substring(i).strip();
        int space = rest.indexOf(' ');
        String scopeName = space < 0 ? rest : rest.substring(0, space);
        SynonymScope scope;
        try {
            scope = SynonymScope.valueOf(scopeName);
        } catch (IllegalArgumentException e) {
            throw lines.error("expected a synonym scope (EXACT, RELATED, BROAD or NARROW) after the quoted text,"
                    + " found '" + scopeName + "'");
        }
        if (scopes.contains(scope) && !text.toString().isBlank()) {
            stanza.synonyms.add(text.toString().strip());
        }
    }

    private static void finish(Stanza stanza, LineReader lines, Map<String, Stanza> stanzas) {
        if (stanza == null) {
            return;
        }
        if (stanza.id == null || stanza.id.isEmpty()) {
            throw new OntologyFormatException(lines.file(), stanza.line, "expected an 'id:' line in the [Term]"
                    + " stanza, found none");
        }
        if (!stanza.obsolete && (stanza.name == null || stanza.name.isBlank())) {
            throw new OntologyFormatException(lines.file(), stanza.line, "expected a 'name:' line in [Term] "
                    + stanza.id + ", found none");
        }
        stanzas.putIfAbsent(stanza.id, stanza);
    }

    private Set<String> descendants(Map<String, Stanza> stanzas, Path file) {
        if (!stanzas.containsKey(branchRoot)) {
            throw new OntologyFormatException(file.toString(), 0, "expected a [Term] with id " + branchRoot
                    + " (the branch root), found none");
        }
        Map<String, List<String>> children = new HashMap<>();
        stanzas.forEach((id, stanza) -> stanza.parents.forEach(
                parent -> children.computeIfAbsent(parent, p -> new ArrayList<>()).add(id)));
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(branchRoot));
        while (!queue.isEmpty()) {
            for (String child : children.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(child)) {
                    queue.add(child);
                }
            }
        }
        seen.remove(branchRoot);
        Set<String> ordered = new LinkedHashSet<>();
        for (String id : stanzas.keySet()) {
            if (seen.contains(id)) {
                ordered.add(id);
            }
        }
        return ordered;
    }

    /** {@code "HP:0000118 ! Phenotypic abnormality {source=...}"} to {@code "HP:0000118"}. */
    private static String identifier(String value) {
        int end = 0;
        while (end < value.length() && !Character.isWhitespace(value.charAt(end)) && value.charAt(end) != '!'
                && value.charAt(end) != '{') {
            end++;
        }
        return value.substring(0, end);
    }

    private static String prefix(String id) {
        int colon = id.indexOf(':');
        return colon > 0 ? id.substring(0, colon) : "OBO";
    }

    private static final class Stanza {
        final long line;
        String id;
        String name;
        boolean obsolete;
        final List<String> parents = new ArrayList<>();
        final List<String> synonyms = new ArrayList<>();
        final List<String> xrefs = new ArrayList<>();

        Stanza(long line) {
            this.line = line;
        }
    }

    /** Defaults: EXACT synonyms, no branch root, source = the id prefix ({@code DOID}, {@code HP}). Not thread-safe. */
    public static final class Builder {

        private final EntityType type;
        private final Set<SynonymScope> scopes = EnumSet.of(SynonymScope.EXACT);
        private String branchRoot;
        private String source;

        private Builder(EntityType type) {
            this.type = type;
        }

        /** Replaces the synonym scopes to keep (may be empty: names only). */
        public Builder scopes(Set<SynonymScope> kept) {
            scopes.clear();
            scopes.addAll(kept);
            return this;
        }

        /** Keeps only descendants of this term along is_a, e.g. {@link #HPO_PHENOTYPIC_ABNORMALITY}. */
        public Builder branchRoot(String rootId) {
            this.branchRoot = rootId;
            return this;
        }

        /** The source name of the matches; by default each term's id prefix. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public OboLoader build() {
            SettingsCheck check = SettingsCheck.of("the OBO loader");
            Objects.requireNonNull(type, "type");
            check.require(branchRoot == null || !branchRoot.isBlank(),
                    "branchRoot must not be blank: branchRoot='" + branchRoot + "'");
            check.require(source == null || !source.isBlank(), "source must not be blank: source='" + source + "'");
            check.throwIfAny();
            return new OboLoader(this);
        }
    }
}
