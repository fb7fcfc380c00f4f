package io.github.meddistill.teachers;

import io.github.meddistill.core.EntityType;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The instructions sent to an LLM teacher, with a version that is part of every cache key: change
 * the text and the version together, and old answers are not reused for the new prompt (the text's
 * hash is in the key too, so an edit without a new version never replays stale answers either).
 *
 * <p>Placeholders: {@value #DEFINITIONS} (one line per requested type, {@code - TYPE: definition}),
 * {@value #TYPES} (the type names, comma-separated) and {@value #NOTE} (the note or chunk text; only in
 * the user template, which must contain it).
 *
 * @param version a short label, e.g. {@code "entities-v1"}
 * @param system the system (or developer) instructions
 * @param user the user message; must contain {@value #NOTE}
 */
public record PromptTemplate(String version, String system, String user) {

    public static final String DEFINITIONS = "{{definitions}}";
    public static final String TYPES = "{{types}}";
    public static final String NOTE = "{{note}}";

    /** The default prompt: every mention exactly as written, with its type, as JSON. */
    public static final PromptTemplate DEFAULT = new PromptTemplate("meddistill-entities-v1",
            """
            You are labelling a clinical note for named-entity recognition.
            List every mention of the following entity types, copying each mention exactly as it is written in \
            the note: same spelling, same case, same words, no abbreviation expansion, no normalisation, no \
            paraphrase. Do not list anything that does not occur in the note.
            Entity types:
            {{definitions}}
            List each distinct mention once with its type; repeated occurrences in the note are found \
            automatically. A mention is a short span (usually 1 to 6 words) naming the entity, without \
            surrounding words such as doses, dates or negations.
            Answer with JSON only, in the form {"entities":[{"text":"<mention>","type":"<one of {{types}}>"}]}, \
            and {"entities":[]} if there is no mention.""",
            """
            Clinical note:
            <<<
            {{note}}
            >>>""");

    /** Definitions used for the predefined types when the builder is not given one. */
    public static final Map<EntityType, String> DEFAULT_DEFINITIONS = Map.of(
            EntityType.MEDICATION, "a drug or medicine taken by or given to the patient, by generic or brand name"
                    + " (e.g. metformin, Lipitor, insulin glargine), without dose, route or frequency",
            EntityType.DISEASE, "a disease, disorder, syndrome or diagnosed condition (e.g. type 2 diabetes,"
                    + " pneumonia, breast cancer)",
            EntityType.SYMPTOM, "a symptom or sign the patient reports or shows (e.g. chest pain, fever,"
                    + " shortness of breath, nausea)");

    public PromptTemplate {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
        if (version.isBlank()) {
            throw new IllegalArgumentException("prompt template version must not be blank");
        }
        if (!user.contains(NOTE)) {
            throw new IllegalArgumentException("prompt template '" + version + "': the user template must contain "
                    + NOTE + " where the note text goes");
        }
        if (system.contains(NOTE)) {
            throw new IllegalArgumentException("prompt template '" + version + "': the system template must not contain "
                    + NOTE + " (the note goes in the user message)");
        }
    }

    /** The system instructions for these types and definitions (in type order). */
    public String renderSystem(Map<EntityType, String> definitions) {
        String lines = definitions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "- " + e.getKey().name() + ": " + e.getValue()).collect(Collectors.joining("\n"));
        String names = definitions.keySet().stream().sorted().map(EntityType::name).collect(Collectors.joining(", "));
        return system.replace(DEFINITIONS, lines).replace(TYPES, names);
    }

    /** The user message for one note or chunk. */
    public String renderUser(String noteText) {
        return user.replace(NOTE, noteText);
    }
}
