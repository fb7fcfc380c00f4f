package io.github.meddistill.core.io.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.meddistill.core.Assertion;
import io.github.meddistill.core.Assertion.Experiencer;
import io.github.meddistill.core.Assertion.Flag;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.LinkedConcept;
import io.github.meddistill.core.io.CorpusFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSONL form of an entity's clinical context: {@code "assertion": {"negated": true, "uncertain": false,
 * "hypothetical": false, "historical": false, "experiencer": "patient"}} (undecided fields left out, the object
 * left out when nothing is decided) and {@code "concepts": [{"id", "name", "source", "score", "method", "xrefs",
 * "broaderXrefs"}]} (left out when empty, as are empty xref lists).
 */
public final class EntityContextJson {

    private EntityContextJson() {
    }

    /** Writes the entity's assertion and concepts fields into the open entity object. */
    public static void write(JsonGenerator json, Entity entity) throws IOException {
        Assertion assertion = entity.assertion();
        if (!assertion.isUnknown()) {
            json.writeObjectFieldStart("assertion");
            flag(json, "negated", assertion.negated());
            flag(json, "uncertain", assertion.uncertain());
            flag(json, "hypothetical", assertion.hypothetical());
            flag(json, "historical", assertion.historical());
            if (assertion.experiencer() != Experiencer.UNKNOWN) {
                json.writeStringField("experiencer", assertion.experiencer().name().toLowerCase(Locale.ROOT));
            }
            json.writeEndObject();
        }
        if (!entity.concepts().isEmpty()) {
            json.writeArrayFieldStart("concepts");
            for (LinkedConcept concept : entity.concepts()) {
                json.writeStartObject();
                json.writeStringField("id", concept.conceptId());
                json.writeStringField("name", concept.preferredName());
                json.writeStringField("source", concept.source());
                json.writeNumberField("score", Math.round(concept.score() * 10000) / 10000.0);
                json.writeStringField("method", concept.method().name().toLowerCase(Locale.ROOT));
                strings(json, "xrefs", concept.xrefs());
                strings(json, "broaderXrefs", concept.broaderXrefs());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            json.writeArrayFieldStart(name);
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
    }

    private static void flag(JsonGenerator json, String name, Flag flag) throws IOException {
        if (flag != Flag.UNKNOWN) {
            json.writeBooleanField(name, flag == Flag.YES);
        }
    }

    /** The entity with the assertion and concepts of {@code node} (an entity object), if it has them. */
    public static Entity read(JsonNode node, Entity entity, String file, long line, String field) {
        Entity result = entity;
        JsonNode assertion = node.get("assertion");
        if (assertion != null && !assertion.isNull()) {
            if (!assertion.isObject()) {
                throw new CorpusFormatException(file, line, field + ".assertion", "an object",
                        assertion.getNodeType().toString());
            }
            Experiencer experiencer = Experiencer.UNKNOWN;
            JsonNode who = assertion.get("experiencer");
            if (who != null && !who.isNull()) {
                try {
                    experiencer = Experiencer.valueOf(who.asText().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new CorpusFormatException(file, line, field + ".assertion.experiencer",
                            "patient, family, other or unknown", who.toString());
                }
            }
            result = result.withAssertion(new Assertion(flag(assertion, "negated", file, line, field),
                    flag(assertion, "uncertain", file, line, field), flag(assertion, "hypothetical", file, line, field),
                    flag(assertion, "historical", file, line, field), experiencer));
        }
        JsonNode concepts = node.get("concepts");
        if (concepts != null && !concepts.isNull()) {
            if (!concepts.isArray()) {
                throw new CorpusFormatException(file, line, field + ".concepts", "an array",
                        concepts.getNodeType().toString());
            }
            List<LinkedConcept> linked = new ArrayList<>();
            for (int i = 0; i < concepts.size(); i++) {
                JsonNode concept = concepts.get(i);
                String at = field + ".concepts[" + i + "]";
                String id = text(concept, "id", file, line, at);
                JsonNode score = concept.get("score");
                if (score == null || !score.isNumber() || score.doubleValue() < 0 || score.doubleValue() > 1) {
                    throw new CorpusFormatException(file, line, at + ".score", "a number in [0, 1]",
                            score == null ? null : score.toString());
                }
                LinkedConcept.LinkMethod method;
                String methodName = text(concept, "method", file, line, at);
                try {
                    method = LinkedConcept.LinkMethod.valueOf(methodName.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new CorpusFormatException(file, line, at + ".method",
                            "exact, variant, abbreviation or similarity", methodName);
                }
                JsonNode name = concept.get("name");
                JsonNode source = concept.get("source");
                linked.add(new LinkedConcept(id, name == null ? id : name.asText(),
                        source == null ? "" : source.asText(), score.doubleValue(), method,
                        strings(concept, "xrefs", file, line, at), strings(concept, "broaderXrefs", file, line, at)));
            }
            result = result.withConcepts(linked);
        }
        return result;
    }

    /** The strings of array field {@code name}, empty when absent. */
    private static List<String> strings(JsonNode concept, String name, String file, long line, String at) {
        JsonNode values = concept.get(name);
        if (values == null || values.isNull()) {
            return List.of();
        }
        if (!values.isArray()) {
            throw new CorpusFormatException(file, line, at + "." + name, "an array of strings",
                    values.getNodeType().toString());
        }
        List<String> strings = new ArrayList<>();
        values.forEach(value -> strings.add(value.asText()));
        return strings;
    }

    private static Flag flag(JsonNode assertion, String name, String file, long line, String field) {
        JsonNode value = assertion.get(name);
        if (value == null || value.isNull()) {
            return Flag.UNKNOWN;
        }
        if (!value.isBoolean()) {
            throw new CorpusFormatException(file, line, field + ".assertion." + name, "true or false", value.toString());
        }
        return Flag.of(value.booleanValue());
    }

    private static String text(JsonNode node, String key, String file, long line, String field) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new CorpusFormatException(file, line, field + "." + key, "a string",
                    value == null ? null : value.toString());
        }
        return value.textValue();
    }
}
