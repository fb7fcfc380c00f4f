package io.github.meddistill.core.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.FileException;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.core.io.Sha256;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only journal of one teacher's labels on one split: a JSON line per document with the
 * entities (offsets and types, no note text), a hash of the note text, the wall time and the tokens
 * and dollars spent. Lines are flushed as soon as a batch of notes is labelled, so a killed run
 * loses at most the batch in flight; a torn last line (no newline) is cut off on reload and that note
 * relabelled.
 * A note whose text changed since it was labelled (hash differs) is relabelled too.
 *
 * <p>Not thread-safe: one writer per journal.
 */
final class LabelJournal {

    private static final Logger LOG = LoggerFactory.getLogger(LabelJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String source;
    private final Map<String, Entry> entries = new HashMap<>();

    /** A labelled note: its annotation and what labelling it took. */
    record Entry(Annotation annotation, double latencyMillis, TokenUsage tokens, double costUsd) {
    }

    private LabelJournal(Path file, String source) {
        this.file = file;
        this.source = source;
    }

    /** Opens (and reads, if present) the journal at {@code file} for the teacher named {@code source}. */
    static LabelJournal open(Path file, String source, Map<String, Document> documentsById) {
        LabelJournal journal = new LabelJournal(file, source);
        if (Files.exists(file)) {
            journal.load(documentsById);
        }
        return journal;
    }

    private void load(Map<String, Document> documentsById) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FileException(file, "cannot read the label journal", e);
        }
        int completeEnd = content.lastIndexOf('\n') + 1;
        String[] lines = content.substring(0, completeEnd).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                throw new MedDistillException("corrupt label journal " + file + " line " + (i + 1)
                        + ": expected a JSON object, " + e.getOriginalMessage(), e);
            }
            accept(node, documentsById, i + 1);
        }
        if (completeEnd < content.length()) {
            dropTornTail(completeEnd, lines.length + 1);
        }
    }

    private void accept(JsonNode node, Map<String, Document> documentsById, int lineNumber) {
        Document document = documentsById.get(node.path("id").asText());
        if (document != null && Sha256.hex(document.text()).equals(node.path("textSha256").asText())) {
            entries.put(document.id(), parse(node, document, lineNumber));
        }
    }

    /** A crash mid-write leaves a last line without its newline: cut it off so appends start on a fresh line. */
    private void dropTornTail(long completeLength, int lineNumber) {
        LOG.warn("Dropping a torn last line in {} (line {}); that note will be labelled again", file, lineNumber);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(completeLength);
        } catch (IOException e) {
            throw new FileException(file, "cannot repair the label journal", e);
        }
    }

    private Entry parse(JsonNode node, Document document, int lineNumber) {
        try {
            List<Entity> entities = new ArrayList<>();
            for (JsonNode e : node.path("entities")) {
                entities.add(Entity.of(document.text(), e.get(0).asInt(), e.get(1).asInt(), EntityType.of(e.get(2).asText())));
            }
            TokenUsage tokens = new TokenUsage(node.path("inputTokens").asLong(), node.path("cachedInputTokens").asLong(),
                    node.path("outputTokens").asLong(), node.path("reasoningTokens").asLong());
            return new Entry(new Annotation(document, entities, source), node.path("latencyMillis").asDouble(),
                    tokens, node.path("costUsd").asDouble());
        } catch (RuntimeException e) {
            throw new MedDistillException("corrupt label journal " + file + " line " + lineNumber
                    + ": expected entities as [start, end, type] inside document " + document.id(), e);
        }
    }

    /** The entry for this document if it was labelled before. */
    Entry get(String documentId) {
        return entries.get(documentId);
    }

    /** Appends entries and flushes them to disk before returning. */
    void append(List<Entry> newEntries) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                for (Entry entry : newEntries) {
                    writer.write(JSON.writeValueAsString(toJson(entry)));
                    writer.write('\n');
                }
            }
        } catch (IOException e) {
            throw new FileException(file, "cannot append to the label journal", e);
        }
        newEntries.forEach(entry -> entries.put(entry.annotation().documentId(), entry));
    }

    private static ObjectNode toJson(Entry entry) {
        ObjectNode node = JSON.createObjectNode();
        Annotation annotation = entry.annotation();
        node.put("id", annotation.documentId());
        node.put("textSha256", Sha256.hex(annotation.document().text()));
        ArrayNode entities = node.putArray("entities");
        for (Entity entity : annotation.entities()) {
            entities.addArray().add(entity.start()).add(entity.end()).add(entity.type().name());
        }
        node.put("latencyMillis", entry.latencyMillis());
        node.put("inputTokens", entry.tokens().inputTokens());
        node.put("cachedInputTokens", entry.tokens().cachedInputTokens());
        node.put("outputTokens", entry.tokens().outputTokens());
        node.put("reasoningTokens", entry.tokens().reasoningTokens());
        node.put("costUsd", entry.costUsd());
        return node;
    }

    /** Each teacher's annotations, from its journal entries. */
    static Map<String, List<Annotation>> annotations(Map<String, List<LabelJournal.Entry>> entries) {
        Map<String, List<Annotation>> annotations = new LinkedHashMap<>();
        entries.forEach((teacher, list) -> annotations.put(teacher, list.stream().map(LabelJournal.Entry::annotation).toList()));
        return annotations;
    }
}
