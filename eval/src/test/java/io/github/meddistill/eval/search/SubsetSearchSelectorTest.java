package io.github.meddistill.eval.search;

import static io.github.meddistill.core.EntityType.DISEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.pipeline.CombinationPlan;
import io.github.meddistill.core.pipeline.TypeCombination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubsetSearchSelectorTest {

    @Test
    void should_choose_the_best_subset_per_type_and_apply_it_like_the_search_scored_it() {
        Document note = new Document("d", "fever and cough and rash");
        Entity fever = Entity.of(note.text(), 0, 5, DISEASE);
        Entity cough = Entity.of(note.text(), 10, 15, DISEASE);
        Entity and = Entity.of(note.text(), 6, 9, DISEASE);
        List<Annotation> gold = List.of(new Annotation(note, List.of(fever, cough), "gold"));
        Map<String, List<Annotation>> teachers = new LinkedHashMap<>();
        teachers.put("a", List.of(new Annotation(note, List.of(fever, and), "a")));
        teachers.put("b", List.of(new Annotation(note, List.of(cough, and), "b")));
        teachers.put("c", List.of(new Annotation(note, List.of(fever, cough), "c")));

        CombinationPlan plan = new SubsetSearchSelector().select(teachers, gold, Set.of(DISEASE));

        TypeCombination choice = plan.byType().get(DISEASE);
        assertThat(choice.describe()).isEqualTo("union(c)");
        assertThat(choice.devF1()).hasValue(1.0);
        assertThat(plan.apply(teachers, "teacher").get(0).entities()).containsExactly(fever, cough);
    }

    @Test
    void should_explain_when_there_is_no_gold_dev_set() {
        assertThatThrownBy(() -> new SubsetSearchSelector().select(Map.of(), List.of(), Set.of(DISEASE)))
                .hasMessageContaining("needs gold-labelled dev documents");
    }
}
