package io.github.meddistill.examples.teachers;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.Teacher;
import io.github.meddistill.core.text.NonOverlapping;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * An example of writing your own teacher: a few dozen lines of clinical word-formation rules, no
 * dictionary, no model. It labels
 * <ul>
 *   <li>MEDICATION: words carrying a drug stem of the USAN/INN naming schemes ({@code -pril},
 *       {@code -sartan}, {@code -olol}, {@code -statin}, {@code -mab}, ...);</li>
 *   <li>DISEASE: words with a pathology suffix ({@code -itis}, {@code -osis}, {@code -emia},
 *       {@code -pathy}, ...) and noun phrases headed by {@code syndrome}, {@code disease},
 *       {@code deficiency}, {@code cancer}, ... together with up to two modifiers before the head
 *       ({@code "Duchenne muscular dystrophy"}, {@code "Wiskott-Aldrich syndrome"}).</li>
 * </ul>
 * Such rules are cheap and precise enough to be worth a vote in a teacher combination. Immutable and
 * thread-safe.
 */
public final class ClinicalPatternTeacher implements Teacher {

    private static final List<String> DRUG_STEMS = List.of("pril", "prilat", "sartan", "olol", "alol", "ilol", "statin",
            "mab", "tinib", "anib", "azole", "conazole", "cillin", "mycin", "micin", "floxacin", "cycline", "prazole",
            "tidine", "parin", "dipine", "zepam", "zolam", "barbital", "caine", "profen", "oxetine", "triptyline",
            "triptan", "dronate", "gliptin", "gliflozin", "glitazone", "lukast", "setron", "semide", "thiazide",
            "asone", "olone", "vudine", "navir", "ciclovir", "platin", "rubicin", "tecan", "taxel", "relin", "tropin");
    private static final List<String> DISEASE_SUFFIXES = List.of("itis", "osis", "emia", "aemia", "pathy", "plasia",
            "trophy", "penia", "oma", "omas", "itides", "iasis", "ism");
    private static final Set<String> NOT_DISEASES = Set.of("diagnosis", "prognosis", "mechanism", "metabolism",
            "diploma", "aroma", "stroma", "hypothesis", "synthesis", "analysis", "apoptosis", "mitosis", "meiosis",
            "dosis", "basis", "thesis", "organism", "mechanisms", "prism", "criticism", "tourism", "realism", "homeostasis",
            "anastomosis", "osmosis", "symbiosis", "emphasis", "genesis", "parenthesis", "chromosome", "idiotism");
    private static final Set<String> DISEASE_HEADS = Set.of("syndrome", "syndromes", "disease", "diseases", "deficiency",
            "deficiencies", "disorder", "disorders", "cancer", "cancers", "carcinoma", "carcinomas", "tumor", "tumors",
            "tumour", "tumours", "dystrophy", "anemia", "anaemia", "infection", "infections", "failure", "sclerosis",
            "palsy", "ataxia", "dysplasia", "insufficiency");
    private static final Set<String> NOT_MODIFIERS = Set.of("a", "an", "the", "of", "with", "without", "and", "or", "in",
            "on", "for", "to", "from", "by", "this", "that", "these", "those", "is", "are", "was", "were", "be", "been",
            "has", "have", "had", "patients", "patient", "no", "not", "its", "their", "his", "her", "as", "at", "which",
            "who", "whose", "other", "such", "both", "all", "any", "some", "each", "common", "type", "severe", "mild");
    private static final int MIN_WORD_LENGTH = 6;

    private final String name;
    private final Set<EntityType> types;
    private final WordTokenizer tokenizer = new WordTokenizer();

    /**
     * @param name the teacher's name in reports
     * @param types the types to label, among {@link EntityType#MEDICATION} and {@link EntityType#DISEASE}
     */
    public ClinicalPatternTeacher(String name, Set<EntityType> types) {
        this.name = name;
        this.types = Set.copyOf(types);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The word lists, the minimum length and the types, so that cached labels are redone when a list is edited; a
     * change to the matching code itself should come with a new name.
     */
    @Override
    public String configuration() {
        return String.join("\n", "types=" + new TreeSet<>(types), "minWordLength=" + MIN_WORD_LENGTH,
                "drugStems=" + DRUG_STEMS, "diseaseSuffixes=" + DISEASE_SUFFIXES,
                "notDiseases=" + new TreeSet<>(NOT_DISEASES), "diseaseHeads=" + new TreeSet<>(DISEASE_HEADS),
                "notModifiers=" + new TreeSet<>(NOT_MODIFIERS));
    }

    @Override
    public Annotation annotate(Document document) {
        String text = document.text();
        List<Word> words = words(text, tokenizer.tokenize(text));
        List<Entity> entities = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            String lower = word.text(text).toLowerCase(Locale.ROOT);
            if (types.contains(EntityType.MEDICATION) && isDrugName(lower)) {
                entities.add(Entity.of(text, word.start(), word.end(), EntityType.MEDICATION));
            } else if (types.contains(EntityType.DISEASE) && DISEASE_HEADS.contains(lower)) {
                int first = i;
                while (first > 0 && i - first < 2 && isModifier(words.get(first - 1), words.get(first), text)) {
                    first--;
                }
                if (first < i) {
                    entities.add(Entity.of(text, words.get(first).start(), word.end(), EntityType.DISEASE));
                }
            } else if (types.contains(EntityType.DISEASE) && isDiseaseWord(lower)) {
                entities.add(Entity.of(text, word.start(), word.end(), EntityType.DISEASE));
            }
        }
        return new Annotation(document, removeOverlaps(entities), name);
    }

    private static boolean isDrugName(String word) {
        return word.length() >= MIN_WORD_LENGTH && word.chars().allMatch(Character::isLetter)
                && DRUG_STEMS.stream().anyMatch(word::endsWith);
    }

    private static boolean isDiseaseWord(String word) {
        return word.length() >= MIN_WORD_LENGTH && word.chars().allMatch(Character::isLetter) && !NOT_DISEASES.contains(word)
                && DISEASE_SUFFIXES.stream().anyMatch(word::endsWith);
    }

    /** A modifier is a word right before the next one (only spaces between) that is not a function word. */
    private static boolean isModifier(Word candidate, Word next, String text) {
        String lower = candidate.text(text).toLowerCase(Locale.ROOT);
        return Character.isLetterOrDigit(lower.charAt(0)) && !NOT_MODIFIERS.contains(lower)
                && text.substring(candidate.end(), next.start()).isBlank();
    }

    /** Tokens joined by hyphens without spaces form one word ("Wiskott-Aldrich", "beta-blocker"). */
    private static List<Word> words(String text, List<Token> tokens) {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            int start = tokens.get(i).start();
            int end = tokens.get(i).end();
            while (i + 2 < tokens.size() && tokens.get(i + 1).text().equals("-") && tokens.get(i + 1).start() == end
                    && tokens.get(i + 2).start() == end + 1 && Character.isLetterOrDigit(tokens.get(i + 2).text().charAt(0))) {
                end = tokens.get(i + 2).end();
                i += 2;
            }
            words.add(new Word(start, end));
        }
        return words;
    }

    private static List<Entity> removeOverlaps(List<Entity> entities) {
        return NonOverlapping.keep(entities, Entity::start, Entity::end);
    }

    private record Word(int start, int end) {
        String text(String source) {
            return source.substring(start, end);
        }
    }
}
