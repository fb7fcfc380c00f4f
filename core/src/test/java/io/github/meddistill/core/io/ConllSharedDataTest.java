package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SharedData;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sentence, token and entity counts from the READMEs of the shared CoNLL/IOB files. */
class ConllSharedDataTest {

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("ncbi_disease/conll/train.tsv", 5432, 136086, 5145, 0),
                Arguments.of("ncbi_disease/conll/devel.tsv", 923, 23969, 787, 0),
                Arguments.of("ncbi_disease/conll/test.tsv", 940, 24497, 960, 0),
                Arguments.of("bc5cdr/iob/train.tsv", 4560, 118170, 4182, 5203),
                Arguments.of("bc5cdr/iob/devel.tsv", 4581, 117453, 4246, 5347),
                Arguments.of("bc5cdr/iob/test.tsv", 4797, 124750, 4424, 5385));
    }

    @ParameterizedTest
    @MethodSource("files")
    void should_reproduce_readme_counts_when_reading_one_document_per_sentence(String relative, int sentences,
                                                                               int tokens, int diseases,
                                                                               int chemicals) {
        ConllReader reader = ConllReader.builder().grouping(ConllReader.Grouping.SENTENCE)
                .typeMapping(TypeMapping.biomedical()).build();

        ReadResult result = reader.read(SharedData.file(relative));

        assertThat(result.annotations()).hasSize(sentences);
        assertThat(result.annotations().stream().mapToLong(a -> wordCount(a.document().text())).sum())
                .isEqualTo(tokens);
        assertThat(count(result, EntityType.DISEASE)).isEqualTo(diseases);
        assertThat(count(result, EntityType.MEDICATION)).isEqualTo(chemicals);
        assertThat(result.report().count(ReadNotice.Kind.TAG_SEQUENCE_REPAIRED)).isZero();
        assertThat(result.toCorpus(relative).size()).isEqualTo(sentences);
    }

    @Test
    void should_keep_every_sentence_as_a_line_when_file_has_no_document_markers() {
        int sentences = 923;
        ReadResult result = ConllReader.builder().build().read(SharedData.file("ncbi_disease/conll/devel.tsv"));

        assertThat(result.annotations()).hasSize(1);
        Annotation whole = result.annotations().get(0);
        assertThat(whole.document().text().split("\n", -1)).hasSize(sentences);
        for (Entity entity : whole.entities()) {
            assertThat(entity.text()).doesNotContain("\n");
        }
    }

    private static long count(ReadResult result, EntityType type) {
        return result.annotations().stream().flatMap(a -> a.entities().stream()).filter(e -> e.type().equals(type))
                .count();
    }

    private static long wordCount(String text) {
        return Arrays.stream(text.split("[ \n]")).filter(s -> !s.isEmpty()).count();
    }
}
