package io.github.meddistill.ontology;

import io.github.meddistill.ontology.internal.Inputs;
import io.github.meddistill.ontology.internal.LineReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads link example files: UTF-8 text (gzipped when the name ends in {@code .gz}), one example per line as
 * {@code text<TAB>code} (for example {@code "breast tumours\tMESH:D001943"}); blank lines and lines starting with
 * {@code #} are skipped.
 *
 * <pre>{@code
 * ConceptLinker linker = ConceptLinker.builder().addTerms(doid).addExamples(LinkExamples.read(coded)).build();
 * }</pre>
 */
public final class LinkExamples {

    private LinkExamples() {
    }

    /**
     * The examples of {@code file}, in file order.
     *
     * @throws OntologyFormatException naming the file and line of the first bad line (never its text, which may be
     *         a patient's)
     * @throws OntologyLoadException if the file is missing or cannot be read
     */
    public static List<LinkExample> read(Path file) {
        Objects.requireNonNull(file, "file");
        List<LinkExample> examples = new ArrayList<>();
        try (LineReader lines = Inputs.lines(file, StandardCharsets.UTF_8)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                String stripped = line.strip();
                if (stripped.isEmpty() || stripped.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 2) {
                    throw lines.error("expected 2 tab-separated fields (mention text, code), found " + fields.length);
                }
                if (fields[0].isBlank()) {
                    throw lines.error("expected a mention text in field 1, found none");
                }
                if (fields[1].isBlank()) {
                    throw lines.error("expected a code (a concept id such as DOID:1612 or a cross-reference such as"
                            + " MESH:D001943) in field 2, found none");
                }
                examples.add(new LinkExample(fields[0].strip(), fields[1].strip()));
            }
        }
        return List.copyOf(examples);
    }
}
