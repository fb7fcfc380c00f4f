package io.github.meddistill.ontology;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityEnricher;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.LinkedConcept;
import io.github.meddistill.core.LinkedConcept.LinkMethod;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.text.Abbreviation;
import io.github.meddistill.core.text.AbbreviationFinder;
import io.github.meddistill.ontology.internal.TokenScanner;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps entity mentions to the ontology concepts their text names, ranked and scored, from the same {@link Term}
 * lists the dictionary teachers load (so DOID, HPO, DrugBank, Drugs@FDA, RxNorm and SNOMED CT ids, and the
 * cross-references a loader keeps, such as DOID's MeSH, UMLS and OMIM xrefs, come with each concept).
 *
 * <p>Four steps, each tried only when the one before found nothing (and, with {@linkplain Builder#addExample link
 * examples}, a step before them: {@link LinkMethod#EXAMPLE}, the mention equals an example's text, score 1):
 * <ol>
 *   <li>{@link LinkMethod#EXACT}: the mention equals a term after {@link DictionaryMatcher}'s normalisation (NFKC,
 *       case folded, punctuation and hyphens as separators, possessive {@code 's} dropped, simple plurals folded);
 *       score 1;</li>
 *   <li>{@link LinkMethod#VARIANT}: a variant of the mention equals a term: in American spelling ("tumour",
 *       "anaemia"), with one word replaced by an {@linkplain Builder#equivalentWords equivalent} ("tumor" by
 *       "cancer", "disorder" by "disease"), or one conjunct of a coordination ("breast and ovarian cancer" as
 *       "breast cancer", "Duchenne and Becker muscular dystrophy" as "Duchenne muscular dystrophy"); score 0.95;</li>
 *   <li>{@link LinkMethod#ABBREVIATION}: the mention is, or contains, a short form the note defines
 *       ({@link AbbreviationFinder}, {@code "Wilson disease (WD)"}; or, in {@link #apply}, a mention in parentheses
 *       right after another mention, {@code "myotonic dystrophy (DM)"}, or, for a short form the note never defines,
 *       another mention whose words it abbreviates, {@code "PDS"} and {@code "Pendred syndrome"}), and its long form
 *       is linked as in steps 1, 2 or 4; score 0.99 times that step's;</li>
 *   <li>{@link LinkMethod#SIMILARITY}: the Dice coefficient of the character trigrams of the normalised mention and
 *       of each normalised term; concepts at or above {@link Builder#minScore(double)} are kept.</li>
 * </ol>
 * Steps 2 and 3, and the tie-break by name count, were chosen on the NCBI-disease train split (accuracy@1 through
 * DOID + HPO cross-references 0.597 -> 0.694; BC5CDR train 0.333 -> 0.347). Initialisms of the lexicon's names as
 * a last resort for undefined short forms ("DMD" as "Duchenne muscular dystrophy") were tried there and not kept:
 * accuracy@1 did not move, and most of what they linked was wrong ("AMN" as "adrenal medulla cancer").
 * With {@link Builder#typeAware(boolean)} (the default) a typed mention goes through the four steps among the
 * concepts of its own type first (a DISEASE mention to DOID's diseases before HPO's symptoms, even when an HPO name
 * matches exactly), and among all concepts only when that finds nothing; on NCBI-disease dev this raised
 * accuracy@1 from 0.568 to 0.581 (DOID + HPO).
 * A concept's score is that of its best-scoring name. Ties prefer a concept of the mention's entity type, then the
 * one with more distinct names (the better described), then the order in which the terms were added, so results
 * are deterministic. At most {@link Builder#maxConcepts(int)}
 * concepts come back, best first.
 *
 * <p>Each concept carries its own {@link LinkedConcept#xrefs()} and, where the terms give a hierarchy
 * ({@link Term#parents()}, OBO {@code is_a}), {@link LinkedConcept#broaderXrefs()}: for every vocabulary its own
 * xrefs lack, the codes of its nearest ancestors that have one ("X-linked Emery-Dreifuss muscular dystrophy 1",
 * OMIM only in DOID, gets the MeSH id of "Emery-Dreifuss muscular dystrophy"). They do not change the ranking. Scored
 * by them where a top concept reaches no MeSH/OMIM id of its own, NCBI-disease train accuracy@1 goes 0.694 -> 0.706
 * and BC5CDR train 0.347 -> 0.369 (DOID + HPO). Immutable and thread-safe (per-thread scratch arrays).
 *
 * <p>Link examples (mention text and code, as annotated corpora and coders' earlier decisions give them) teach the
 * linker names its lexicons lack. From the NCBI-disease train split's gold (5,268 examples, 4,558 naming a code that
 * DOID or HPO carries), NCBI-disease dev accuracy@1 goes 0.694 -> 0.789 (0.765 -> 0.870 x ceiling); from BC5CDR
 * train, BC5CDR dev 0.372 -> 0.482.
 *
 * <pre>{@code
 * ConceptLinker linker = ConceptLinker.builder().addTerms(OboLoader.builder(DISEASE).build().load(doid)).build();
 * List<Entity> coded = linker.apply(note, student.extract(note));   // each entity.concepts(), best first
 * }</pre>
 */
public final class ConceptLinker implements EntityEnricher {

    private static final AbbreviationFinder ABBREVIATIONS = new AbbreviationFinder();
    private static final double ABBREVIATION_FACTOR = 0.99;
    private static final double VARIANT_FACTOR = 0.95;
    private static final int MAX_SHORT_FORM = 10;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** British spellings inside a word, as in anaemia and oesophagus, and at its end, as in tumour. */
    private static final Pattern AMERICAN_AE_OE = Pattern.compile("(?<=\\p{L})[ao]e(?=\\p{L})");
    private static final Pattern AMERICAN_OUR = Pattern.compile("(?<=\\p{L}{3})our\\b");
    /**
     * Word equivalences of the default linker: mention words that name the same concepts as a term's (a tumour
     * is a neoplasm, which DOID calls cancer; a genetic disorder is a genetic disease; renal failure is kidney
     * failure).
     */
    private static final List<List<String>> DEFAULT_EQUIVALENTS = List.of(
            List.of("tumor", "cancer", "neoplasm"),
            List.of("disorder", "disease"),
            List.of("deficient", "deficiency"),
            List.of("renal", "kidney"),
            List.of("hepatic", "liver"),
            List.of("cardiac", "heart"),
            List.of("pulmonary", "lung"));

    private final boolean foldPlurals;
    private final boolean typeAware;
    /** The entity types of the loaded concepts. */
    private final Set<EntityType> types;
    private final int maxConcepts;
    private final double minScore;
    /** Concepts in the order first added. */
    private final ConceptInfo[] concepts;
    /** Per concept, its nearest ancestors' cross-references for the vocabularies its own lack. */
    private final List<List<String>> broaderXrefs;
    /** Distinct normalised names and, per name, its concepts. */
    private final String[] names;
    private final int[][] nameConcepts;
    private final int[] nameTrigramCounts;
    private final Map<String, Integer> nameIndex;
    private final Map<String, int[]> postings;
    private final int termCount;
    /** Normalised example text to the concepts its winning codes name (see {@link Builder#addExample}). */
    private final Map<String, int[]> exampleConcepts;
    private final int exampleCount;
    private final int resolvedExampleCount;
    /** Per concept, how many distinct names it has: the tie-break between equally scored concepts. */
    private final int[] conceptNameCounts;
    /** Normalised word to its equivalents, in the order tried. */
    private final Map<String, List<String>> equivalents;
    private final ThreadLocal<int[]> counts;

    private record ConceptInfo(String conceptId, String preferredName, String source, EntityType type,
                               List<String> xrefs) {
    }

    private ConceptLinker(Builder builder) {
        this.foldPlurals = builder.foldPlurals;
        this.typeAware = builder.typeAware;
        this.maxConcepts = builder.maxConcepts;
        this.minScore = builder.minScore;
        this.termCount = builder.terms.size();
        Map<String, List<String>> equivalentWords = new HashMap<>();
        for (List<String> group : builder.equivalentWords) {
            List<String> words = group.stream().map(word -> normalise(word, foldPlurals)).distinct().toList();
            for (String word : words) {
                equivalentWords.computeIfAbsent(word, k -> new ArrayList<>()).addAll(
                        words.stream().filter(other -> !other.equals(word)).toList());
            }
        }
        this.equivalents = Map.copyOf(equivalentWords);
        Map<String, Integer> conceptIds = new HashMap<>();
        List<ConceptInfo> conceptList = new ArrayList<>();
        List<Set<String>> parentIds = new ArrayList<>();
        Map<String, Set<Integer>> byName = new LinkedHashMap<>();
        for (Term term : builder.terms) {
            String key = term.source() + '\u0000' + term.conceptId();
            Integer concept = conceptIds.get(key);
            if (concept == null) {
                concept = conceptList.size();
                conceptIds.put(key, concept);
                conceptList.add(new ConceptInfo(term.conceptId(), term.preferredName(), term.source(), term.type(),
                        term.xrefs()));
                parentIds.add(new LinkedHashSet<>());
            }
            parentIds.get(concept).addAll(term.parents());
            String name = normalise(term.text(), foldPlurals);
            if (!name.isEmpty()) {
                byName.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(concept);
            }
        }
        this.concepts = conceptList.toArray(new ConceptInfo[0]);
        this.broaderXrefs = broaderXrefs(concepts, parentIds, conceptIds);
        Map<String, int[]> codes = codeConcepts(concepts);
        // each example's normalised text with the concepts its code names; those naming none are dropped
        Map<String, List<int[]>> resolved = new LinkedHashMap<>();
        int resolvedCount = 0;
        for (LinkExample example : builder.examples) {
            String text = normalise(example.text(), foldPlurals);
            int[] named = codes.get(example.code());
            if (named != null && !text.isEmpty()) {
                resolved.computeIfAbsent(text, k -> new ArrayList<>()).add(named);
                resolvedCount++;
            }
        }
        this.exampleCount = builder.examples.size();
        this.resolvedExampleCount = resolvedCount;
        this.exampleConcepts = mostNamed(resolved);
        exampleConcepts.forEach((text, named) -> {
            Set<Integer> withName = byName.computeIfAbsent(text, k -> new LinkedHashSet<>());
            Arrays.stream(named).forEach(withName::add);
        });
        this.conceptNameCounts = new int[concepts.length];
        byName.values().forEach(named -> named.forEach(concept -> conceptNameCounts[concept]++));
        Set<EntityType> conceptTypes = new HashSet<>();
        conceptList.forEach(info -> conceptTypes.add(info.type()));
        this.types = Set.copyOf(conceptTypes);
        this.names = byName.keySet().toArray(new String[0]);
        this.nameConcepts = new int[names.length][];
        this.nameTrigramCounts = new int[names.length];
        Map<String, Integer> index = new HashMap<>();
        Map<String, List<Integer>> grams = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
            nameConcepts[i] = byName.get(names[i]).stream().mapToInt(Integer::intValue).toArray();
            Set<String> trigrams = trigrams(names[i]);
            nameTrigramCounts[i] = trigrams.size();
            for (String gram : trigrams) {
                grams.computeIfAbsent(gram, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> compact = new HashMap<>(grams.size() * 2);
        grams.forEach((gram, list) -> compact.put(gram, list.stream().mapToInt(Integer::intValue).toArray()));
        this.nameIndex = index;
        this.postings = compact;
        int size = names.length;
        this.counts = ThreadLocal.withInitial(() -> new int[size]);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * For each concept, walking up its loaded ancestors one level at a time (parents, then grandparents, ...), the
     * cross-references of the first level that has any in a vocabulary (the xref's prefix: MESH, OMIM, UMLS_CUI)
     * that the concept's own xrefs lack. Parents are looked up in the concept's own source; cycles end the walk.
     */
    private static List<List<String>> broaderXrefs(ConceptInfo[] concepts, List<Set<String>> parentIds,
                                                   Map<String, Integer> conceptIds) {
        int[][] parents = new int[concepts.length][];
        for (int c = 0; c < concepts.length; c++) {
            String source = concepts[c].source();
            parents[c] = parentIds.get(c).stream().map(id -> conceptIds.get(source + '\u0000' + id))
                    .filter(Objects::nonNull).mapToInt(Integer::intValue).toArray();
        }
        List<List<String>> broader = new ArrayList<>(concepts.length);
        for (int c = 0; c < concepts.length; c++) {
            Set<String> covered = new HashSet<>();
            concepts[c].xrefs().forEach(xref -> covered.add(vocabulary(xref)));
            List<String> found = new ArrayList<>();
            Set<Integer> seen = new HashSet<>(List.of(c));
            List<Integer> level = new ArrayList<>();
            for (int parent : parents[c]) {
                if (seen.add(parent)) {
                    level.add(parent);
                }
            }
            while (!level.isEmpty()) {
                Set<String> coveredHere = new HashSet<>();
                List<Integer> next = new ArrayList<>();
                for (int ancestor : level) {
                    for (String xref : concepts[ancestor].xrefs()) {
                        String vocabulary = vocabulary(xref);
                        if (!covered.contains(vocabulary) && !found.contains(xref)) {
                            found.add(xref);
                            coveredHere.add(vocabulary);
                        }
                    }
                    for (int parent : parents[ancestor]) {
                        if (seen.add(parent)) {
                            next.add(parent);
                        }
                    }
                }
                covered.addAll(coveredHere);
                level = next;
            }
            broader.add(List.copyOf(found));
        }
        return List.copyOf(broader);
    }

    /**
     * Per example text, the concepts most of its examples name (all of them where they tie), from each example's
     * concepts.
     */
    private static Map<String, int[]> mostNamed(Map<String, List<int[]>> examples) {
        Map<String, int[]> byText = new LinkedHashMap<>();
        examples.forEach((text, named) -> {
            Map<Integer, Integer> votes = new LinkedHashMap<>();
            named.forEach(concepts -> Arrays.stream(concepts).forEach(concept -> votes.merge(concept, 1,
                    Integer::sum)));
            int most = Collections.max(votes.values());
            byText.put(text, votes.entrySet().stream().filter(vote -> vote.getValue() == most)
                    .mapToInt(Map.Entry::getKey).toArray());
        });
        return Collections.unmodifiableMap(byText);
    }

    /**
     * Each code an example may give, to the concepts it names: a concept's id, the same prefixed with its source
     * ({@code RXNORM:1191}), and each cross-reference; an id or source-prefixed id names only its own concepts even
     * where it is also another concept's cross-reference.
     */
    private static Map<String, int[]> codeConcepts(ConceptInfo[] concepts) {
        Map<String, Set<Integer>> byId = new HashMap<>();
        Map<String, Set<Integer>> byXref = new HashMap<>();
        for (int c = 0; c < concepts.length; c++) {
            byId.computeIfAbsent(concepts[c].conceptId(), k -> new LinkedHashSet<>()).add(c);
            byId.computeIfAbsent(concepts[c].source() + ':' + concepts[c].conceptId(), k -> new LinkedHashSet<>())
                    .add(c);
            for (String xref : concepts[c].xrefs()) {
                byXref.computeIfAbsent(xref, k -> new LinkedHashSet<>()).add(c);
            }
        }
        Map<String, int[]> codes = new HashMap<>();
        byXref.forEach((code, named) -> codes.put(code, named.stream().mapToInt(Integer::intValue).toArray()));
        byId.forEach((code, named) -> codes.put(code, named.stream().mapToInt(Integer::intValue).toArray()));
        return codes;
    }

    /** The vocabulary of a cross-reference: its prefix before the first colon ({@code MESH} in {@code MESH:D1}). */
    private static String vocabulary(String xref) {
        int colon = xref.indexOf(':');
        return colon > 0 ? xref.substring(0, colon) : xref;
    }

    /** The number of distinct concepts loaded. */
    public int conceptCount() {
        return concepts.length;
    }

    /** The number of terms given to the builder. */
    public int termCount() {
        return termCount;
    }

    /** The number of {@linkplain Builder#addExample link examples} given to the builder. */
    public int exampleCount() {
        return exampleCount;
    }

    /** How many of the {@linkplain #exampleCount() examples} name a code of a loaded concept and so were kept. */
    public int resolvedExampleCount() {
        return resolvedExampleCount;
    }

    /** The concepts {@code text} names, best first, without abbreviation context (steps 1 and 3). */
    public List<LinkedConcept> link(String text) {
        return link(text, null, Map.of());
    }

    /**
     * The concepts {@code entity} names, best first, using the abbreviations {@code note} defines.
     *
     * @throws IllegalArgumentException if the entity's text is not the text of {@code note} at its span
     */
    public List<LinkedConcept> link(String note, Entity entity) {
        requireInText(note, entity);
        return link(entity.text(), entity.type(), abbreviations(note));
    }

    /**
     * The entities with their {@link Entity#concepts()} filled in, in input order; the note's abbreviations are found
     * once.
     *
     * @throws IllegalArgumentException if an entity's text is not the text of {@code note} at its span
     */
    public List<Entity> apply(String note, List<Entity> entities) {
        Objects.requireNonNull(note, "note");
        for (Entity entity : entities) {
            requireInText(note, entity);
        }
        if (entities.isEmpty()) {
            return List.of();
        }
        Map<String, String> abbreviations = abbreviations(note);
        addMentionPairs(note, entities, abbreviations);
        addAbbreviatedMentions(entities, abbreviations);
        List<Entity> linked = new ArrayList<>(entities.size());
        for (Entity entity : entities) {
            linked.add(entity.withConcepts(link(entity.text(), entity.type(), abbreviations)));
        }
        return List.copyOf(linked);
    }

    /** {@link #apply(String, List)}: the entities with their concepts filled in. */
    @Override
    public List<Entity> enrich(String text, List<Entity> entities) {
        return apply(text, entities);
    }

    /** The annotation with every entity linked. */
    public Annotation apply(Annotation annotation) {
        return new Annotation(annotation.document(), apply(annotation.document().text(), annotation.entities()),
                annotation.source());
    }

    private List<LinkedConcept> link(String text, EntityType type, Map<String, String> abbreviations) {
        String query = normalise(text, foldPlurals);
        if (query.isEmpty()) {
            return List.of();
        }
        if (typeAware && type != null && types.contains(type)) {
            List<LinkedConcept> ofType = link(text, query, type, type, abbreviations);
            if (!ofType.isEmpty()) {
                return ofType;
            }
        }
        return link(text, query, type, null, abbreviations);
    }

    /**
     * The steps over the concepts of {@code only} (all concepts when null): a name equal to the mention or to one
     * of its variants, then its long form the same way or by similarity, then the mention by similarity; ties
     * prefer {@code type}. (Trying every type's exact names before this type's similar ones was measured on the
     * train splits: NCBI-disease accuracy@1 0.675 -> 0.671, BC5CDR 0.343 -> 0.345, so not taken.)
     */
    private List<LinkedConcept> link(String text, String query, EntityType type, EntityType only,
                                     Map<String, String> abbreviations) {
        int[] exampled = exampleConcepts.get(query);
        List<LinkedConcept> found = exampled == null ? List.of()
                : rank(scores(exampled, only), type, LinkMethod.EXAMPLE, 1.0);
        if (found.isEmpty()) {
            found = named(query, type, only, LinkMethod.EXACT, 1.0);
        }
        if (!found.isEmpty()) {
            return found;
        }
        String longForm = longForm(text, abbreviations);
        if (longForm != null) {
            String expanded = normalise(longForm, foldPlurals);
            found = named(expanded, type, only, LinkMethod.ABBREVIATION, ABBREVIATION_FACTOR);
            if (found.isEmpty()) {
                found = rank(similarity(expanded, only), type, LinkMethod.ABBREVIATION, ABBREVIATION_FACTOR);
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        return rank(similarity(query, only), type, LinkMethod.SIMILARITY, 1.0);
    }

    /**
     * Concepts of {@code only} with a name equal to {@code name} ({@code method}), else to one of its variants
     * ({@link LinkMethod#VARIANT} for a mention, {@code method} for a long form, scored a little lower).
     */
    private List<LinkedConcept> named(String name, EntityType type, EntityType only, LinkMethod method,
                                      double factor) {
        List<LinkedConcept> found = exact(name, type, only, method, factor);
        LinkMethod variantMethod = method == LinkMethod.EXACT ? LinkMethod.VARIANT : method;
        for (Iterator<String> variants = variants(name).iterator(); found.isEmpty() && variants.hasNext(); ) {
            found = exact(variants.next(), type, only, variantMethod, factor * VARIANT_FACTOR);
        }
        return found;
    }

    private List<LinkedConcept> exact(String name, EntityType type, EntityType only, LinkMethod method,
                                      double factor) {
        Integer index = nameIndex.get(name);
        return index == null ? List.of() : rank(scores(nameConcepts[index], only), type, method, factor);
    }

    /**
     * The mention's long form: the note's definition of the whole mention ("DM" for "myotonic dystrophy (DM)"),
     * else the mention with each defined short form in it written out ("G6PD deficiency" as "glucose-6-phosphate
     * dehydrogenase deficiency"); null when the note defines none of it.
     */
    private static String longForm(String text, Map<String, String> abbreviations) {
        String whole = abbreviations.get(text.strip());
        if (whole != null || abbreviations.isEmpty()) {
            return whole;
        }
        Matcher words = WORD.matcher(text);
        StringBuilder expanded = new StringBuilder();
        boolean replaced = false;
        while (words.find()) {
            String longForm = abbreviations.get(words.group());
            replaced |= longForm != null;
            words.appendReplacement(expanded, Matcher.quoteReplacement(longForm != null ? longForm : words.group()));
        }
        words.appendTail(expanded);
        return replaced ? expanded.toString() : null;
    }

    /**
     * Normalised variants of a normalised name, tried in order for an exact match: the name in American spelling,
     * each word with an {@linkplain Builder#equivalentWords equivalent} in its place, then the conjuncts of a
     * coordination ("breast and ovarian cancer": "breast cancer", then "ovarian cancer").
     */
    private List<String> variants(String name) {
        List<String> variants = new ArrayList<>();
        String american = AMERICAN_OUR.matcher(AMERICAN_AE_OE.matcher(name).replaceAll("e")).replaceAll("or");
        if (!american.equals(name)) {
            variants.add(american);
        }
        for (String spelling : american.equals(name) ? List.of(name) : List.of(name, american)) {
            String[] words = spelling.split(" ");
            for (int i = 0; i < words.length; i++) {
                for (String equivalent : equivalents.getOrDefault(words[i], List.of())) {
                    String[] changed = words.clone();
                    changed[i] = equivalent;
                    variants.add(String.join(" ", changed));
                }
            }
        }
        String[] words = name.split(" ");
        for (int c = 1; c + 1 < words.length; c++) {
            if (words[c].equals("and") || words[c].equals("or")) {
                int right = words[c + 1].equals("or") ? c + 2 : c + 1;
                if (right < words.length) {
                    // the left conjunct with the right one's head, longest first: "duchenne muscular dystrophy",
                    // then "duchenne dystrophy", for "duchenne and becker muscular dystrophy"
                    String left = String.join(" ", Arrays.copyOfRange(words, 0, c));
                    for (int head = right + 1; head < words.length; head++) {
                        variants.add(left + " " + String.join(" ", Arrays.copyOfRange(words, head, words.length)));
                    }
                    if (right + 1 == words.length) {
                        variants.add(left);
                    }
                    variants.add(String.join(" ", Arrays.copyOfRange(words, right, words.length)));
                }
                break;
            }
        }
        return variants;
    }

    /** Score 1 for each of {@code named} that is of type {@code only} (all when null). */
    private Map<Integer, Double> scores(int[] named, EntityType only) {
        Map<Integer, Double> scores = new LinkedHashMap<>();
        for (int concept : named) {
            if (only == null || concepts[concept].type().equals(only)) {
                scores.put(concept, 1.0);
            }
        }
        return scores;
    }

    /** Best Dice score per concept, over the names sharing a trigram with the query. */
    private Map<Integer, Double> similarity(String query, EntityType only) {
        Set<String> grams = trigrams(query);
        int[] shared = counts.get();
        List<Integer> touched = new ArrayList<>();
        for (String gram : grams) {
            int[] list = postings.get(gram);
            if (list == null) {
                continue;
            }
            for (int name : list) {
                if (shared[name]++ == 0) {
                    touched.add(name);
                }
            }
        }
        Map<Integer, Double> scores = new HashMap<>();
        int queryCount = grams.size();
        for (int name : touched) {
            double dice = 2.0 * shared[name] / (queryCount + nameTrigramCounts[name]);
            shared[name] = 0;
            if (dice >= minScore) {
                for (int concept : nameConcepts[name]) {
                    if (only == null || concepts[concept].type().equals(only)) {
                        scores.merge(concept, dice, Math::max);
                    }
                }
            }
        }
        return scores;
    }

    private List<LinkedConcept> rank(Map<Integer, Double> scores, EntityType type, LinkMethod method, double factor) {
        if (scores.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<Integer, Double>> entries = new ArrayList<>(scores.entrySet());
        Comparator<Map.Entry<Integer, Double>> order = Comparator.<Map.Entry<Integer, Double>>comparingDouble(
                Map.Entry::getValue).reversed()
                .thenComparing(e -> type != null && concepts[e.getKey()].type().equals(type) ? 0 : 1)
                .thenComparingInt(e -> -conceptNameCounts[e.getKey()])
                .thenComparingInt(Map.Entry::getKey);
        entries.sort(order);
        List<LinkedConcept> ranked = new ArrayList<>(Math.min(maxConcepts, entries.size()));
        for (Map.Entry<Integer, Double> entry : entries.subList(0, Math.min(maxConcepts, entries.size()))) {
            ConceptInfo info = concepts[entry.getKey()];
            double score = Math.min(1.0, entry.getValue() * factor);
            ranked.add(new LinkedConcept(info.conceptId(), info.preferredName(), info.source(), score, method,
                    info.xrefs(), broaderXrefs.get(entry.getKey())));
        }
        return List.copyOf(ranked);
    }

    /** Short form to long form text, for every definition in the note (the first definition of a short form wins). */
    private static Map<String, String> abbreviations(String note) {
        Map<String, String> found = new HashMap<>();
        for (Abbreviation abbreviation : ABBREVIATIONS.find(note)) {
            found.putIfAbsent(abbreviation.shortForm(), note.substring(abbreviation.longStart(), abbreviation.longEnd()));
        }
        return found;
    }

    /**
     * Adds, for each short form the note uses without defining it, the first other mention of the note that it
     * abbreviates by the finder's letter rule ("PDS gene" ... "Pendred syndrome"); texts often define a short form
     * only in a title, a gene name or another note, or never.
     */
    private static void addAbbreviatedMentions(List<Entity> entities, Map<String, String> abbreviations) {
        for (Entity shortForm : entities) {
            String text = shortForm.text();
            if (!looksShort(text) || abbreviations.containsKey(text)) {
                continue;
            }
            for (Entity other : entities) {
                if (!looksShort(other.text()) && AbbreviationFinder.abbreviates(text, other.text())) {
                    abbreviations.put(text, other.text());
                    break;
                }
            }
        }
    }

    /** One word of at most {@link #MAX_SHORT_FORM} characters with a capital letter, as short forms are written. */
    private static boolean looksShort(String text) {
        return text.length() <= MAX_SHORT_FORM && text.codePoints().anyMatch(Character::isUpperCase)
                && text.codePoints().noneMatch(Character::isWhitespace);
    }

    /**
     * Adds the short forms that a mention in parentheses right after another mention defines, "myotonic dystrophy
     * (DM)", where the finder's letter matching fails (the letters in another order); the finder's own definitions
     * come first.
     */
    private static void addMentionPairs(String note, List<Entity> entities, Map<String, String> abbreviations) {
        Map<Integer, Entity> byEnd = new HashMap<>();
        entities.forEach(entity -> byEnd.putIfAbsent(entity.end(), entity));
        for (Entity shortForm : entities) {
            String text = shortForm.text();
            if (!looksShort(text) || shortForm.end() >= note.length() || note.charAt(shortForm.end()) != ')') {
                continue;
            }
            int open = shortForm.start() - 1;
            while (open >= 0 && note.charAt(open) == ' ') {
                open--;
            }
            if (open < 1 || note.charAt(open) != '(') {
                continue;
            }
            int end = open;
            while (end > 0 && note.charAt(end - 1) == ' ') {
                end--;
            }
            Entity longForm = byEnd.get(end);
            if (longForm != null && longForm.length() > text.length()) {
                abbreviations.putIfAbsent(text, longForm.text());
            }
        }
    }

    private static void requireInText(String note, Entity entity) {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(entity, "entity");
        if (entity.end() > note.length() || !note.regionMatches(entity.start(), entity.text(), 0, entity.length())) {
            throw new IllegalArgumentException("entity is not in the note: start=" + entity.start() + ", end="
                    + entity.end() + ", entity text='" + entity.text() + "', note length=" + note.length()
                    + (entity.end() <= note.length() ? ", note text there='"
                    + note.substring(entity.start(), entity.end()) + "'" : ""));
        }
    }

    /**
     * The normalised words of {@code text} joined by single spaces, by the rules of {@link DictionaryMatcher}: NFKC,
     * lower case, runs of letters, digits and combining marks as words, a possessive {@code 's} dropped, and
     * (when {@code foldPlurals}) simple English plurals folded.
     */
    static String normalise(String text, boolean foldPlurals) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        int i = 0;
        int n = folded.length();
        while (i < n) {
            int codePoint = folded.codePointAt(i);
            if (!isWordCodePoint(codePoint)) {
                i += Character.charCount(codePoint);
                continue;
            }
            int start = i;
            while (i < n && isWordCodePoint(folded.codePointAt(i))) {
                i += Character.charCount(folded.codePointAt(i));
            }
            boolean possessive = i - start == 1 && folded.charAt(start) == 's' && start >= 2
                    && (folded.charAt(start - 1) == '\'' || folded.charAt(start - 1) == '\u2019')
                    && Character.isLetterOrDigit(folded.charAt(start - 2));
            if (possessive) {
                continue;
            }
            char[] word = folded.substring(start, i).toCharArray();
            int length = foldPlurals ? TokenScanner.foldPlural(word, word.length) : word.length;
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(word, 0, length);
        }
        return out.toString();
    }

    private static boolean isWordCodePoint(int codePoint) {
        if (Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** Distinct character trigrams of {@code " " + name + " "}. */
    private static Set<String> trigrams(String name) {
        String padded = " " + name + " ";
        Set<String> grams = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= padded.length(); i++) {
            grams.add(padded.substring(i, i + 3));
        }
        return grams;
    }

    @Override
    public String toString() {
        return "ConceptLinker[concepts=" + concepts.length + ", names=" + names.length + ", maxConcepts=" + maxConcepts
                + ", minScore=" + minScore + ", typeAware=" + typeAware + "]";
    }

    /**
     * Collects terms and options. Defaults: plurals folded (as the shipped teachers match), at most 5 concepts per
     * mention, similarity at least 0.6. Not thread-safe.
     */
    public static final class Builder {

        private final List<Term> terms = new ArrayList<>();
        private final List<LinkExample> examples = new ArrayList<>();
        private boolean foldPlurals = true;
        private boolean typeAware = true;
        private int maxConcepts = 5;
        private double minScore = 0.6;
        private List<List<String>> equivalentWords = DEFAULT_EQUIVALENTS;

        private Builder() {
        }

        /**
         * Groups of words that name the same concepts in a mention and in a term, tried one word at a time when
         * a mention has no exact match; replaces the default groups ({tumor, cancer, neoplasm}, {disorder,
         * disease}, {deficient, deficiency}, and organ adjectives with their nouns: renal / kidney, hepatic / liver,
         * cardiac / heart, pulmonary / lung); an empty list turns the step off. British spellings (tumour,
         * anaemia) are always tried as American ones.
         */
        public Builder equivalentWords(List<List<String>> groups) {
            this.equivalentWords = groups.stream().map(List::copyOf).toList();
            return this;
        }

        /** Appends one term. */
        public Builder addTerm(Term term) {
            terms.add(Objects.requireNonNull(term, "term"));
            return this;
        }

        /** Appends terms, e.g. a loader's {@code load(...)} result. */
        public Builder addTerms(Collection<Term> more) {
            more.forEach(this::addTerm);
            return this;
        }

        /**
         * Appends one linking example: a mention text that names a code of the loaded concepts. A mention equal to
         * an example's text after normalisation links first to the concepts its code names
         * ({@link LinkMethod#EXAMPLE}, score 1), before the lexicon's own names; the text also joins those concepts'
         * names for the variant and similarity steps. Where the examples of one text name different concepts, the
         * concept named most often wins (ties keep all of the most named). An example whose code names no loaded
         * concept is not kept ({@link ConceptLinker#resolvedExampleCount()}).
         */
        public Builder addExample(LinkExample example) {
            examples.add(Objects.requireNonNull(example, "example"));
            return this;
        }

        /** Appends linking examples, e.g. {@link LinkExamples#read}'s result; see {@link #addExample}. */
        public Builder addExamples(Collection<LinkExample> more) {
            more.forEach(this::addExample);
            return this;
        }

        /** Whether simple plurals are folded ({@code "polyps"} = {@code "polyp"}); default true. */
        public Builder foldPlurals(boolean fold) {
            this.foldPlurals = fold;
            return this;
        }

        /**
         * Whether a mention of a type that some loaded concept has is linked among the concepts of its type first
         * (a DISEASE mention to DOID before HPO's SYMPTOM concepts), and among all concepts only when none of its
         * type is found; default true. Without a type (as {@link ConceptLinker#link(String)}) every concept competes.
         */
        public Builder typeAware(boolean aware) {
            this.typeAware = aware;
            return this;
        }

        /** The most concepts returned per mention; default 5. */
        public Builder maxConcepts(int max) {
            this.maxConcepts = max;
            return this;
        }

        /** The lowest similarity score kept, in (0, 1]; default 0.6. */
        public Builder minScore(double score) {
            this.minScore = score;
            return this;
        }

        /**
         * @throws IllegalStateException if no term was added: linking needs a lexicon
         * @throws IllegalArgumentException naming the bad option, or when examples were added and none names a code
         *         of the loaded concepts
         */
        public ConceptLinker build() {
            SettingsCheck check = SettingsCheck.of("the concept linker");
            check.require(!terms.isEmpty(),
                    "a ConceptLinker needs a lexicon, but no terms were added: add the terms a loader gives"
                            + " (e.g. addTerms(OboLoader.builder(EntityType.DISEASE).build().load(doidObo)))");
            check.require(maxConcepts >= 1, "maxConcepts must be at least 1: maxConcepts=" + maxConcepts);
            check.require(minScore > 0 && minScore <= 1, "minScore must lie in (0, 1]: minScore=" + minScore);
            check.throwIfAny();
            ConceptLinker linker = new ConceptLinker(this);
            if (!examples.isEmpty() && linker.resolvedExampleCount == 0) {
                throw new IllegalArgumentException("none of the " + examples.size() + " link examples names a code"
                        + " of the loaded concepts (the first gives '" + examples.get(0).code() + "'): expected a"
                        + " concept id (DOID:1612), a source-prefixed id (RXNORM:1191) or a cross-reference the"
                        + " terms carry (MESH:D001943)");
            }
            return linker;
        }
    }
}
