package io.github.meddistill.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class OntologyTeacherFromTermsTest {

    @Test
    void should_label_the_terms_when_built_from_terms_in_one_call() {
        OntologyTeacher teacher = OntologyTeacher.fromTerms("doid",
                List.of(new Term("pneumonia", "DOID:552", "pneumonia", EntityType.DISEASE, "DOID")));

        assertThat(teacher.annotate(new Document("n1", "Admitted with pneumonia.")).entities())
                .extracting(Entity::text).containsExactly("pneumonia");
        assertThat(teacher.name()).isEqualTo("doid");
    }

    @Test
    void should_reject_an_empty_term_list_when_built_from_terms() {
        assertThatThrownBy(() -> OntologyTeacher.fromTerms("doid", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("terms must not be empty");
    }
}
