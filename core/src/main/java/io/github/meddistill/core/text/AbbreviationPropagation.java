package io.github.meddistill.core.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;

/**
 * Labels every use of an abbreviation the way its definition was labelled: in {@code "familial adenomatous
 * polyposis (FAP) ... FAP patients"}, an entity that ends where the long form ends and starts inside it (or one
 * exactly on the short form in brackets) makes every whole-word {@code FAP} of the text an entity of the same
 * type. Dictionaries and models alike miss most later uses of a defined short form; a quarter of the mentions
 * NCBI-disease's dictionary teacher misses are such uses. Entities already found are kept as they are, and an
 * occurrence that overlaps one is left alone. Immutable and thread-safe.
 */
public final class AbbreviationPropagation {

    private final AbbreviationFinder finder = new AbbreviationFinder();

    /** {@code entities} plus the uses of every abbreviation whose definition is labelled, in document order. */
    public List<Entity> propagate(String text, List<Entity> entities) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(entities, "entities");
        if (entities.isEmpty()) {
            return List.copyOf(entities);
        }
        Map<String, EntityType> typeByShortForm = new LinkedHashMap<>();
        for (Abbreviation abbreviation : finder.find(text)) {
            labelledType(abbreviation, entities)
                    .ifPresent(type -> typeByShortForm.putIfAbsent(abbreviation.shortForm(), type));
        }
        if (typeByShortForm.isEmpty()) {
            return List.copyOf(entities);
        }
        List<Entity> result = new ArrayList<>(entities);
        typeByShortForm.forEach((shortForm, type) -> {
            for (int at = text.indexOf(shortForm); at >= 0; at = text.indexOf(shortForm, at + 1)) {
                int end = at + shortForm.length();
                if (isWholeWord(text, at, end) && noOverlap(result, at, end)) {
                    result.add(new Entity(at, end, type, shortForm));
                }
            }
        });
        result.sort(Entity.DOCUMENT_ORDER);
        return List.copyOf(result);
    }

    private static Optional<EntityType> labelledType(Abbreviation abbreviation, List<Entity> entities) {
        for (Entity entity : entities) {
            // an entity that starts before the long form names something larger ("deficiency of coproporphyrinogen
            // oxidase (CPO)"): the short form then stands for a part of it, not for the entity
            boolean endsTheLongForm = entity.end() == abbreviation.longEnd()
                    && entity.start() >= abbreviation.longStart();
            boolean isTheShortForm = entity.start() == abbreviation.shortStart()
                    && entity.end() == abbreviation.shortEnd();
            if (endsTheLongForm || isTheShortForm) {
                return Optional.of(entity.type());
            }
        }
        return Optional.empty();
    }

    private static boolean isWholeWord(String text, int start, int end) {
        return (start == 0 || !isWordCharacter(text.charAt(start - 1)))
                && (end == text.length() || !isWordCharacter(text.charAt(end)));
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '-';
    }

    private static boolean noOverlap(List<Entity> entities, int start, int end) {
        for (Entity entity : entities) {
            if (entity.start() < end && start < entity.end()) {
                return false;
            }
        }
        return true;
    }
}
