package io.github.meddistill.core.io;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.io.internal.CodePointOffsets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes brat standoff as {@link BratReader} reads it: per document {@code <id>.txt} (the text,
 * verbatim, UTF-8 without byte-order mark) and {@code <id>.ann} with one
 * {@code T<n><TAB><TYPE> <start> <end><TAB><text>} line per entity, offsets in code points. An entity
 * that crosses a line break is written as brat does, as fragments split at the break
 * ({@code start end;start end}), which {@link BratReader.Discontinuous#SPAN} reads back as the
 * original span. Not thread-safe.
 *
 * <pre>{@code
 * try (AnnotationWriter writer = BratWriter.open(Path.of("out/brat"))) { writer.writeAll(annotations); }
 * }</pre>
 */
public final class BratWriter implements AnnotationWriter {

    /** Document ids that are safe as file names on every system. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path folder;
    private long documents;
    private long entities;
    private long changed;

    private BratWriter(Path folder) {
        this.folder = folder;
    }

    /** Writes into {@code folder}, creating it if needed; existing files of the same ids are replaced. */
    public static BratWriter open(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new CorpusIoException(folder, "cannot create folder " + folder, e);
        }
        return new BratWriter(folder);
    }

    /** Writes all annotations into {@code folder}. */
    public static WriteReport write(Path folder, Iterable<Annotation> annotations) {
        try (BratWriter writer = open(folder)) {
            writer.writeAll(annotations);
            return writer.report();
        }
    }

    /**
     * @throws IllegalArgumentException if the document id is not a safe file name
     *     ({@code [A-Za-z0-9][A-Za-z0-9._-]*})
     */
    @Override
    public void write(Annotation annotation) {
        String id = annotation.documentId();
        if (!SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("document id cannot be used as a brat file name (allowed:"
                    + " [A-Za-z0-9][A-Za-z0-9._-]*): id='" + id + "'");
        }
        String text = annotation.document().text();
        CodePointOffsets offsets = new CodePointOffsets(text);
        StringBuilder ann = new StringBuilder();
        int number = 0;
        for (Entity entity : annotation.entities()) {
            List<int[]> fragments = fragments(text, entity);
            if (fragments.get(0)[0] != entity.start() || fragments.get(fragments.size() - 1)[1] != entity.end()) {
                changed++;
            }
            ann.append('T').append(++number).append('\t').append(entity.type().name()).append(' ');
            StringBuilder stated = new StringBuilder();
            for (int i = 0; i < fragments.size(); i++) {
                int[] fragment = fragments.get(i);
                if (i > 0) {
                    ann.append(';');
                    stated.append(' ');
                }
                ann.append(offsets.toCodePoints(fragment[0])).append(' ').append(offsets.toCodePoints(fragment[1]));
                stated.append(text, fragment[0], fragment[1]);
            }
            ann.append('\t').append(stated).append('\n');
        }
        try {
            Files.writeString(folder.resolve(id + ".txt"), text, StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(id + ".ann"), ann, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CorpusIoException(folder, "cannot write document " + id + " to " + folder, e);
        }
        documents++;
        entities += annotation.entities().size();
    }

    @Override
    public WriteReport report() {
        return new WriteReport(folder.toString(), documents, entities, changed);
    }

    @Override
    public void close() {
        // every document is written and closed by write()
    }

    /** The entity's span cut at line breaks, without the whitespace around them; never empty. */
    private static List<int[]> fragments(String text, Entity entity) {
        List<int[]> fragments = new ArrayList<>();
        int start = entity.start();
        int i = entity.start();
        while (i < entity.end()) {
            if (isLineBreak(text.charAt(i))) {
                int end = i;
                while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
                if (end > start) {
                    fragments.add(new int[] {start, end});
                }
                while (i < entity.end() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        if (entity.end() > start) {
            fragments.add(new int[] {start, entity.end()});
        }
        if (fragments.isEmpty()) {
            fragments.add(new int[] {entity.start(), entity.end()});
        }
        return fragments;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    @Override
    public String toString() {
        return "BratWriter[" + folder + "]";
    }
}
