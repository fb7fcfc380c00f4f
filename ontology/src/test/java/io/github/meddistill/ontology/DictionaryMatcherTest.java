package io.github.meddistill.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.ConceptMatch;
import io.github.meddistill.core.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DictionaryMatcherTest {

    private static Term disease(String text, String id) {
        return new Term(text, id, text, EntityType.DISEASE, "TEST");
    }

    private static Term drug(String text, String id) {
        return new Term(text, id, text, EntityType.MEDICATION, "TEST");
    }

    private static List<String> texts(List<ConceptMatch> matches) {
        return matches.stream().map(ConceptMatch::text).toList();
    }

    @Test
    void should_prefer_the_longest_match_when_terms_share_a_prefix() {
        // given
        DictionaryMatcher matcher = DictionaryMatcher.builder().stopList(Set.of())
                .addTerm(disease("diabetes", "D1")).addTerm(disease("diabetes mellitus", "D2"))
                .addTerm(disease("diabetes mellitus type 2", "D3")).build();

        // when
        List<ConceptMatch> matches = matcher.match("History of diabetes mellitus type 1 and diabetes.");

        // then
        assertThat(matches).extracting(ConceptMatch::conceptId).containsExactly("D2", "D1");
        assertThat(matches.get(0).start()).isEqualTo(11);
        assertThat(matches.get(0).end()).isEqualTo(28);
        assertThat(matches.get(0).text()).isEqualTo("diabetes mellitus");
    }

    @Test
    void should_take_the_leftmost_match_and_not_overlap_when_matches_overlap() {
        DictionaryMatcher matcher = DictionaryMatcher.builder().stopList(Set.of())
                .addTerm(disease("heart failure", "A")).addTerm(disease("failure to thrive", "B")).build();

        List<ConceptMatch> matches = matcher.match("heart failure to thrive");

        assertThat(texts(matches)).containsExactly("heart failure");
    }

    @Test
    void should_match_whole_words_only_when_a_term_is_inside_a_longer_word() {
        DictionaryMatcher matcher = DictionaryMatcher.builder().addTerm(drug("aspirin", "1191")).build();

        assertThat(matcher.match("aspirinate and baby-aspirin, aspirin2")).extracting(ConceptMatch::start)
                .containsExactly(20);
    }

    @Test
    void should_match_tokens_of_every_length_when_they_take_different_lookup_paths() {
        // up to 8, 9 to 16 and more than 16 ASCII characters are looked up in different tables
        DictionaryMatcher matcher = DictionaryMatcher.builder().addTerm(disease("gout", "G"))
                .addTerm(disease("hypertension", "H")).addTerm(disease("hepatosplenomegaly", "HS"))
                .addTerm(disease("pseudohypoparathyroidism type 1a", "P")).build();

        List<ConceptMatch> matches = matcher.match("Gout, HYPERTENSION, hepatosplenomegaly and"
                + " Pseudohypoparathyroidism type 1A; hypertensions, hepatosplenomegalyx.");

        assertThat(matches).extracting(ConceptMatch::conceptId).containsExactly("G", "H", "HS", "P");
    }

    @Test
    void should_fold_case_hyphens_and_punctuation_when_matching() {
        DictionaryMatcher matcher = DictionaryMatcher.builder()
                .addTerm(disease("Non-Hodgkin lymphoma", "L")).addTerm(disease("Alzheimer's disease", "AD")).build();

        List<ConceptMatch> matches = matcher.match("NON HODGKIN-LYMPHOMA; non-hodgkin, lymphoma; Alzheimer disease");

        assertThat(texts(matches)).containsExactly("NON HODGKIN-LYMPHOMA", "non-hodgkin, lymphoma", "Alzheimer disease");
        assertThat(matches.get(0).preferredName()).isEqualTo("Non-Hodgkin lymphoma");
    }

    @Test
    void should_apply_nfkc_and_keep_offsets_when_text_has_non_ascii_characters() {
        DictionaryMatcher matcher = DictionaryMatcher.builder().addTerm(drug("ibuprofen", "5640"))
                .addTerm(disease("Ménière disease", "M")).build();
        String text = "Écrit: ｉｂｕｐｒｏｆｅｎ\u00a0400 mg for Me\u0301nie\u0300re disease";

        List<ConceptMatch> matches = matcher.match(text);

        assertThat(texts(matches)).containsExactly("ｉｂｕｐｒｏｆｅｎ", "Me\u0301nie\u0300re disease");
        assertThat(text.substring(matches.get(0).start(), matches.get(0).end())).isEqualTo("ｉｂｕｐｒｏｆｅｎ");
    }

    @Test
    void should_keep_acronyms_case_sensitive_when_configured() {
        DictionaryMatcher.Builder builder = DictionaryMatcher.builder().stopList(Set.of()).minTermLength(2)
                .addTerm(disease("ALL", "leukemia")).addTerm(disease("MS", "sclerosis"));

        DictionaryMatcher sensitive = builder.caseSensitiveAcronyms(4).build();
        DictionaryMatcher insensitive = builder.caseSensitiveAcronyms(0).build();
        String text = "All patients with ALL or MS; ms means milliseconds.";

        assertThat(texts(sensitive.match(text))).containsExactly("ALL", "MS");
        assertThat(texts(insensitive.match(text))).containsExactly("All", "ALL", "MS", "ms");
    }

    @Test
    void should_fall_back_to_a_case_insensitive_entry_when_an_acronym_does_not_apply() {
        DictionaryMatcher matcher = DictionaryMatcher.builder().stopList(Set.of()).caseSensitiveAcronyms(4)
                .addTerm(disease("GAS", "group A strep")).addTerm(drug("gas", "gas")).build();

        assertThat(matcher.match("GAS and gas")).extracting(ConceptMatch::conceptId).containsExactly("group A strep", "gas");
    }

    @Test
    void should_drop_short_and_stop_listed_terms_when_building() {
        DictionaryMatcher matcher = DictionaryMatcher.builder().stopList(Set.of("Today"))
                .addTerm(drug("Xa", "short")).addTerm(drug("today", "today")).addTerm(drug("heparin", "h")).build();

        assertThat(texts(matcher.match("Xa today heparin"))).containsExactly("heparin");
        assertThat(matcher.termCount()).isEqualTo(1);
    }

    @Test
    void should_leave_out_default_stop_list_words_when_no_stop_list_is_given() {
        assertThat(DictionaryMatcher.defaultStopList()).isNotEmpty();
        String word = DictionaryMatcher.defaultStopList().iterator().next();
        DictionaryMatcher matcher = DictionaryMatcher.builder().minTermLength(1).addTerm(drug(word, "x")).build();

        assertThat(matcher.match("and " + word + " again")).isEmpty();
    }

    @Test
    void should_match_plurals_only_when_plural_folding_is_on() {
        DictionaryMatcher.Builder builder = DictionaryMatcher.builder().addTerm(disease("seizure", "S"))
                .addTerm(disease("allergy", "A")).addTerm(disease("abscess", "B"));
        String text = "seizures, allergies and abscesses";

        assertThat(builder.foldPlurals(false).build().match(text)).isEmpty();
        assertThat(texts(builder.foldPlurals(true).build().match(text))).containsExactly("seizures", "allergies", "abscesses");
    }

    @Test
    void should_keep_the_first_entry_when_two_terms_normalise_alike() {
        DictionaryMatcher matcher = DictionaryMatcher.builder().addTerm(disease("Fever", "DOID:1"))
                .addTerm(new Term("fever", "HP:1", "Fever", EntityType.SYMPTOM, "HP")).addTerm(disease("FEVER", "DOID:1"))
                .build();

        List<ConceptMatch> matches = matcher.match("fever");

        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.conceptId()).isEqualTo("DOID:1");
            assertThat(m.type()).isEqualTo(EntityType.DISEASE);
            assertThat(m.source()).isEqualTo("TEST");
        });
        assertThat(matcher.termCount()).isEqualTo(2);
    }

    @Test
    void should_return_no_matches_when_text_is_empty_or_has_no_terms() {
        DictionaryMatcher matcher = DictionaryMatcher.builder().addTerm(drug("heparin", "h")).build();

        assertThat(matcher.match("")).isEmpty();
        assertThat(matcher.match("   --- ...")).isEmpty();
        assertThat(DictionaryMatcher.builder().build().match("heparin")).isEmpty();
    }

    @Test
    void should_find_every_mention_when_the_note_is_100k_characters_long() {
        DictionaryMatcher matcher = DictionaryMatcher.builder().addTerm(drug("metformin", "6809")).build();
        StringBuilder text = new StringBuilder();
        int expected = 0;
        while (text.length() < 100_000) {
            text.append("Patient continues metformin 500 mg daily. ");
            expected++;
        }

        assertThat(matcher.match(text.toString())).hasSize(expected);
    }

    @Test
    void should_give_the_same_matches_when_used_from_many_threads() throws Exception {
        DictionaryMatcher matcher = DictionaryMatcher.builder().addTerm(drug("metformin", "6809"))
                .addTerm(disease("type 2 diabetes", "T2D")).build();
        String text = "Type 2 diabetes on metformin. ".repeat(200);
        List<ConceptMatch> expected = matcher.match(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ConceptMatch>>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                futures.add(pool.submit(() -> matcher.match(text)));
            }
            for (Future<List<ConceptMatch>> future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).hasSize(400);
    }

    @Test
    void should_name_the_bad_option_when_building_with_invalid_options() {
        assertThatThrownBy(() -> DictionaryMatcher.builder().minTermLength(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minTermLength");
        assertThatThrownBy(() -> DictionaryMatcher.builder().caseSensitiveAcronyms(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("caseSensitiveAcronyms");
    }
}
