package io.github.meddistill.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.meddistill.core.EntityType;
import org.junit.jupiter.api.Test;

class TypeMappingTest {

    @Test
    void should_map_ncbi_and_bc5cdr_labels_when_using_biomedical_defaults() {
        TypeMapping mapping = TypeMapping.biomedical();

        for (String label : new String[] {"Disease", "SpecificDisease", "DiseaseClass", "Modifier", "CompositeMention"}) {
            assertThat(mapping.resolve(label)).contains(EntityType.DISEASE);
        }
        assertThat(mapping.resolve("Chemical")).contains(EntityType.MEDICATION);
        assertThat(mapping.resolve("Gene")).contains(EntityType.of("GENE"));
    }

    @Test
    void should_follow_the_unmapped_policy_when_a_label_has_no_entry() {
        TypeMapping.Builder builder = TypeMapping.builder().map("Drug", EntityType.MEDICATION);

        assertThat(builder.unmapped(TypeMapping.Unmapped.SKIP).build().resolve("Procedure")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> builder.unmapped(TypeMapping.Unmapped.FAIL).build()
                .resolve("Procedure")).withMessageContaining("'Procedure'").withMessageContaining("[Drug]");
        assertThat(TypeMapping.identity().resolve("condition")).contains(EntityType.of("CONDITION"));
    }

    @Test
    void should_extend_without_changing_the_original_when_using_to_builder() {
        TypeMapping extended = TypeMapping.biomedical().toBuilder().map("Chemical", EntityType.of("CHEMICAL")).build();

        assertThat(extended.resolve("Chemical")).contains(EntityType.of("CHEMICAL"));
        assertThat(TypeMapping.biomedical().resolve("Chemical")).contains(EntityType.MEDICATION);
        assertThat(extended.labels()).hasSize(6);
    }
}
