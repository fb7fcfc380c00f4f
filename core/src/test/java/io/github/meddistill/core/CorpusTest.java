package io.github.meddistill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTest {

    private static Annotation annotation(String id, String text, EntityType type) {
        return new Annotation(new Document(id, text), List.of(Entity.of(text, 0, text.length(), type)), "gold");
    }

    @Test
    void should_count_mentions_and_types_when_built() {
        Corpus corpus = new Corpus("c", List.of(annotation("a", "fever", EntityType.SYMPTOM),
                annotation("b", "aspirin", EntityType.MEDICATION), annotation("c", "cough", EntityType.SYMPTOM)));

        assertThat(corpus.size()).isEqualTo(3);
        assertThat(corpus.mentionCount()).isEqualTo(3);
        assertThat(corpus.entityTypes()).containsExactly(EntityType.MEDICATION, EntityType.SYMPTOM);
        assertThat(corpus.find("b")).map(Annotation::documentId).contains("b");
        assertThat(corpus.find("z")).isEmpty();
        assertThat(corpus.documents()).extracting(Document::id).containsExactly("a", "b", "c");
    }

    @Test
    void should_reject_duplicate_document_ids_naming_the_id() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Corpus("c",
                List.of(annotation("a", "fever", EntityType.SYMPTOM), annotation("a", "cough", EntityType.SYMPTOM))))
                .withMessage("duplicate document id in corpus c: a");
    }

    @Test
    void should_allow_an_empty_corpus() {
        Corpus empty = new Corpus("empty", List.of());
        assertThat(empty.mentionCount()).isZero();
        assertThat(empty.entityTypes()).isEmpty();
    }
}
