package io.github.meddistill.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AbbreviationFinderTest {

    private final AbbreviationFinder finder = new AbbreviationFinder();

    @Test
    void should_find_the_shortest_long_form_whose_words_spell_the_short_form_when_defined_in_brackets() {
        String text = "Patients with familial adenomatous polyposis (FAP) develop polyps.";

        List<Abbreviation> found = finder.find(text);

        assertThat(found).hasSize(1);
        Abbreviation fap = found.get(0);
        assertThat(fap.shortForm()).isEqualTo("FAP");
        assertThat(text.substring(fap.longStart(), fap.longEnd())).isEqualTo("familial adenomatous polyposis");
        assertThat(text.substring(fap.shortStart(), fap.shortEnd())).isEqualTo("FAP");
    }

    @Test
    void should_match_letters_inside_words_and_hyphenated_short_forms_when_the_first_letter_starts_a_word() {
        String text = "ataxia-telangiectasia (A-T) and Wilson disease (WD) and 5-fluorouracil (5-FU).";

        assertThat(finder.find(text)).extracting(Abbreviation::shortForm).containsExactly("A-T", "WD", "5-FU");
        assertThat(finder.find(text)).extracting(a -> text.substring(a.longStart(), a.longEnd()))
                .containsExactly("ataxia-telangiectasia", "Wilson disease", "5-fluorouracil");
    }

    @Test
    void should_say_a_short_form_abbreviates_a_phrase_only_when_its_letters_spell_it_from_the_first_word() {
        assertThat(AbbreviationFinder.abbreviates("PDS", "Pendred syndrome")).isTrue();
        assertThat(AbbreviationFinder.abbreviates("DMD", "Duchenne muscular dystrophy")).isTrue();
        // the first letter must start the first word, every letter must be there, and a phrase is no short form
        assertThat(AbbreviationFinder.abbreviates("PDS", "severe Pendred syndrome")).isFalse();
        assertThat(AbbreviationFinder.abbreviates("PDX", "Pendred syndrome")).isFalse();
        assertThat(AbbreviationFinder.abbreviates("Pendred syndrome", "Pendred syndrome type 1")).isFalse();
    }

    @Test
    void should_keep_the_part_before_a_comma_or_semicolon_when_the_brackets_say_more() {
        String text = "adenomatous polyposis coli (APC; reviewed in 3) is a gene.";

        assertThat(finder.find(text)).extracting(Abbreviation::shortForm).containsExactly("APC");
    }

    @Test
    void should_find_nothing_when_brackets_hold_numbers_long_phrases_or_letters_that_do_not_match() {
        String text = "blood pressure (120/80) was high (see the discussion below) and the gene (XYZ) failed. (";

        assertThat(finder.find(text)).isEmpty();
    }

    @Test
    void should_stay_within_the_clause_when_the_long_form_would_cross_a_sentence() {
        String text = "Take it daily. Myocardial infarction (MI) followed.";

        assertThat(finder.find(text)).singleElement()
                .satisfies(mi -> assertThat(text.substring(mi.longStart(), mi.longEnd()))
                        .isEqualTo("Myocardial infarction"));
    }

    @Test
    void should_use_the_innermost_brackets_when_brackets_nest() {
        String text = "(in chronic kidney disease (CKD))";

        assertThat(finder.find(text)).extracting(Abbreviation::shortForm).containsExactly("CKD");
    }
}
