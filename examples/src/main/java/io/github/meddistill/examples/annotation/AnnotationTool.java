package io.github.meddistill.examples.annotation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.io.CorpusFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The annotation tools a team uses, each with its export of picked notes and its reader of the tool's own export.
 *
 * <ul>
 *   <li>{@link #LABEL_STUDIO}: writes a JSON list of tasks, {@code data.text} and {@code data.meddistill_id}, with one
 *       {@code predictions} entry per teacher ({@code model_version} = teacher name, results of type {@code labels}),
 *       to import into a project whose labeling config is {@link #labelStudioConfig(Set)}; reads Label Studio's
 *       "JSON" export (a list of tasks, each with {@code annotations}, one per annotator, {@code completed_by}).</li>
 *   <li>{@link #DOCCANO}: one JSON object a line, {@code text}, {@code label: [[start, end, "TYPE"], ...]} (the
 *       teachers' mentions, deduplicated) and {@code meddistill_id}; reads the same shape back, or the
 *       {@code entities: [{start_offset, end_offset, label}]} shape of projects with relations. doccano exports one
 *       file per annotator: give each file.</li>
 *   <li>{@link #PRODIGY}: one JSON object a line, {@code text}, {@code spans: [{start, end, label}]} and
 *       {@code meta.meddistill_id}; reads {@code db-out} output, keeping {@code answer: "accept"} only, the annotator
 *       from {@code _annotator_id} (else {@code _session_id}, else the file).</li>
 * </ul>
 *
 * <p>Every tool counts offsets in Unicode code points (Python strings; Label Studio since 2022 for text with emoji);
 * they are converted to and from Java's UTF-16 indices ({@link Offsets}). A Label Studio result carries its text: when
 * that text fits the UTF-16 reading and not the code point one (an older Label Studio), the UTF-16 reading is taken
 * and counted as a repair; when it fits neither, the file is rejected, naming task and span.
 */
public enum AnnotationTool {
    LABEL_STUDIO("label-studio.json"), DOCCANO("doccano.jsonl"), PRODIGY("prodigy.jsonl");

    /** The document id field the exports carry and the imports read. */
    public static final String ID_FIELD = "meddistill_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String fileName;

    AnnotationTool(String fileName) {
        this.fileName = fileName;
    }

    /** The file name {@code meddistill sample} writes this tool's export to. */
    public String fileName() {
        return fileName;
    }

    /** The tool named {@code label-studio}, {@code doccano} or {@code prodigy}. */
    public static AnnotationTool named(String name) {
        for (AnnotationTool tool : values()) {
            if (tool.name().replace('_', '-').equalsIgnoreCase(name)) {
                return tool;
            }
        }
        throw new IllegalArgumentException("unknown annotation tool '" + name + "': expected label-studio, doccano or prodigy");
    }

    /** How the annotations of several annotators of one note become gold. */
    public enum Merge {
        /** A span (start, end, type) is gold when more than half of the note's annotators marked it. */
        MAJORITY,
        /** A span is gold when any annotator marked it. */
        UNION
    }

    /**
     * What an import read.
     *
     * @param gold the gold annotations, in the order of the export
     * @param annotators the distinct annotators seen
     * @param multiplyAnnotated notes with more than one annotator
     * @param disputedSpans spans some but not every annotator of their note marked
     * @param agreementF1 exact-span F1 between pairs of annotators of the same note, pooled; empty without such pairs
     * @param repairs what was skipped or repaired, by kind, with counts
     * @param examples the first places of each repair ({@code file: task/line: what})
     */
    public record Import(List<Annotation> gold, Set<String> annotators, int multiplyAnnotated, int disputedSpans,
                         OptionalDouble agreementF1, Map<String, Integer> repairs, List<String> examples) {
        public Import {
            gold = List.copyOf(gold);
            annotators = Set.copyOf(annotators);
            repairs = Map.copyOf(repairs);
            examples = List.copyOf(examples);
        }
    }

    /** A Label Studio labeling config for the types: the text and one label per type. */
    public static String labelStudioConfig(Set<EntityType> types) {
        StringBuilder xml = new StringBuilder("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
        types.stream().map(EntityType::name).sorted().forEach(type -> xml.append("    <Label value=\"").append(type)
                .append("\"/>\n"));
        return xml.append("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n").toString();
    }

    /** The export of the picked notes with the teachers' mentions as pre-annotations. */
    public String export(List<AnnotationSample.Pick> picks) {
        StringBuilder out = new StringBuilder();
        if (this == LABEL_STUDIO) {
            ArrayNode tasks = JsonNodeFactory.instance.arrayNode();
            for (AnnotationSample.Pick pick : picks) {
                ObjectNode task = tasks.addObject();
                String text = pick.document().text();
                task.putObject("data").put("text", text).put(ID_FIELD, pick.document().id());
                ArrayNode predictions = task.putArray("predictions");
                pick.labels().forEach((teacher, entities) -> {
                    ObjectNode prediction = predictions.addObject();
                    prediction.put("model_version", teacher);
                    ArrayNode result = prediction.putArray("result");
                    int n = 0;
                    for (Entity entity : entities) {
                        ObjectNode item = result.addObject();
                        item.put("id", teacher + "-" + (++n));
                        item.put("from_name", "label").put("to_name", "text").put("type", "labels");
                        ObjectNode value = item.putObject("value");
                        value.put("start", Offsets.toCodePoints(text, entity.start()))
                                .put("end", Offsets.toCodePoints(text, entity.end())).put("text", entity.text());
                        value.putArray("labels").add(entity.type().name());
                    }
                });
            }
            return tasks.toPrettyString() + "\n";
        }
        for (AnnotationSample.Pick pick : picks) {
            String text = pick.document().text();
            List<Entity> union = pick.labels().values().stream().flatMap(List::stream).distinct()
                    .sorted(Entity.DOCUMENT_ORDER).toList();
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("text", text);
            if (this == DOCCANO) {
                line.put(ID_FIELD, pick.document().id());
                ArrayNode labels = line.putArray("label");
                union.forEach(e -> labels.addArray().add(Offsets.toCodePoints(text, e.start()))
                        .add(Offsets.toCodePoints(text, e.end())).add(e.type().name()));
            } else {
                ArrayNode spans = line.putArray("spans");
                union.forEach(e -> spans.addObject().put("start", Offsets.toCodePoints(text, e.start()))
                        .put("end", Offsets.toCodePoints(text, e.end())).put("label", e.type().name()));
                line.putObject("meta").put(ID_FIELD, pick.document().id());
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** One annotator's spans of one note, as read. */
    private record Marked(String id, String text, String annotator, Set<Entity> entities) {
    }

    /**
     * Reads the tool's export files as gold.
     *
     * @param annotator keep only this annotator's annotations ({@code null}: all, merged by {@code merge})
     * @throws CorpusFormatException naming file, task or line and field when a file is not this tool's export
     */
    public Import read(List<Path> files, Merge merge, String annotator) {
        Objects.requireNonNull(merge, "merge");
        Map<String, Integer> repairs = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        List<Marked> marked = new ArrayList<>();
        for (Path file : files) {
            switch (this) {
                case LABEL_STUDIO -> readLabelStudio(file, marked, repairs, examples);
                case DOCCANO, PRODIGY -> readLines(file, marked, repairs, examples);
            }
        }
        if (annotator != null) {
            Set<String> seen = marked.stream().map(Marked::annotator).collect(Collectors.toCollection(LinkedHashSet::new));
            if (!seen.contains(annotator)) {
                throw new IllegalArgumentException("--annotator " + annotator + ": no annotation by this annotator; the"
                        + " export has " + seen);
            }
            marked.removeIf(m -> !m.annotator().equals(annotator));
        }
        Map<String, List<Marked>> byNote = new LinkedHashMap<>();
        for (Marked m : marked) {
            List<Marked> note = byNote.computeIfAbsent(m.id(), k -> new ArrayList<>());
            if (!note.isEmpty() && !note.get(0).text().equals(m.text())) {
                throw new IllegalArgumentException("document '" + m.id() + "' has two different texts in the export"
                        + " (annotators " + note.get(0).annotator() + " and " + m.annotator() + ")");
            }
            note.add(m);
        }
        List<Annotation> gold = new ArrayList<>();
        int multiply = 0;
        int disputed = 0;
        long agreeing = 0;
        long pairSpans = 0;
        for (List<Marked> note : byNote.values()) {
            Map<Entity, Integer> votes = new LinkedHashMap<>();
            note.forEach(m -> m.entities().forEach(e -> votes.merge(e, 1, Integer::sum)));
            if (note.size() > 1) {
                multiply++;
                disputed += (int) votes.values().stream().filter(v -> v < note.size()).count();
                for (int a = 0; a < note.size(); a++) {
                    for (int b = a + 1; b < note.size(); b++) {
                        Set<Entity> both = new LinkedHashSet<>(note.get(a).entities());
                        both.retainAll(note.get(b).entities());
                        agreeing += 2L * both.size();
                        pairSpans += note.get(a).entities().size() + note.get(b).entities().size();
                    }
                }
            }
            List<Entity> entities = votes.entrySet().stream()
                    .filter(v -> merge == Merge.UNION || 2 * v.getValue() > note.size()).map(Map.Entry::getKey)
                    .sorted(Entity.DOCUMENT_ORDER).toList();
            gold.add(new Annotation(new Document(note.get(0).id(), note.get(0).text()), entities, Annotation.GOLD));
        }
        if (gold.isEmpty()) {
            throw new IllegalArgumentException(files + ": no annotated note in the export"
                    + (annotator != null ? " by annotator " + annotator : ""));
        }
        Set<String> annotators = marked.stream().map(Marked::annotator).collect(Collectors.toCollection(LinkedHashSet::new));
        OptionalDouble agreement = pairSpans == 0 ? (multiply > 0 ? OptionalDouble.of(1.0) : OptionalDouble.empty())
                : OptionalDouble.of((double) agreeing / pairSpans);
        return new Import(gold, annotators, multiply, disputed, agreement, repairs, examples);
    }

    private void readLabelStudio(Path file, List<Marked> marked, Map<String, Integer> repairs, List<String> examples) {
        JsonNode root = tree(file);
        if (!root.isArray()) {
            throw new CorpusFormatException(file.toString(), 0, "root", "a JSON list of tasks (Label Studio's \"JSON\""
                    + " export; JSON_MIN and CSV lose the annotators)", root.getNodeType().toString());
        }
        for (JsonNode task : root) {
            JsonNode data = task.path("data");
            String text = data.path("text").asText(null);
            String where = file + ": task " + task.path("id").asText("?");
            if (text == null) {
                throw new CorpusFormatException(file.toString(), 0, "data.text", "the task's text (" + where + ")", "none");
            }
            String id = data.hasNonNull(ID_FIELD) ? data.get(ID_FIELD).asText() : "label-studio-" + task.path("id").asText();
            for (JsonNode annotation : task.path("annotations")) {
                if (annotation.path("was_cancelled").asBoolean(false)) {
                    repair(repairs, examples, "CANCELLED_ANNOTATION_SKIPPED", where);
                    continue;
                }
                JsonNode by = annotation.path("completed_by");
                String annotator = by.isObject() ? by.path("email").asText(by.path("id").asText("?")) : by.asText("?");
                Set<Entity> entities = new LinkedHashSet<>();
                for (JsonNode result : annotation.path("result")) {
                    if (!result.path("type").asText().equals("labels")) {
                        repair(repairs, examples, "NON_SPAN_RESULT_SKIPPED", where + " (" + result.path("type").asText() + ")");
                        continue;
                    }
                    JsonNode value = result.path("value");
                    int start = value.path("start").asInt(-1);
                    int end = value.path("end").asInt(-1);
                    String stated = value.path("text").asText(null);
                    for (JsonNode label : value.path("labels")) {
                        entities.add(entity(text, start, end, label.asText(), stated, where, repairs, examples));
                    }
                }
                marked.add(new Marked(id, text, annotator, entities));
            }
            if (!task.path("annotations").elements().hasNext()) {
                repair(repairs, examples, "UNANNOTATED_TASK_SKIPPED", where);
            }
        }
    }

    private void readLines(Path file, List<Marked> marked, Map<String, Integer> repairs, List<String> examples) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it: " + e, e);
        }
        String fileAnnotator = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String where = file + ":" + (n + 1);
            JsonNode line;
            try {
                line = JSON.readTree(lines.get(n));
            } catch (IOException e) {
                throw new CorpusFormatException(file.toString(), n + 1, "line", "one JSON object", lines.get(n));
            }
            String text = line.path("text").asText(null);
            if (text == null) {
                throw new CorpusFormatException(file.toString(), n + 1, "text", "the note's text", "none");
            }
            String id = line.hasNonNull(ID_FIELD) ? line.get(ID_FIELD).asText()
                    : line.path("meta").hasNonNull(ID_FIELD) ? line.path("meta").get(ID_FIELD).asText()
                    : (this == DOCCANO ? "doccano-" : "prodigy-") + line.path("id").asText(Integer.toString(n + 1));
            Set<Entity> entities = new LinkedHashSet<>();
            String annotator = fileAnnotator;
            if (this == PRODIGY) {
                String answer = line.path("answer").asText("accept");
                if (!answer.equals("accept")) {
                    repair(repairs, examples, "NOT_ACCEPTED_SKIPPED", where + " (" + answer + ")");
                    continue;
                }
                annotator = line.path("_annotator_id").asText(line.path("_session_id").asText(fileAnnotator));
                for (JsonNode span : line.path("spans")) {
                    entities.add(entity(text, span.path("start").asInt(-1), span.path("end").asInt(-1),
                            span.path("label").asText(), null, where, repairs, examples));
                }
            } else if (line.has("entities")) {
                for (JsonNode span : line.path("entities")) {
                    entities.add(entity(text, span.path("start_offset").asInt(-1), span.path("end_offset").asInt(-1),
                            span.path("label").asText(), null, where, repairs, examples));
                }
            } else {
                for (JsonNode label : line.path("label")) {
                    if (!label.isArray() || label.size() != 3) {
                        throw new CorpusFormatException(file.toString(), n + 1, "label", "[start, end, \"TYPE\"]",
                                label.toString());
                    }
                    entities.add(entity(text, label.get(0).asInt(-1), label.get(1).asInt(-1), label.get(2).asText(),
                            null, where, repairs, examples));
                }
            }
            marked.add(new Marked(id, text, annotator, entities));
        }
    }

    /** The entity at code point offsets, or at UTF-16 offsets when only those fit the stated text. */
    private static Entity entity(String text, int start, int end, String label, String stated, String where,
                                 Map<String, Integer> repairs, List<String> examples) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException(where + ": a span without a label");
        }
        EntityType type = EntityType.of(label);
        Optional<Entity> codePoints = span(text, start, end, type, true);
        if (stated == null || codePoints.map(e -> e.text().equals(stated)).orElse(false)) {
            return codePoints.orElseThrow(() -> new IllegalArgumentException(where + ": span [" + start + ", " + end
                    + ") of " + label + " lies outside the note's " + text.codePointCount(0, text.length())
                    + " code points"));
        }
        Optional<Entity> utf16 = span(text, start, end, type, false);
        if (utf16.isPresent() && utf16.get().text().equals(stated)) {
            repair(repairs, examples, "OFFSETS_IN_UTF16_READ_AS_SUCH", where + " [" + start + ", " + end + ")");
            return utf16.get();
        }
        throw new IllegalArgumentException(where + ": span [" + start + ", " + end + ") of " + label + " states text '"
                + stated + "' but the note has '" + codePoints.map(Entity::text).orElse("(outside the text)")
                + "' there (offsets read as code points, and as UTF-16)");
    }

    private static Optional<Entity> span(String text, int start, int end, EntityType type, boolean codePoints) {
        int total = codePoints ? text.codePointCount(0, text.length()) : text.length();
        if (start < 0 || end > total || start >= end) {
            return Optional.empty();
        }
        int from = codePoints ? Offsets.toUtf16(text, start) : start;
        int to = codePoints ? Offsets.toUtf16(text, end) : end;
        if (!codePoints && (Character.isLowSurrogate(text.charAt(from)) || Character.isHighSurrogate(text.charAt(to - 1)))) {
            return Optional.empty(); // a UTF-16 reading that cuts a character in half is no reading
        }
        return Optional.of(Entity.of(text, from, to, type));
    }

    private static void repair(Map<String, Integer> repairs, List<String> examples, String kind, String where) {
        repairs.merge(kind, 1, Integer::sum);
        if (examples.size() < 20) {
            examples.add(kind + " " + where);
        }
    }

    private static JsonNode tree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CorpusFormatException(file.toString(), 0, "json", "a JSON export", e.getMessage());
        }
    }
}
