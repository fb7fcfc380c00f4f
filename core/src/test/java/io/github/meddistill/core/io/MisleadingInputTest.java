package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs whose errors used to point the wrong way: brat paths that are not a .txt, and very long notes. */
class MisleadingInputTest {

    @TempDir
    Path folder;

    private final BratReader brat = BratReader.builder().build();

    @Test
    void should_read_the_document_when_given_its_ann_file() throws Exception {
        Files.writeString(folder.resolve("n1.txt"), "Chronic pancreatitis.");
        Path ann = folder.resolve("n1.ann");
        Files.writeString(ann, "T1\tDisease 8 20\tpancreatitis\n");

        Annotation document = brat.read(ann).annotations().get(0);

        assertThat(document.documentId()).isEqualTo("n1");
        assertThat(document.entities()).extracting(e -> e.text()).containsExactly("pancreatitis");
    }

    @Test
    void should_name_the_missing_text_file_when_an_ann_file_has_none() throws Exception {
        Path ann = folder.resolve("n1.ann");
        Files.writeString(ann, "T1\tDisease 8 20\tpancreatitis\n");

        assertThatThrownBy(() -> brat.read(ann)).isInstanceOf(CorpusFormatException.class)
                .hasMessageContaining("n1.ann:0: field 'text file': expected the document's text in n1.txt beside it");
    }

    @Test
    void should_say_what_the_folder_holds_when_it_has_no_brat_documents() throws Exception {
        Files.writeString(folder.resolve("notes.jsonl"), "{}\n");
        Files.writeString(folder.resolve("train.conll"), "x\tO\n");

        assertThatThrownBy(() -> brat.read(folder)).isInstanceOf(CorpusFormatException.class)
                .hasMessageContaining("expected brat documents: NAME.txt files, each with its NAME.ann beside it, but was"
                        + " 'a folder without .txt files (2 other entries: notes.jsonl, train.conll)'")
                .hasMessageNotContaining("empty input");
    }

    @Test
    void should_read_a_note_longer_than_jacksons_default_string_limit() throws Exception {
        // given: a 21-million-character note (Jackson stops at 20,000,000 unless told otherwise)
        Path file = folder.resolve("long.jsonl");
        int length = 21_000_000;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"id\":\"long\",\"text\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "fever and cough ".repeat(4096).getBytes(StandardCharsets.UTF_8);
            for (int written = 0; written < length; written += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, length - written));
            }
            out.write("\",\"entities\":[{\"start\":0,\"end\":5,\"type\":\"SYMPTOM\"}]}\n".getBytes(StandardCharsets.UTF_8));
        }

        // when
        Annotation note = JsonlReader.builder().build().read(file).annotations().get(0);

        // then
        assertThat(note.document().text()).hasSize(length);
        assertThat(note.entities()).extracting(e -> e.text()).containsExactly("fever");
    }

    @Test
    void should_say_the_path_does_not_exist_when_reading_brat_from_nowhere() throws IOException {
        Path missing = folder.resolve("nowhere");

        assertThatThrownBy(() -> brat.read(missing)).isInstanceOf(CorpusIoException.class)
                .hasMessageContaining("cannot read " + missing + " as brat").hasMessageContaining("NoSuchFileException");
    }
}
