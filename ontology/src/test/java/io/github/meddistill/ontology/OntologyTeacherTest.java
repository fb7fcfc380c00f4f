package io.github.meddistill.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.ConceptMatch;
import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class OntologyTeacherTest {

    private final DictionaryMatcher diseases = DictionaryMatcher.builder()
            .addTerm(new Term("heart failure", "D1", "Heart failure", EntityType.DISEASE, "DOID"))
            .addTerm(new Term("fever", "D2", "Fever", EntityType.DISEASE, "DOID")).build();
    private final DictionaryMatcher symptoms = DictionaryMatcher.builder()
            .addTerm(new Term("congestive heart failure", "S1", "CHF", EntityType.SYMPTOM, "HP"))
            .addTerm(new Term("fever", "S2", "Fever", EntityType.SYMPTOM, "HP"))
            .addTerm(new Term("cough", "S3", "Cough", EntityType.SYMPTOM, "HP")).build();
    private final Document note = new Document("n1", "Congestive heart failure with fever and cough.");

    @Test
    void should_describe_another_configuration_when_a_term_policy_or_type_changes() {
        String base = OntologyTeacher.builder("t").addMatcher(diseases).build().configuration();
        DictionaryMatcher rebuilt = DictionaryMatcher.builder()
                .addTerm(new Term("heart failure", "D1", "Heart failure", EntityType.DISEASE, "DOID"))
                .addTerm(new Term("fever", "D2", "Fever", EntityType.DISEASE, "DOID")).build();
        DictionaryMatcher oneMore = DictionaryMatcher.builder()
                .addTerm(new Term("heart failure", "D1", "Heart failure", EntityType.DISEASE, "DOID"))
                .addTerm(new Term("fever", "D2", "Fever", EntityType.DISEASE, "DOID"))
                .addTerm(new Term("gout", "D3", "Gout", EntityType.DISEASE, "DOID")).build();

        assertThat(OntologyTeacher.builder("t").addMatcher(rebuilt).build().configuration()).isEqualTo(base);
        assertThat(List.of(
                OntologyTeacher.builder("t").addMatcher(oneMore).build().configuration(),
                OntologyTeacher.builder("t").addMatcher(diseases).addMatcher(symptoms).build().configuration(),
                OntologyTeacher.builder("t").addMatcher(diseases).matcherPrecedence(MatcherPrecedence.LONGEST_THEN_PRIORITY)
                        .build().configuration(),
                OntologyTeacher.builder("t").addMatcher(diseases).addType(EntityType.DISEASE).build()
                        .configuration()))
                .doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void should_let_the_first_matcher_win_when_policy_is_priority() {
        OntologyTeacher teacher = OntologyTeacher.builder("doid+hpo").addMatcher(diseases).addMatcher(symptoms).build();

        Annotation annotation = teacher.annotate(note);

        assertThat(annotation.source()).isEqualTo("doid+hpo");
        assertThat(annotation.entities()).extracting(Entity::text, Entity::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("heart failure", EntityType.DISEASE),
                org.assertj.core.groups.Tuple.tuple("fever", EntityType.DISEASE),
                org.assertj.core.groups.Tuple.tuple("cough", EntityType.SYMPTOM));
    }

    @Test
    void should_let_the_longest_match_win_when_policy_is_longest_then_priority() {
        OntologyTeacher teacher = OntologyTeacher.builder("t").addMatcher(diseases).addMatcher(symptoms)
                .matcherPrecedence(MatcherPrecedence.LONGEST_THEN_PRIORITY).build();

        assertThat(teacher.matches(note.text())).extracting(ConceptMatch::conceptId).containsExactly("S1", "D2", "S3");
    }

    @Test
    void should_keep_only_chosen_types_when_types_are_given() {
        OntologyTeacher teacher = OntologyTeacher.builder("t").addMatcher(diseases).addMatcher(symptoms)
                .addType(EntityType.SYMPTOM).build();

        assertThat(teacher.annotate(note).entities()).extracting(Entity::text)
                .containsExactly("Congestive heart failure", "fever", "cough");
    }

    @Test
    void should_name_the_missing_part_when_built_without_matchers_or_name() {
        assertThatThrownBy(() -> OntologyTeacher.builder("t").build()).hasMessageContaining("matchers");
        assertThatThrownBy(() -> OntologyTeacher.builder(" ").addMatcher(diseases).build()).hasMessageContaining("name");
    }
}
