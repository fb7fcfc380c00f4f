package io.github.meddistill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EntityTypeTest {

    @Test
    void should_canonicalise_to_upper_case_when_created_with_of() {
        assertThat(EntityType.of("disease")).isEqualTo(EntityType.DISEASE);
        assertThat(EntityType.of(" Medication ")).isEqualTo(EntityType.MEDICATION);
        assertThat(EntityType.of("adverse_event-2").name()).isEqualTo("ADVERSE_EVENT-2");
    }

    @Test
    void should_reject_names_that_cannot_survive_tags_when_invalid() {
        assertThatIllegalArgumentException().isThrownBy(() -> EntityType.of("sign/symptom"))
                .withMessageContaining("name='SIGN/SYMPTOM'");
        assertThatIllegalArgumentException().isThrownBy(() -> EntityType.of("2DRUG"));
        assertThatIllegalArgumentException().isThrownBy(() -> EntityType.of(""));
        assertThatIllegalArgumentException().isThrownBy(() -> new EntityType("Disease"));
    }

    @Test
    void should_order_by_name_and_print_the_name() {
        assertThat(EntityType.DISEASE).isLessThan(EntityType.MEDICATION);
        assertThat(EntityType.SYMPTOM).hasToString("SYMPTOM");
    }
}
