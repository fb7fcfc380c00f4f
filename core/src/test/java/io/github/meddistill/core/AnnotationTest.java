package io.github.meddistill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotationTest {

    private static final Document NOTE = new Document("n1", "Metformin for diabetes; no fever.", Map.of("split", "dev"));

    @Test
    void should_sort_and_deduplicate_entities_when_built() {
        Entity disease = Entity.of(NOTE.text(), 14, 22, EntityType.DISEASE);
        Entity drug = Entity.of(NOTE.text(), 0, 9, EntityType.MEDICATION);

        Annotation annotation = new Annotation(NOTE, List.of(disease, drug, disease), Annotation.GOLD);

        assertThat(annotation.entities()).containsExactly(drug, disease);
        assertThat(annotation).isEqualTo(new Annotation(NOTE, List.of(drug, disease), "gold"));
    }

    @Test
    void should_reject_entities_that_do_not_fit_the_document() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Annotation(NOTE,
                List.of(new Entity(30, 40, EntityType.SYMPTOM, "x".repeat(10))), "gold"))
                .withMessageContaining("ends after the text of document n1");
        assertThatIllegalArgumentException().isThrownBy(() -> new Annotation(NOTE,
                List.of(new Entity(0, 9, EntityType.MEDICATION, "metformin")), "gold"))
                .withMessageContaining("entity text='metformin', document text='Metformin'");
    }

    @Test
    void should_reject_blank_source() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Annotation(NOTE, List.of(), " "))
                .withMessageContaining("source");
    }

    @Test
    void should_filter_by_type_and_rename_source_without_changing_the_original() {
        Annotation annotation = new Annotation(NOTE, List.of(Entity.of(NOTE.text(), 0, 9, EntityType.MEDICATION),
                Entity.of(NOTE.text(), 27, 32, EntityType.SYMPTOM)), "gold");

        assertThat(annotation.onlyType(EntityType.SYMPTOM).entities()).extracting(Entity::text).containsExactly("fever");
        assertThat(annotation.withSource("llm").source()).isEqualTo("llm");
        assertThat(annotation.entities()).hasSize(2);
        assertThat(annotation.documentId()).isEqualTo("n1");
        assertThat(annotation.toString()).doesNotContain("Metformin");
    }

    @Test
    void should_hide_text_and_copy_metadata_when_document_is_built() {
        java.util.HashMap<String, String> metadata = new java.util.HashMap<>(Map.of("k", "v"));
        Document document = new Document("d", "secret clinical text", metadata);
        metadata.put("k2", "v2");

        assertThat(document.metadata()).containsOnlyKeys("k");
        assertThat(document.toString()).doesNotContain("secret").contains("length=20");
        assertThatIllegalArgumentException().isThrownBy(() -> new Document(" ", "x")).withMessageContaining("id");
    }
}
