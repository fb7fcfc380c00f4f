package io.github.meddistill.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkExamplesTest {

    @TempDir
    Path dir;

    @Test
    void should_read_text_and_code_when_lines_are_tab_separated_with_comments_and_blanks() throws IOException {
        Path file = dir.resolve("examples.tsv");
        Files.writeString(file, "\uFEFF# coded by the registry, 2026\r\nbreast tumours\tMESH:D001943\r\n\n WD \tOMIM:277900\n",
                StandardCharsets.UTF_8);
        assertThat(LinkExamples.read(file)).containsExactly(new LinkExample("breast tumours", "MESH:D001943"),
                new LinkExample("WD", "OMIM:277900"));
    }

    @Test
    void should_gunzip_when_the_name_ends_in_gz() throws IOException {
        Path file = dir.resolve("examples.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("WD\tOMIM:277900\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(LinkExamples.read(file)).containsExactly(new LinkExample("WD", "OMIM:277900"));
    }

    @Test
    void should_fail_naming_file_and_line_but_not_the_text_when_a_line_has_one_field() throws IOException {
        Path file = dir.resolve("coded.tsv");
        Files.writeString(file, "a\tMESH:D1\nbreast tumours MESH:D001943\n");
        assertThatThrownBy(() -> LinkExamples.read(file))
                .isInstanceOf(OntologyFormatException.class)
                .hasMessageStartingWith(file + ":2: expected 2 tab-separated fields (mention text, code), found 1")
                .hasMessageNotContaining("breast");
    }

    @Test
    void should_fail_naming_the_field_when_the_code_is_empty() throws IOException {
        Path file = dir.resolve("coded.tsv");
        Files.writeString(file, "breast tumours\t \n");
        assertThatThrownBy(() -> LinkExamples.read(file))
                .isInstanceOf(OntologyFormatException.class)
                .hasMessageStartingWith(file + ":1: expected a code")
                .hasMessageContaining("field 2");
    }

    @Test
    void should_fail_naming_the_file_when_it_is_missing() {
        Path missing = dir.resolve("missing.tsv");
        assertThatThrownBy(() -> LinkExamples.read(missing))
                .isInstanceOf(OntologyLoadException.class)
                .hasMessageStartingWith(missing.toString());
    }
}
