package io.github.meddistill.teachers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.meddistill.teachers.InvalidAnswerException;
import io.github.meddistill.teachers.spi.AnswerStatus;
import io.github.meddistill.teachers.spi.ModelAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads our answer schema, {@code {"entities":[{"text":"...","type":"..."}]}}, from a model answer,
 * tolerating a Markdown code fence around it (local models add one when they do not support
 * structured output). Everything else is an {@link InvalidAnswerException} saying what was wrong.
 */
public final class AnswerParser {

    private AnswerParser() {
    }

    public static List<Mention> mentions(ModelAnswer answer, String where) {
        String raw = answer.content();
        if (answer.status() == AnswerStatus.TRUNCATED) {
            throw new InvalidAnswerException(where + ": the answer was cut off at the output token limit (finish reason "
                    + answer.finishReason() + ", " + raw.length() + " characters); raise maxOutputTokens or lower the"
                    + " chunk token budget", InvalidAnswerException.Kind.TRUNCATED, raw);
        }
        if (answer.status() == AnswerStatus.REFUSED) {
            throw new InvalidAnswerException(where + ": the model refused to answer (finish reason "
                    + answer.finishReason() + ")", InvalidAnswerException.Kind.REFUSED, raw);
        }
        JsonNode root;
        try {
            root = Json.read(stripFence(raw));
        } catch (JsonProcessingException e) {
            throw new InvalidAnswerException(where + ": the answer is not valid JSON (" + e.getOriginalMessage()
                    + " at character " + e.getLocation().getCharOffset() + " of " + raw.length() + ")",
                    InvalidAnswerException.Kind.MALFORMED_JSON, raw);
        }
        if (root == null || !root.isObject()) {
            throw schema(where, "expected a JSON object at the top, got " + kind(root), raw);
        }
        JsonNode entities = root.get("entities");
        if (entities == null || !entities.isArray()) {
            throw schema(where, "expected field 'entities' to be an array, got " + kind(entities), raw);
        }
        List<Mention> mentions = new ArrayList<>(entities.size());
        for (int i = 0; i < entities.size(); i++) {
            JsonNode e = entities.get(i);
            JsonNode text = e.get("text");
            JsonNode type = e.get("type");
            if (!e.isObject() || text == null || !text.isTextual() || type == null || !type.isTextual()) {
                throw schema(where, "expected entities[" + i + "] to be an object with string fields 'text' and 'type', got "
                        + (e.isObject() ? "fields " + fieldNames(e) : kind(e)), raw);
            }
            mentions.add(new Mention(text.asText(), type.asText()));
        }
        return List.copyOf(mentions);
    }

    private static InvalidAnswerException schema(String where, String what, String raw) {
        return new InvalidAnswerException(where + ": the answer breaks the schema: " + what,
                InvalidAnswerException.Kind.SCHEMA_VIOLATION, raw);
    }

    private static String kind(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static String stripFence(String raw) {
        String s = raw.strip();
        if (s.startsWith("```")) {
            int firstNewline = s.indexOf('\n');
            int lastFence = s.lastIndexOf("```");
            if (firstNewline > 0 && lastFence > firstNewline) {
                return s.substring(firstNewline + 1, lastFence);
            }
        }
        return s;
    }
}
