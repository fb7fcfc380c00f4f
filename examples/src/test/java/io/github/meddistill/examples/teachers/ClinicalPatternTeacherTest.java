package io.github.meddistill.examples.teachers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.meddistill.core.Document;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClinicalPatternTeacherTest {

    private final ClinicalPatternTeacher teacher =
            new ClinicalPatternTeacher("patterns", Set.of(EntityType.MEDICATION, EntityType.DISEASE));

    private java.util.List<String> labelled(String text) {
        return teacher.annotate(new Document("d", text)).entities().stream()
                .map(e -> e.type() + ":" + e.text()).toList();
    }

    @Test
    void should_describe_the_same_configuration_when_only_the_name_differs_and_another_when_types_differ() {
        ClinicalPatternTeacher renamed = new ClinicalPatternTeacher("rules", Set.of(EntityType.DISEASE, EntityType.MEDICATION));
        ClinicalPatternTeacher diseasesOnly = new ClinicalPatternTeacher("patterns", Set.of(EntityType.DISEASE));

        assertThat(renamed.configuration()).isEqualTo(teacher.configuration()).contains("statin");
        assertThat(diseasesOnly.configuration()).isNotEqualTo(teacher.configuration());
    }

    @Test
    void should_label_drug_stems_as_medication_when_words_carry_them() {
        assertThat(labelled("Started lisinopril and atorvastatin; stopped metoprolol."))
                .containsExactly("MEDICATION:lisinopril", "MEDICATION:atorvastatin", "MEDICATION:metoprolol");
    }

    @Test
    void should_label_head_noun_phrases_with_their_modifiers_when_a_disease_head_follows() {
        assertThat(labelled("Patients with Duchenne muscular dystrophy and Wiskott-Aldrich syndrome."))
                .containsExactly("DISEASE:Duchenne muscular dystrophy", "DISEASE:Wiskott-Aldrich syndrome");
    }

    @Test
    void should_label_pathology_suffixes_but_not_common_words_when_they_end_alike() {
        assertThat(labelled("Diagnosis of hepatitis and nephropathy; the prognosis is good."))
                .containsExactly("DISEASE:hepatitis", "DISEASE:nephropathy");
    }

    @Test
    void should_label_only_requested_types_when_configured_for_one() {
        ClinicalPatternTeacher drugsOnly = new ClinicalPatternTeacher("drugs", Set.of(EntityType.MEDICATION));
        assertThat(drugsOnly.annotate(new Document("d", "lisinopril for nephropathy")).entities())
                .extracting(Entity::type).containsOnly(EntityType.MEDICATION);
    }

    @Test
    void should_keep_exact_offsets_when_text_has_unicode_and_crlf() {
        String text = "Naïve patient\r\nwith sarcoidosis\u00a0on prednisolone";
        teacher.annotate(new Document("d", text)).entities()
                .forEach(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text()));
        assertThat(labelled(text)).containsExactly("DISEASE:sarcoidosis", "MEDICATION:prednisolone");
    }
}
