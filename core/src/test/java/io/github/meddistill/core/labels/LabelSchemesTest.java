package io.github.meddistill.core.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class LabelSchemesTest {

    @Test
    void should_find_scheme_by_saved_name_when_case_differs() {
        assertThat(LabelSchemes.forName("bio")).isSameAs(LabelSchemes.BIO);
        assertThat(LabelSchemes.forName("IOB2")).isSameAs(LabelSchemes.BIO);
        assertThat(LabelSchemes.forName(" BILOU ")).isSameAs(LabelSchemes.BILOU);
        for (LabelScheme scheme : LabelSchemes.all()) {
            assertThat(LabelSchemes.forName(scheme.name())).isSameAs(scheme);
        }
    }

    @Test
    void should_list_known_names_when_name_is_unknown() {
        assertThatIllegalArgumentException().isThrownBy(() -> LabelSchemes.forName("BIOES"))
                .withMessageContaining("BIOES").withMessageContaining("BILOU");
    }
}
