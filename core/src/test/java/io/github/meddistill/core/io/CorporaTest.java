package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorporaTest {

    private static final String JSONL = "{\"id\":\"n1\",\"text\":\"Started metformin.\","
            + "\"entities\":[{\"start\":8,\"end\":17,\"type\":\"MEDICATION\"}]}\n";
    private static final String PUBTATOR = "123|t|Pneumonia in adults\n123|a|Fever.\n123\t0\t9\tPneumonia\tDisease\tD011014\n\n";
    private static final String CONLL = "Pneumonia\tB-Disease\nand\tO\nfever\tO\n\n";
    private static final String BRAT_TXT = "Started metformin.";
    private static final String BRAT_ANN = "T1\tMEDICATION 8 17\tmetformin\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Path gzip(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static String first(List<Annotation> corpus) {
        Entity entity = corpus.get(0).entities().get(0);
        return entity.type() + ":" + entity.text();
    }

    @ParameterizedTest
    @CsvSource({"notes.jsonl, JSONL", "notes.ndjson, JSONL", "train.pubtator, PUBTATOR", "train.conll, CONLL",
            "train.tsv, CONLL", "train.iob, CONLL", "train.conll.gz, CONLL", "note.ann, BRAT"})
    void should_tell_the_format_from_the_name_when_the_name_says_it(String name, CorpusFormat expected) throws IOException {
        assertThat(CorpusFormat.detect(write(name, "whatever"))).isEqualTo(expected);
    }

    @Test
    void should_read_each_format_when_only_the_content_tells_it() throws IOException {
        // given: names that say nothing
        Path jsonl = write("a.txt", JSONL);
        Path pubtator = write("NCBItrainset_corpus.txt", PUBTATOR);
        Path conll = write("b.data", CONLL);

        // when / then
        assertThat(first(Corpora.read(jsonl))).isEqualTo("MEDICATION:metformin");
        assertThat(first(Corpora.read(pubtator))).isEqualTo("DISEASE:Pneumonia");
        assertThat(CorpusFormat.detect(conll)).isEqualTo(CorpusFormat.CONLL);
        assertThat(first(Corpora.read(conll))).isEqualTo("DISEASE:Pneumonia");
    }

    @Test
    void should_read_gzip_whatever_the_name_when_compressed() throws IOException {
        // given: one .gz file named for its format, one whose name hides both format and compression
        Path named = gzip("train.jsonl.gz", JSONL);
        Path hidden = gzip("corpus-2026", PUBTATOR);

        // when / then
        assertThat(first(Corpora.read(named))).isEqualTo("MEDICATION:metformin");
        assertThat(CorpusFormat.detect(hidden)).isEqualTo(CorpusFormat.PUBTATOR);
        assertThat(Corpora.read(hidden)).hasSize(1);
    }

    @Test
    void should_read_brat_when_given_a_folder_or_a_txt_with_its_ann() throws IOException {
        // given
        Path txt = write("n1.txt", BRAT_TXT);
        write("n1.ann", BRAT_ANN);

        // when / then
        assertThat(CorpusFormat.detect(dir)).isEqualTo(CorpusFormat.BRAT);
        assertThat(CorpusFormat.detect(txt)).isEqualTo(CorpusFormat.BRAT);
        assertThat(first(Corpora.read(dir))).isEqualTo("MEDICATION:metformin");
    }

    @Test
    void should_name_file_and_first_line_when_neither_name_nor_content_tells_the_format() throws IOException {
        Path prose = write("letter.txt", "\n\nDear colleague, thank you for referring this patient.\n");

        assertThatThrownBy(() -> Corpora.read(prose)).isInstanceOf(CorpusFormatException.class)
                .hasMessageContaining("letter.txt:0").hasMessageContaining("name the format")
                .hasMessageContaining("Dear colleague");
        assertThatThrownBy(() -> Corpora.read(write("empty.txt", ""))).hasMessageContaining("an empty file");
    }

    @Test
    void should_keep_labels_as_types_when_mapping_by_identity() throws IOException {
        ReadResult result = Corpora.readResult(write("train.pubtator", PUBTATOR), TypeMapping.identity());

        assertThat(result.annotations().get(0).entities()).extracting(Entity::type).containsExactly(EntityType.of("Disease"));
        assertThat(result.report().documents()).isEqualTo(1);
    }

    @Test
    void should_reject_an_unknown_format_name_when_named() {
        assertThatThrownBy(() -> CorpusFormat.of("xml", dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown format 'xml'");
        assertThat(CorpusFormat.of("PubTator", dir)).isEqualTo(CorpusFormat.PUBTATOR);
    }
}
