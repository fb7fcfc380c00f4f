package io.github.meddistill.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SaltFormsTest {

    private static Term drug(String text) {
        return new Term(text, text, text, EntityType.MEDICATION, "DRUGSATFDA");
    }

    @Test
    void should_add_the_base_name_when_a_term_ends_in_salt_words() {
        List<Term> terms = SaltForms.withBaseNames(List.of(drug("METFORMIN HYDROCHLORIDE"), drug("lithium carbonate"),
                drug("ESTRADIOL"), drug("DOXYCYCLINE HYCLATE MONOHYDRATE"), drug("SODIUM CHLORIDE"), drug("KCL HCL")));

        assertThat(terms).extracting(Term::text).containsExactly("METFORMIN HYDROCHLORIDE", "lithium carbonate",
                "ESTRADIOL", "DOXYCYCLINE HYCLATE MONOHYDRATE", "SODIUM CHLORIDE", "KCL HCL", "METFORMIN", "lithium",
                "DOXYCYCLINE", "SODIUM");
        assertThat(terms.get(6)).isEqualTo(new Term("METFORMIN", "METFORMIN HYDROCHLORIDE", "METFORMIN HYDROCHLORIDE",
                EntityType.MEDICATION, "DRUGSATFDA"));
    }

    @Test
    void should_return_the_terms_unchanged_when_none_is_a_salt() {
        List<Term> terms = List.of(drug("aspirin"), drug("heparin"));

        assertThat(SaltForms.withBaseNames(terms)).isEqualTo(terms);
    }
}
