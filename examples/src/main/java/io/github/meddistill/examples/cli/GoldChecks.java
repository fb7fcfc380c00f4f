package io.github.meddistill.examples.cli;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The checks of gold files against the notes and the teachers, shared by the commands that read gold. */
final class GoldChecks {

    private GoldChecks() {
    }

    /**
     * Rejects a gold document whose text differs from the note with the same id.
     *
     * @throws IllegalArgumentException naming the option, the file, the id and the first differing character
     */
    static void sameText(String option, Path file, List<Annotation> gold, List<Document> notes, Path notesFile) {
        Map<String, String> texts = new HashMap<>();
        notes.forEach(note -> texts.put(note.id(), note.text()));
        for (Annotation annotation : gold) {
            String note = texts.get(annotation.documentId());
            String text = annotation.document().text();
            if (note != null && !note.equals(text)) {
                int at = 0;
                while (at < Math.min(note.length(), text.length()) && note.charAt(at) == text.charAt(at)) {
                    at++;
                }
                throw new IllegalArgumentException(option + " " + file + ": document '" + annotation.documentId()
                        + "' has a different text than the note with the same id in " + notesFile + " (first difference"
                        + " at character " + at + ", lengths " + text.length() + " and " + note.length() + "); gold"
                        + " offsets only mean something on the same text: fix the id or the text");
            }
        }
    }

    /** How many gold documents are also among the notes, by id or by identical text. */
    static int shared(List<Annotation> gold, List<Document> notes) {
        Set<String> ids = new HashSet<>();
        Set<String> texts = new HashSet<>();
        notes.forEach(note -> {
            ids.add(note.id());
            texts.add(note.text());
        });
        return (int) gold.stream().filter(a -> ids.contains(a.documentId()) || texts.contains(a.document().text())).count();
    }

    /** Entity counts per type. */
    static Map<EntityType, Long> typeCounts(List<Annotation> annotations) {
        return new TreeMap<>(annotations.stream().flatMap(a -> a.entities().stream())
                .collect(Collectors.groupingBy(Entity::type, Collectors.counting())));
    }

    /**
     * The entity types to distil: those asked for, or else those of the dev set; each must be in the dev set and be
     * labelled by some teacher.
     *
     * @throws IllegalArgumentException naming the type, its dev count and the types the teachers label
     */
    static Set<EntityType> types(List<String> asked, List<Annotation> dev, Path devFile, List<TeacherSpec> teachers) {
        Map<EntityType, Long> inDev = typeCounts(dev);
        Map<EntityType, List<String>> labelledBy = new TreeMap<>();
        teachers.forEach(teacher -> teacher.types().forEach(type -> labelledBy.computeIfAbsent(type, t -> new ArrayList<>())
                .add(teacher.kind())));
        Set<EntityType> types = asked == null ? inDev.keySet() : asked.stream().map(EntityType::of)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (types.isEmpty()) {
            throw new IllegalArgumentException("--dev " + devFile + ": no gold entities, and no --types given; the dev"
                    + " set needs gold entities of every type to distil");
        }
        String teachersLabel = labelledBy.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue())
                + ")").collect(Collectors.joining(", "));
        for (EntityType type : types) {
            if (!labelledBy.containsKey(type)) {
                throw new IllegalArgumentException((asked == null ? "--dev " + devFile + " has " + inDev.get(type)
                        + " gold " + type + " entities, but" : "--types " + type + ":") + " no teacher given labels "
                        + type + ", so nothing can be distilled for it; the teachers label " + teachersLabel
                        + (asked == null ? " (add a teacher of " + type + ", or leave it out with --types)" : ""));
            }
            if (!inDev.containsKey(type)) {
                throw new IllegalArgumentException("--types " + type + ": the dev set " + devFile + " has no gold " + type
                        + " entity, so no teacher combination, decoding bias or epoch can be chosen for it; it has "
                        + (inDev.isEmpty() ? "no entities at all" : inDev.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "))));
            }
        }
        return Set.copyOf(types);
    }
}
