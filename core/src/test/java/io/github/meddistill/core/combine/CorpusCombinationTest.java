package io.github.meddistill.core.combine;

import static io.github.meddistill.core.EntityType.DISEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusCombinationTest {

    private static final Document FIRST = new Document("d1", "fever and cough");
    private static final Document SECOND = new Document("d2", "no fever");

    private static Annotation annotation(Document document, String source, int start, int end) {
        return new Annotation(document, List.of(Entity.of(document.text(), start, end, DISEASE)), source);
    }

    @Test
    void should_combine_documents_by_id_in_first_source_order_when_sources_list_them_differently() {
        List<Annotation> a = List.of(annotation(FIRST, "a", 0, 5), annotation(SECOND, "a", 3, 8));
        List<Annotation> b = List.of(annotation(SECOND, "b", 3, 8), annotation(FIRST, "b", 10, 15));

        List<Annotation> combined = CorpusCombination.combine(List.of(a, b), new IntersectionCombiner(), "teacher");

        assertThat(combined).extracting(Annotation::documentId).containsExactly("d1", "d2");
        assertThat(combined.get(0).entities()).isEmpty();
        assertThat(combined.get(1).entities()).extracting(Entity::text).containsExactly("fever");
        assertThat(combined).extracting(Annotation::source).containsOnly("teacher");
    }

    @Test
    void should_name_the_document_when_a_source_misses_it() {
        List<Annotation> a = List.of(annotation(FIRST, "a", 0, 5), annotation(SECOND, "a", 3, 8));
        List<Annotation> b = List.of(annotation(FIRST, "b", 0, 5));

        assertThatThrownBy(() -> CorpusCombination.combine(List.of(a, b), new UnionCombiner(), "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("document 'd2' is annotated by source #0 (a) but missing from source #1 (b)");
        assertThatThrownBy(() -> CorpusCombination.combine(List.of(b, a), new UnionCombiner(), "t"))
                .hasMessageContaining("document 'd2' is annotated by source #1 (a) but missing from source #0 (b)");
    }

    @Test
    void should_name_the_document_when_a_source_annotates_it_twice() {
        List<Annotation> a = List.of(annotation(FIRST, "a", 0, 5), annotation(FIRST, "a", 10, 15));

        assertThatThrownBy(() -> CorpusCombination.combine(List.of(a), new UnionCombiner(), "t"))
                .hasMessageContaining("document 'd1' is annotated twice by source #0 (a)");
    }

    @Test
    void should_reject_an_empty_list_of_sources() {
        assertThatThrownBy(() -> CorpusCombination.combine(List.of(), new UnionCombiner(), "t"))
                .hasMessageContaining("no source given");
    }
}
