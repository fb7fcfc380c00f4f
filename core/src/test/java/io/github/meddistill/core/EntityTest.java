package io.github.meddistill.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityTest {

    private static final String TEXT = "Started metformin for diabetes.";

    @Test
    void should_take_text_from_document_when_created_with_of() {
        Entity entity = Entity.of(TEXT, 8, 17, EntityType.MEDICATION);

        assertThat(entity.text()).isEqualTo("metformin");
        assertThat(entity.length()).isEqualTo(9);
    }

    @Test
    void should_show_the_values_when_span_is_invalid() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Entity(-1, 3, EntityType.DISEASE, "abcd"))
                .withMessage("start must not be negative: start=-1, end=3");
        assertThatIllegalArgumentException().isThrownBy(() -> new Entity(12, 7, EntityType.DISEASE, ""))
                .withMessage("start must be smaller than end: start=12, end=7");
        assertThatIllegalArgumentException().isThrownBy(() -> new Entity(5, 5, EntityType.DISEASE, ""))
                .withMessageContaining("start=5, end=5");
        assertThatIllegalArgumentException().isThrownBy(() -> new Entity(0, 3, EntityType.DISEASE, "ab"))
                .withMessageContaining("text length=2");
    }

    @Test
    void should_reject_spans_outside_the_document_when_created_with_of() {
        assertThatIllegalArgumentException().isThrownBy(() -> Entity.of(TEXT, 22, 99, EntityType.DISEASE))
                .withMessageContaining("end=99, text length=31");
    }

    @Test
    void should_reject_missing_type_or_text() {
        assertThatNullPointerException().isThrownBy(() -> new Entity(0, 1, null, "a"));
        assertThatNullPointerException().isThrownBy(() -> new Entity(0, 1, EntityType.DISEASE, null));
    }

    @Test
    void should_detect_overlap_when_spans_share_a_character() {
        Entity drug = Entity.of(TEXT, 8, 17, EntityType.MEDICATION);

        assertThat(drug.overlaps(Entity.of(TEXT, 16, 21, EntityType.DISEASE))).isTrue();
        assertThat(drug.overlaps(Entity.of(TEXT, 17, 21, EntityType.DISEASE))).isFalse();
    }

    @Test
    void should_sort_by_start_then_longer_first_then_type_when_ordered() {
        Entity longer = Entity.of(TEXT, 8, 21, EntityType.MEDICATION);
        Entity shorterDisease = Entity.of(TEXT, 8, 17, EntityType.DISEASE);
        Entity shorterDrug = Entity.of(TEXT, 8, 17, EntityType.MEDICATION);
        Entity first = Entity.of(TEXT, 0, 7, EntityType.SYMPTOM);
        List<Entity> entities = new ArrayList<>(List.of(shorterDrug, longer, first, shorterDisease));
        Collections.shuffle(entities, new java.util.Random(7));

        Collections.sort(entities);

        assertThat(entities).containsExactly(first, longer, shorterDisease, shorterDrug);
    }
}
