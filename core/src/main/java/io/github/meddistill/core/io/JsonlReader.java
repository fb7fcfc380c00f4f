package io.github.meddistill.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SettingsCheck;
import io.github.meddistill.core.io.internal.AbstractAnnotationReader;
import io.github.meddistill.core.io.internal.CodePointOffsets;
import io.github.meddistill.core.io.internal.EntityContextJson;
import io.github.meddistill.core.io.internal.Inputs;
import io.github.meddistill.core.io.internal.Labels;
import io.github.meddistill.core.io.internal.Mentions;
import io.github.meddistill.core.io.internal.Utf8LineReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads MedDistill JSONL: one JSON object per line,
 * <pre>{@code
 * {"id":"n1","text":"Started metformin.","entities":[{"start":8,"end":17,"type":"MEDICATION","text":"metformin"}],
 *  "metadata":{"split":"train"},"source":"gold"}
 * }</pre>
 * {@code id} and {@code text} are required; {@code entities} (default none), each entity's
 * {@code text} (checked against the document when present), {@code metadata} (string values) and
 * {@code source} (default: the builder's) are optional, as are each entity's {@code assertion}
 * ({@code {"negated": true, ..., "experiencer": "family"}}) and {@code concepts} as {@link JsonlWriter} writes them;
 * other fields are ignored for forward
 * compatibility. Offsets count Unicode code points, as Python does, and are end-exclusive; they equal
 * Java {@code char} offsets unless the text holds characters outside the Basic Multilingual Plane.
 * Blank lines are skipped. A text may be as long as memory allows, up to lines of 2 GiB (Jackson's default
 * limit of 20,000,000 characters per string does not apply). Immutable and thread-safe; each {@link #open}
 * returns an independent, single-threaded reader.
 */
public final class JsonlReader {

    /** Jackson's limit of 20,000,000 characters per string is lifted: a corpus is the user's own input. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());

    private final TypeMapping typeMapping;
    private final String source;

    private JsonlReader(Builder builder) {
        this.typeMapping = builder.typeMapping;
        this.source = builder.source;
    }

    /** Defaults: {@link TypeMapping#identity()}, source {@link Annotation#GOLD} where a line has none. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads the whole file. */
    public ReadResult read(Path file) {
        return open(file).readAll();
    }

    /** A streaming reader over {@code file}. */
    public AnnotationReader open(Path file) {
        return open(Inputs.open(file), file.toString());
    }

    /** A streaming reader over {@code input}, named {@code sourceName} in errors and reports; closes the stream. */
    public AnnotationReader open(InputStream input, String sourceName) {
        return new Reader(new Utf8LineReader(Objects.requireNonNull(input, "input"), sourceName));
    }

    private final class Reader extends AbstractAnnotationReader {

        private final Utf8LineReader lines;
        private final String name;

        Reader(Utf8LineReader lines) {
            super(lines.source());
            this.lines = lines;
            this.name = lines.source();
        }

        @Override
        protected Annotation readNext() {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && line.isBlank());
            if (line == null) {
                return null;
            }
            long number = lines.lineNumber();
            JsonNode root;
            try {
                root = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new CorpusFormatException(name, number, "line", "one JSON object", e.getOriginalMessage(), e);
            }
            if (root == null || !root.isObject()) {
                throw new CorpusFormatException(name, number, "line", "one JSON object", root == null ? "nothing"
                        : root.getNodeType().toString());
            }
            String id = requiredString(root, "id", number);
            if (id.isBlank()) {
                throw new CorpusFormatException(name, number, "id", "a non-blank string", id);
            }
            String text = requiredString(root, "text", number);
            Map<String, String> metadata = metadata(root.get("metadata"), number);
            String annotationSource = source;
            JsonNode sourceNode = root.get("source");
            if (sourceNode != null && !sourceNode.isNull()) {
                annotationSource = string(sourceNode, "source", number);
                if (annotationSource.isBlank()) {
                    throw new CorpusFormatException(name, number, "source", "a non-blank string", annotationSource);
                }
            }
            List<Entity> entities = entities(root.get("entities"), text, id, number);
            List<Entity> kept = report.document(id, entities, name + ":" + number);
            return new Annotation(new Document(id, text, metadata), kept, annotationSource);
        }

        @Override
        protected void closeInput() {
            lines.close();
        }

        private List<Entity> entities(JsonNode node, String text, String id, long number) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw new CorpusFormatException(name, number, "entities", "an array", node.getNodeType().toString());
            }
            CodePointOffsets offsets = new CodePointOffsets(text);
            List<Entity> entities = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode entity = node.get(i);
                String field = "entities[" + i + "]";
                if (!entity.isObject()) {
                    throw new CorpusFormatException(name, number, field, "an object", entity.getNodeType().toString());
                }
                int start = offset(entity, field + ".start", number);
                int end = offset(entity, field + ".end", number);
                int length = offsets.codePointLength();
                if (start >= length) {
                    throw new CorpusFormatException(name, number, field + ".start", "an offset in [0, " + length
                            + ") (code points of the text)", Integer.toString(start));
                }
                if (end <= start || end > length) {
                    throw new CorpusFormatException(name, number, field + ".end", "an offset in (" + start + ", " + length
                            + "] (code points of the text)", Integer.toString(end));
                }
                int charStart = offsets.toChars(start);
                int charEnd = offsets.toChars(end);
                JsonNode stated = entity.get("text");
                if (stated != null && !stated.isNull()) {
                    Mentions.check(text, charStart, charEnd, string(stated, field + ".text", number), report, name,
                            number, field + ".text", id);
                }
                String label = requiredString(entity, "type", number, field + ".type");
                Optional<EntityType> type = Labels.resolve(label, typeMapping, report, name, number, id);
                if (type.isPresent()) {
                    entities.add(EntityContextJson.read(entity, Entity.of(text, charStart, charEnd, type.get()), name,
                            number, field));
                }
            }
            return entities;
        }

        private Map<String, String> metadata(JsonNode node, long number) {
            if (node == null || node.isNull()) {
                return Map.of();
            }
            if (!node.isObject()) {
                throw new CorpusFormatException(name, number, "metadata", "an object of strings",
                        node.getNodeType().toString());
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = fields.next();
                metadata.put(entry.getKey(), string(entry.getValue(), "metadata." + entry.getKey(), number));
            }
            return metadata;
        }

        private int offset(JsonNode entity, String field, long number) {
            JsonNode node = entity.get(field.substring(field.lastIndexOf('.') + 1));
            if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
                throw new CorpusFormatException(name, number, field, "a non-negative integer", node == null ? null
                        : node.toString());
            }
            return node.intValue();
        }

        private String requiredString(JsonNode node, String key, long number) {
            return requiredString(node, key, number, key);
        }

        private String requiredString(JsonNode node, String key, long number, String field) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw new CorpusFormatException(name, number, field, "a string", null);
            }
            return string(value, field, number);
        }

        private String string(JsonNode value, String field, long number) {
            if (!value.isTextual()) {
                throw new CorpusFormatException(name, number, field, "a string", value.getNodeType() + " " + value);
            }
            return value.textValue();
        }
    }

    /** Options of a {@link JsonlReader}. Not thread-safe. */
    public static final class Builder {

        private TypeMapping typeMapping = TypeMapping.identity();
        private String source = Annotation.GOLD;

        private Builder() {
        }

        /** How the {@code type} strings become entity types; default {@link TypeMapping#identity()}. */
        public Builder typeMapping(TypeMapping typeMapping) {
            this.typeMapping = Objects.requireNonNull(typeMapping, "typeMapping");
            return this;
        }

        /** The source of annotations whose line has no {@code source} field; default {@link Annotation#GOLD}. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** @throws IllegalArgumentException if the source is blank */
        public JsonlReader build() {
            SettingsCheck check = SettingsCheck.of("the JSONL reader");
            check.require(!source.isBlank(), "source must not be blank");
            check.throwIfAny();
            return new JsonlReader(this);
        }
    }
}
