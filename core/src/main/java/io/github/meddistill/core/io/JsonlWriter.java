package io.github.meddistill.core.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.io.internal.CodePointOffsets;
import io.github.meddistill.core.io.internal.EntityContextJson;
import io.github.meddistill.core.io.internal.Gzip;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes MedDistill JSONL as {@link JsonlReader} reads it: one object per document with {@code id},
 * {@code text}, {@code source}, {@code metadata} (keys sorted, omitted when empty) and
 * {@code entities} (document order, code-point offsets, with their text, and their {@code assertion} and
 * {@code concepts} when an assertion step or concept linker decided them). UTF-8 without a byte-order
 * mark, {@code \n} line ends, gzip-compressed when the file name ends in {@code .gz}. Not thread-safe.
 *
 * <p>{@link #write(Path, Iterable)} writes through {@link AtomicFiles}, so the file appears under its name only
 * when every document is in it; {@link #open(Path)} streams into the file itself, for output too large to
 * produce at once.
 *
 * <pre>{@code
 * try (AnnotationWriter writer = JsonlWriter.open(Path.of("gold.jsonl"))) {
 *     writer.writeAll(corpus.annotations());
 * }
 * }</pre>
 */
public final class JsonlWriter implements AnnotationWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM).build();

    private final OutputStream output;
    private final String target;
    private long documents;
    private long entities;

    private JsonlWriter(OutputStream output, String target) {
        this.output = output;
        this.target = target;
    }

    /** Creates or truncates {@code file} and writes into it as documents come (see the class comment). */
    public static JsonlWriter open(Path file) {
        try {
            return new JsonlWriter(Gzip.compressIfNamed(new BufferedOutputStream(Files.newOutputStream(file)), file),
                    file.toString());
        } catch (IOException e) {
            throw new CorpusIoException(file, "cannot create " + file, e);
        }
    }

    /** Writes to {@code output}, named {@code targetName} in errors and reports; closes it on {@link #close()}. */
    public static JsonlWriter open(OutputStream output, String targetName) {
        return new JsonlWriter(Objects.requireNonNull(output, "output"), targetName);
    }

    /**
     * Writes all annotations to {@code file}, which appears (or replaces the previous one) only once complete.
     *
     * @throws CorpusIoException if it cannot be written; {@code file} is then unchanged
     */
    public static WriteReport write(Path file, Iterable<Annotation> annotations) {
        WriteReport[] written = new WriteReport[1];
        try {
            AtomicFiles.write(file, out -> {
                try (JsonlWriter writer = open(Gzip.compressIfNamed(out, file), file.toString())) {
                    writer.writeAll(annotations);
                    written[0] = writer.report();
                }
            });
        } catch (IOException e) {
            throw new CorpusIoException(file, "cannot write " + file, e);
        }
        return written[0];
    }

    @Override
    public void write(Annotation annotation) {
        Objects.requireNonNull(annotation, "annotation");
        String text = annotation.document().text();
        CodePointOffsets offsets = new CodePointOffsets(text);
        try {
            JsonGenerator json = FACTORY.createGenerator(output, JsonEncoding.UTF8);
            json.writeStartObject();
            json.writeStringField("id", annotation.documentId());
            json.writeStringField("text", text);
            json.writeStringField("source", annotation.source());
            Map<String, String> metadata = annotation.document().metadata();
            if (!metadata.isEmpty()) {
                json.writeObjectFieldStart("metadata");
                for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
            }
            json.writeArrayFieldStart("entities");
            for (Entity entity : annotation.entities()) {
                json.writeStartObject();
                json.writeNumberField("start", offsets.toCodePoints(entity.start()));
                json.writeNumberField("end", offsets.toCodePoints(entity.end()));
                json.writeStringField("type", entity.type().name());
                json.writeStringField("text", entity.text());
                EntityContextJson.write(json, entity);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.close();
            output.write('\n');
        } catch (IOException e) {
            throw new CorpusIoException(target, "cannot write document " + annotation.documentId() + " to " + target, e);
        }
        documents++;
        entities += annotation.entities().size();
    }

    @Override
    public WriteReport report() {
        return new WriteReport(target, documents, entities, 0);
    }

    @Override
    public void close() {
        try {
            output.close();
        } catch (IOException e) {
            throw new CorpusIoException(target, "cannot close " + target, e);
        }
    }
}
