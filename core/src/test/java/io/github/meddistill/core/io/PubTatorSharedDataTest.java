package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Corpus;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.SharedData;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Counts from the READMEs of ../shared/data/ncbi_disease and ../shared/data/bc5cdr. */
class PubTatorSharedDataTest {

    static Stream<Arguments> ncbiDisease() {
        return Stream.of(
                Arguments.of("ncbi_disease/original-data/train/NCBItrainset_corpus.txt", 593, 592, 5145),
                Arguments.of("ncbi_disease/original-data/devel/NCBIdevelopset_corpus.txt", 100, 100, 787),
                Arguments.of("ncbi_disease/original-data/test/NCBItestset_corpus.txt", 100, 100, 960));
    }

    @ParameterizedTest
    @MethodSource("ncbiDisease")
    void should_reproduce_readme_counts_when_reading_ncbi_disease(String relative, int records, int uniqueIds,
                                                                  int mentions) {
        Path file = SharedData.file(relative);

        ReadResult result = PubTatorReader.builder().build().read(file);

        assertThat(result.annotations()).hasSize(records);
        assertThat(result.report().documents()).isEqualTo(records);
        assertThat(result.report().entities()).isEqualTo(mentions);
        assertThat(result.annotations().stream().mapToInt(a -> a.entities().size()).sum()).isEqualTo(mentions);
        assertThat(result.report().count(ReadNotice.Kind.DUPLICATE_DOCUMENT_ID)).isEqualTo(records - uniqueIds);
        assertThat(result.report().count(ReadNotice.Kind.OVERLAPPING_ENTITIES)).isZero();
        assertThat(result.report().count(ReadNotice.Kind.DUPLICATE_ENTITY)).isZero();
        Corpus corpus = result.toCorpus("ncbi");
        assertThat(corpus.size()).isEqualTo(uniqueIds);
        assertThat(corpus.entityTypes()).containsExactly(EntityType.DISEASE);
        assertTextsMatch(result);
    }

    @ParameterizedTest
    @MethodSource("ncbiDisease")
    void should_report_the_one_whitespace_padded_mention_when_reading_ncbi_train(String relative) {
        ReadResult result = PubTatorReader.builder().build().read(SharedData.file(relative));

        long expected = relative.contains("train") ? 1 : 0;
        assertThat(result.report().count(ReadNotice.Kind.MENTION_TEXT_WHITESPACE)).isEqualTo(expected);
    }

    static Stream<Arguments> bc5cdr() {
        return Stream.of(
                Arguments.of("bc5cdr/original-pubtator/CDR_TrainingSet.PubTator.txt", 5203, 4182, 1038),
                Arguments.of("bc5cdr/original-pubtator/CDR_DevelopmentSet.PubTator.txt", 5347, 4244, 1012),
                Arguments.of("bc5cdr/original-pubtator/CDR_TestSet.PubTator.txt", 5385, 4424, 1066));
    }

    @ParameterizedTest
    @MethodSource("bc5cdr")
    void should_reproduce_readme_counts_when_reading_bc5cdr(String relative, int chemicals, int diseases,
                                                            int relations) {
        ReadResult result = PubTatorReader.builder().build().read(SharedData.file(relative));

        assertThat(result.annotations()).hasSize(500);
        assertThat(count(result, EntityType.MEDICATION)).isEqualTo(chemicals);
        assertThat(count(result, EntityType.DISEASE)).isEqualTo(diseases);
        assertThat(result.report().entities()).isEqualTo(chemicals + diseases);
        assertThat(result.report().count(ReadNotice.Kind.RELATION_SKIPPED)).isEqualTo(relations);
        assertThat(result.toCorpus("bc5cdr").size()).isEqualTo(500);
        assertTextsMatch(result);
    }

    private static long count(ReadResult result, EntityType type) {
        return result.annotations().stream().flatMap(a -> a.entities().stream()).filter(e -> e.type().equals(type))
                .count();
    }

    private static void assertTextsMatch(ReadResult result) {
        for (Annotation annotation : result.annotations()) {
            String text = annotation.document().text();
            int titleLength = Integer.parseInt(annotation.document().metadata().get(PubTatorReader.TITLE_LENGTH));
            assertThat(text.length()).isGreaterThan(titleLength);
            assertThat(text.charAt(titleLength)).isEqualTo(' ');
            for (Entity entity : annotation.entities()) {
                assertThat(text.substring(entity.start(), entity.end())).isEqualTo(entity.text());
            }
        }
    }
}
