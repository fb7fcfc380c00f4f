package io.github.meddistill.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.LinkedConcept;
import io.github.meddistill.core.LinkedConcept.LinkMethod;
import io.github.meddistill.ontology.loaders.OboLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptLinkerTest {

    private static final EntityType DISEASE = EntityType.of("DISEASE");
    private static final EntityType SYMPTOM = EntityType.of("SYMPTOM");

    private static final ConceptLinker LINKER = ConceptLinker.builder()
            .addTerm(new Term("Wilson disease", "DOID:893", "Wilson disease", DISEASE, "DOID",
                    List.of("MESH:D006527", "OMIM:277900")))
            .addTerm(new Term("hepatolenticular degeneration", "DOID:893", "Wilson disease", DISEASE, "DOID",
                    List.of("MESH:D006527", "OMIM:277900")))
            .addTerm(new Term("Crohn's disease", "DOID:8778", "Crohn's disease", DISEASE, "DOID", List.of("MESH:D003424")))
            .addTerm(new Term("breast cancer", "DOID:1612", "breast cancer", DISEASE, "DOID", List.of("MESH:D001943")))
            .addTerm(new Term("breast carcinoma", "DOID:3459", "breast carcinoma", DISEASE, "DOID", List.of()))
            .addTerm(new Term("Headache", "HP:0002315", "Headache", SYMPTOM, "HP"))
            .build();

    @Test
    void should_link_exactly_when_the_text_differs_only_by_case_plural_and_possessive() {
        // when
        List<LinkedConcept> concepts = LINKER.link("CROHN DISEASES");
        // then
        assertThat(concepts).hasSize(1);
        assertThat(concepts.get(0).conceptId()).isEqualTo("DOID:8778");
        assertThat(concepts.get(0).method()).isEqualTo(LinkMethod.EXACT);
        assertThat(concepts.get(0).score()).isEqualTo(1.0);
        assertThat(concepts.get(0).xrefs()).containsExactly("MESH:D003424");
    }

    @Test
    void should_expand_the_abbreviation_when_the_note_defines_it() {
        String note = "Mutations cause Wilson disease (WD). WD is rare.";
        int at = note.lastIndexOf("WD");
        Entity wd = Entity.of(note, at, at + 2, DISEASE);
        List<LinkedConcept> concepts = LINKER.link(note, wd);
        assertThat(concepts).extracting(LinkedConcept::conceptId).containsExactly("DOID:893");
        assertThat(concepts.get(0).method()).isEqualTo(LinkMethod.ABBREVIATION);
        assertThat(concepts.get(0).score()).isEqualTo(0.99);
    }

    @Test
    void should_find_nothing_for_an_abbreviation_when_the_note_does_not_define_it() {
        String note = "WD is rare.";
        assertThat(LINKER.link(note, Entity.of(note, 0, 2, DISEASE))).isEmpty();
    }

    @Test
    void should_rank_by_similarity_when_no_name_matches_exactly() {
        List<LinkedConcept> concepts = LINKER.link("breast cancers of the left side");
        assertThat(concepts).isNotEmpty();
        assertThat(concepts).allMatch(c -> c.method() == LinkMethod.SIMILARITY && c.score() < 1.0);
        assertThat(LINKER.link("carcinoma of breast")).first().extracting(LinkedConcept::conceptId).isEqualTo("DOID:3459");
        assertThat(LINKER.link("hypertension")).isEmpty();
        List<LinkedConcept> typo = LINKER.link("brest cancer");
        assertThat(typo.get(0).conceptId()).isEqualTo("DOID:1612");
        assertThat(typo.get(0).score()).isBetween(0.6, 0.99);
    }

    @Test
    void should_give_one_concept_once_when_several_of_its_names_match() {
        List<LinkedConcept> concepts = LINKER.link("Wilson's disease");
        assertThat(concepts).extracting(LinkedConcept::conceptId).containsExactly("DOID:893");
    }

    @Test
    void should_fill_in_concepts_when_applied_to_entities() {
        String note = "Headache and breast cancer.";
        List<Entity> linked = LINKER.apply(note, List.of(Entity.of(note, 0, 8, SYMPTOM), Entity.of(note, 13, 26, DISEASE)));
        assertThat(linked).extracting(e -> e.concepts().get(0).conceptId()).containsExactly("HP:0002315", "DOID:1612");
    }

    @Test
    void should_reject_the_entity_when_its_text_is_not_in_the_note() {
        Entity foreign = new Entity(0, 8, SYMPTOM, "Headache");
        assertThatThrownBy(() -> LINKER.apply("No pain today.", List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entity is not in the note")
                .hasMessageContaining("'Headache'");
    }

    @Test
    void should_say_a_lexicon_is_needed_when_built_without_terms() {
        assertThatThrownBy(() -> ConceptLinker.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a lexicon");
    }

    @Test
    void should_name_the_option_when_min_score_is_out_of_range() {
        assertThatThrownBy(() -> ConceptLinker.builder().addTerms(List.of(new Term("a b", "X:1", "a b", DISEASE, "X")))
                .minScore(0).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minScore=0.0");
    }

    @Test
    void should_keep_xrefs_when_an_obo_file_has_them(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path obo = dir.resolve("mini.obo");
        java.nio.file.Files.writeString(obo, "format-version: 1.2\n\n[Term]\nid: DOID:893\nname: Wilson disease\n"
                + "xref: MESH:D006527\nxref: UMLS_CUI:C0019202 {source=x}\nsynonym: \"WD\" EXACT []\n");
        List<Term> terms = OboLoader.builder(DISEASE).build().load(obo);
        assertThat(terms).allSatisfy(t -> assertThat(t.xrefs()).containsExactly("MESH:D006527", "UMLS_CUI:C0019202"));
    }

    @Test
    void should_give_broader_codes_from_the_obo_is_a_parents_when_the_concept_has_none_of_that_vocabulary(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        // given DOID-like stanzas: a syndrome with an OMIM id only, under a disease with a MeSH id
        java.nio.file.Path obo = dir.resolve("mini.obo");
        java.nio.file.Files.writeString(obo, "format-version: 1.2\n\n[Term]\nid: DOID:11724\n"
                + "name: Emery-Dreifuss muscular dystrophy\nxref: MESH:D020389\n\n[Term]\nid: DOID:0110620\n"
                + "name: X-linked Emery-Dreifuss muscular dystrophy 1\nxref: OMIM:310300\n"
                + "is_a: DOID:11724 ! Emery-Dreifuss muscular dystrophy\n");
        List<Term> terms = OboLoader.builder(DISEASE).build().load(obo);
        assertThat(terms).filteredOn(t -> t.conceptId().equals("DOID:0110620"))
                .singleElement().extracting(Term::parents).asList().containsExactly("DOID:11724");

        // when
        List<LinkedConcept> concepts = ConceptLinker.builder().addTerms(terms).build()
                .link("X-linked Emery-Dreifuss muscular dystrophy 1");

        // then its own OMIM id stays in xrefs, the parent's MeSH id comes as a broader code
        assertThat(concepts.get(0).xrefs()).containsExactly("OMIM:310300");
        assertThat(concepts.get(0).broaderXrefs()).containsExactly("MESH:D020389");
    }

    @Test
    void should_take_each_vocabulary_from_the_nearest_ancestors_that_have_it_when_walking_up_the_hierarchy() {
        // given root (MESH, UMLS) <- middle (OMIM, and MESH twice at the level of two parents) <- leaf (no xrefs)
        ConceptLinker linker = ConceptLinker.builder()
                .addTerm(new Term("root disease", "X:1", "root disease", DISEASE, "X",
                        List.of("MESH:D1", "UMLS_CUI:C1"), List.of()))
                .addTerm(new Term("left disease", "X:2", "left disease", DISEASE, "X",
                        List.of("OMIM:2", "MESH:D2"), List.of("X:1")))
                .addTerm(new Term("right disease", "X:3", "right disease", DISEASE, "X",
                        List.of("MESH:D3"), List.of("X:1", "X:9")))
                .addTerm(new Term("leaf disease", "X:4", "leaf disease", DISEASE, "X", List.of(),
                        List.of("X:2", "X:3")))
                .addTerm(new Term("loop one", "Y:1", "loop one", DISEASE, "Y", List.of(), List.of("Y:2")))
                .addTerm(new Term("loop two", "Y:2", "loop two", DISEASE, "Y", List.of(), List.of("Y:1")))
                .build();

        // then both parents' MeSH ids, the nearer OMIM id, and UMLS from the grandparent; nothing for the root
        assertThat(linker.link("leaf disease").get(0).broaderXrefs())
                .containsExactly("OMIM:2", "MESH:D2", "MESH:D3", "UMLS_CUI:C1");
        assertThat(linker.link("left disease").get(0).broaderXrefs()).containsExactly("UMLS_CUI:C1");
        assertThat(linker.link("root disease").get(0).broaderXrefs()).isEmpty();
        // and a cycle without xrefs ends with none (an unknown parent such as X:9 is skipped)
        assertThat(linker.link("loop one").get(0).broaderXrefs()).isEmpty();
    }

    @Test
    void should_link_a_disease_mention_to_a_disease_concept_before_an_exact_symptom_name_when_type_aware() {
        // given "tumour" is exactly an HPO name and, by similarity, a DOID one
        ConceptLinker linker = ConceptLinker.builder()
                .addTerm(new Term("tumour", "HP:0002664", "Neoplasm", SYMPTOM, "HP"))
                .addTerm(new Term("benign tumour", "DOID:0060072", "benign neoplasm", DISEASE, "DOID"))
                .build();
        String note = "A tumour was found.";
        Entity disease = Entity.of(note, 2, 8, DISEASE);
        Entity symptom = Entity.of(note, 2, 8, SYMPTOM);

        // when / then a DISEASE mention goes to the disease concept, a SYMPTOM one to the exact symptom name
        assertThat(linker.link(note, disease)).first().extracting(LinkedConcept::conceptId).isEqualTo("DOID:0060072");
        assertThat(linker.link(note, symptom)).first().extracting(LinkedConcept::conceptId).isEqualTo("HP:0002664");
        // and without a type, or with typeAware(false), the exact name wins
        assertThat(linker.link("tumour")).first().extracting(LinkedConcept::conceptId).isEqualTo("HP:0002664");
        ConceptLinker plain = ConceptLinker.builder().typeAware(false)
                .addTerm(new Term("tumour", "HP:0002664", "Neoplasm", SYMPTOM, "HP"))
                .addTerm(new Term("benign tumour", "DOID:0060072", "benign neoplasm", DISEASE, "DOID")).build();
        assertThat(plain.link(note, disease)).first().extracting(LinkedConcept::conceptId).isEqualTo("HP:0002664");
    }

    @Test
    void should_fall_back_to_every_concept_when_none_of_the_mention_type_matches() {
        // given only a symptom name
        ConceptLinker linker = ConceptLinker.builder()
                .addTerm(new Term("headache", "HP:0002315", "Headache", SYMPTOM, "HP"))
                .addTerm(new Term("asthma", "DOID:2841", "asthma", DISEASE, "DOID")).build();
        String note = "Headache today.";

        // when
        List<LinkedConcept> linked = linker.link(note, Entity.of(note, 0, 8, DISEASE));

        // then
        assertThat(linked).extracting(LinkedConcept::conceptId).containsExactly("HP:0002315");
    }

    private static final ConceptLinker VARIANTS = ConceptLinker.builder()
            .addTerm(new Term("cancer", "DOID:162", "cancer", DISEASE, "DOID"))
            .addTerm(new Term("breast cancer", "DOID:1612", "breast cancer", DISEASE, "DOID"))
            .addTerm(new Term("ovarian cancer", "DOID:2394", "ovarian cancer", DISEASE, "DOID"))
            .addTerm(new Term("genetic disease", "DOID:630", "genetic disease", DISEASE, "DOID"))
            .addTerm(new Term("anemia", "DOID:2355", "anemia", DISEASE, "DOID"))
            .addTerm(new Term("myotonic dystrophy type 2", "DOID:0050759", "myotonic dystrophy type 2", DISEASE,
                    "DOID"))
            .addTerm(new Term("myotonic dystrophy type 1", "DOID:11722", "myotonic dystrophy type 1", DISEASE, "DOID"))
            .addTerm(new Term("Steinert disease", "DOID:11722", "myotonic dystrophy type 1", DISEASE, "DOID"))
            .addTerm(new Term("glucose-6-phosphate dehydrogenase deficiency", "DOID:2862", "G6PD deficiency",
                    DISEASE, "DOID"))
            .addTerm(new Term("Pendred syndrome", "DOID:0050573", "Pendred syndrome", DISEASE, "DOID"))
            .addTerm(new Term("Duchenne muscular dystrophy", "DOID:11723", "Duchenne muscular dystrophy", DISEASE,
                    "DOID"))
            .addTerm(new Term("Becker muscular dystrophy", "DOID:11248", "Becker muscular dystrophy", DISEASE, "DOID"))
            .build();

    @Test
    void should_link_through_an_equivalent_word_or_american_spelling_when_the_mention_has_no_exact_name() {
        // when: a word that DOID names otherwise, a British spelling, both
        LinkedConcept tumor = VARIANTS.link("tumors").get(0);
        LinkedConcept disorder = VARIANTS.link("genetic disorder").get(0);
        LinkedConcept anaemia = VARIANTS.link("anaemia").get(0);
        LinkedConcept tumour = VARIANTS.link("breast tumour").get(0);
        // then
        assertThat(List.of(tumor, disorder, anaemia, tumour)).extracting(LinkedConcept::conceptId)
                .containsExactly("DOID:162", "DOID:630", "DOID:2355", "DOID:1612");
        assertThat(tumor.method()).isEqualTo(LinkMethod.VARIANT);
        assertThat(tumor.score()).isEqualTo(0.95);
        assertThat(VARIANTS.link("cancer").get(0).method()).isEqualTo(LinkMethod.EXACT);
    }

    @Test
    void should_link_the_first_conjunct_when_the_mention_coordinates_two_diseases() {
        assertThat(VARIANTS.link("breast and ovarian cancers")).first().extracting(LinkedConcept::conceptId)
                .isEqualTo("DOID:1612");
        assertThat(VARIANTS.link("breast and/or ovarian cancer").get(0).method()).isEqualTo(LinkMethod.VARIANT);
    }

    @Test
    void should_give_the_left_conjunct_the_whole_shared_head_when_the_head_has_several_words() {
        assertThat(VARIANTS.link("Duchenne and Becker muscular dystrophy")).first()
                .extracting(LinkedConcept::conceptId).isEqualTo("DOID:11723");
    }

    @Test
    void should_link_an_undefined_short_form_as_the_mention_it_abbreviates_when_the_note_has_one() {
        // given: the note uses PDS (the gene) without defining it, and mentions Pendred syndrome
        String note = "PDS mutations cause Pendred syndrome and deafness.";
        int longAt = note.indexOf("Pendred");
        Entity pds = Entity.of(note, 0, 3, DISEASE);
        List<Entity> mentions = List.of(pds, Entity.of(note, longAt, longAt + "Pendred syndrome".length(), DISEASE));
        // when
        List<Entity> linked = VARIANTS.apply(note, mentions);
        // then
        LinkedConcept concept = linked.get(0).concepts().get(0);
        assertThat(concept.conceptId()).isEqualTo("DOID:0050573");
        assertThat(concept.method()).isEqualTo(LinkMethod.ABBREVIATION);
        // and alone, nothing in the note says what PDS stands for
        assertThat(VARIANTS.apply(note, List.of(pds)).get(0).concepts()).isEmpty();
    }

    @Test
    void should_not_try_equivalent_words_when_the_builder_is_given_no_groups() {
        ConceptLinker plain = ConceptLinker.builder().addTerm(new Term("cancer", "DOID:162", "cancer", DISEASE, "DOID"))
                .equivalentWords(List.of()).build();
        assertThat(plain.link("tumor")).isEmpty();
    }

    @Test
    void should_take_a_parenthesised_mention_as_the_short_form_when_its_letters_are_in_another_order() {
        // given: "DM" stands for "myotonic dystrophy", letters reversed, which the letter-matching finder misses
        String note = "The gene for myotonic dystrophy (DM) maps to 19q. DM is dominant.";
        int longAt = note.indexOf("myotonic");
        int shortAt = note.lastIndexOf("DM");
        List<Entity> mentions = List.of(Entity.of(note, longAt, longAt + "myotonic dystrophy".length(), DISEASE),
                Entity.of(note, note.indexOf("DM"), note.indexOf("DM") + 2, DISEASE),
                Entity.of(note, shortAt, shortAt + 2, DISEASE));
        // when
        List<Entity> linked = VARIANTS.apply(note, mentions);
        // then: both uses of DM link as the long form does
        assertThat(linked).allSatisfy(entity -> assertThat(entity.concepts()).isNotEmpty());
        assertThat(linked.get(2).concepts().get(0).method()).isEqualTo(LinkMethod.ABBREVIATION);
        assertThat(linked.get(2).concepts().get(0).conceptId())
                .isEqualTo(linked.get(0).concepts().get(0).conceptId());
        // and without the long-form mention nothing defines DM
        assertThat(VARIANTS.apply(note, mentions.subList(2, 3)).get(0).concepts()).isEmpty();
    }

    @Test
    void should_write_out_a_defined_short_form_inside_the_mention_when_the_note_defines_it() {
        String note = "Glucose-6-phosphate dehydrogenase (G6PD) is an enzyme; G6PD deficiency is common.";
        int at = note.indexOf("G6PD deficiency");
        LinkedConcept concept = VARIANTS.link(note, Entity.of(note, at, at + "G6PD deficiency".length(), DISEASE))
                .get(0);
        assertThat(concept.conceptId()).isEqualTo("DOID:2862");
        assertThat(concept.method()).isEqualTo(LinkMethod.ABBREVIATION);
    }

    @Test
    void should_prefer_the_concept_with_more_names_when_two_score_the_same() {
        // "myotonic dystrophy" is as similar to type 1 as to type 2; type 1 has two names, type 2 one
        List<LinkedConcept> concepts = VARIANTS.link("myotonic dystrophy");
        assertThat(concepts.get(0).score()).isEqualTo(concepts.get(1).score());
        assertThat(concepts.get(0).conceptId()).isEqualTo("DOID:11722");
    }
}
