package io.github.meddistill.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.LinkedConcept;
import io.github.meddistill.core.LinkedConcept.LinkMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptLinkerExamplesTest {

    private static final EntityType DISEASE = EntityType.of("DISEASE");
    private static final EntityType MEDICATION = EntityType.of("MEDICATION");
    private static final List<Term> TERMS = List.of(
            new Term("breast cancer", "DOID:1612", "breast cancer", DISEASE, "DOID", List.of("MESH:D001943")),
            new Term("breast carcinoma", "DOID:3459", "breast carcinoma", DISEASE, "DOID", List.of()),
            new Term("Wilson disease", "DOID:893", "Wilson disease", DISEASE, "DOID", List.of("OMIM:277900")),
            new Term("aspirin", "1191", "aspirin", MEDICATION, "RXNORM"));

    private static ConceptLinker.Builder linker() {
        return ConceptLinker.builder().addTerms(TERMS);
    }

    @Test
    void should_link_an_example_text_through_its_cross_reference_when_the_lexicon_lacks_the_name() {
        // given: no loaded name is near "inherited mammary tumours"
        assertThat(linker().build().link("inherited mammary tumours")).isEmpty();
        ConceptLinker linker = linker().addExample(new LinkExample("Inherited mammary tumour", "MESH:D001943")).build();
        // when
        List<LinkedConcept> concepts = linker.link("inherited mammary tumours");
        // then
        assertThat(concepts).extracting(LinkedConcept::conceptId).containsExactly("DOID:1612");
        assertThat(concepts.get(0).method()).isEqualTo(LinkMethod.EXAMPLE);
        assertThat(concepts.get(0).score()).isEqualTo(1.0);
    }

    @Test
    void should_prefer_the_example_over_an_equal_lexicon_name_when_a_coder_chose_another_concept() {
        ConceptLinker linker = linker().addExample(new LinkExample("breast carcinoma", "DOID:1612")).build();
        assertThat(linker.link("Breast carcinomas").get(0).conceptId()).isEqualTo("DOID:1612");
        assertThat(linker().build().link("Breast carcinomas").get(0).conceptId()).isEqualTo("DOID:3459");
    }

    @Test
    void should_keep_the_code_given_most_often_when_the_examples_of_one_text_disagree() {
        ConceptLinker linker = linker()
                .addExample(new LinkExample("BC", "DOID:3459"))
                .addExample(new LinkExample("BC", "MESH:D001943"))
                .addExample(new LinkExample("bc", "DOID:1612"))
                .build();
        // DOID:1612 is named twice (once by its id, once by its MeSH xref), DOID:3459 once
        assertThat(linker.link("BC")).extracting(LinkedConcept::conceptId).containsExactly("DOID:1612");
    }

    @Test
    void should_keep_every_most_frequent_code_when_the_examples_of_one_text_tie() {
        ConceptLinker linker = linker()
                .addExample(new LinkExample("breast and liver disease", "DOID:1612"))
                .addExample(new LinkExample("breast and liver disease", "OMIM:277900"))
                .build();
        assertThat(linker.link("breast and liver disease")).extracting(LinkedConcept::conceptId)
                .containsExactlyInAnyOrder("DOID:1612", "DOID:893");
    }

    @Test
    void should_resolve_a_source_prefixed_id_when_the_source_writes_bare_ids() {
        ConceptLinker linker = linker().addExample(new LinkExample("ASA", "RXNORM:1191")).build();
        assertThat(linker.link("ASA")).extracting(LinkedConcept::conceptId).containsExactly("1191");
        assertThat(linker.resolvedExampleCount()).isEqualTo(1);
    }

    @Test
    void should_count_and_drop_the_examples_whose_code_names_no_loaded_concept() {
        ConceptLinker linker = linker()
                .addExample(new LinkExample("WD", "OMIM:277900"))
                .addExample(new LinkExample("Hepatic copper storage", "MESH:D999999"))
                .build();
        assertThat(linker.exampleCount()).isEqualTo(2);
        assertThat(linker.resolvedExampleCount()).isEqualTo(1);
        assertThat(linker.link("Hepatic copper storage")).isEmpty();
        assertThat(linker.link("WD")).extracting(LinkedConcept::conceptId).containsExactly("DOID:893");
    }

    @Test
    void should_fail_naming_the_first_code_when_no_example_names_a_loaded_concept() {
        ConceptLinker.Builder builder = linker().addExample(new LinkExample("WD", "OMIM:000000"));
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none of the 1 link examples")
                .hasMessageContaining("'OMIM:000000'");
    }

    @Test
    void should_match_an_example_text_by_similarity_when_the_mention_is_misspelt() {
        ConceptLinker linker = linker().addExample(new LinkExample("hereditary mammary tumour", "DOID:1612")).build();
        LinkedConcept concept = linker.link("hereditary mamary tumour").get(0);
        assertThat(concept.conceptId()).isEqualTo("DOID:1612");
        assertThat(concept.method()).isEqualTo(LinkMethod.SIMILARITY);
    }

    @Test
    void should_link_only_among_the_mentions_type_first_when_an_example_names_concepts_of_two_types() {
        ConceptLinker linker = linker()
                .addExample(new LinkExample("AS", "DOID:1612"))
                .addExample(new LinkExample("AS", "RXNORM:1191"))
                .build();
        String note = "AS was given.";
        assertThat(linker.link(note, Entity.of(note, 0, 2, MEDICATION)))
                .extracting(LinkedConcept::conceptId).containsExactly("1191");
    }
}
