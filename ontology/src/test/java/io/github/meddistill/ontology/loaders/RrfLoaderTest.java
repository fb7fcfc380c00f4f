package io.github.meddistill.ontology.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.ontology.OntologyFormatException;
import io.github.meddistill.ontology.OntologyLoadException;
import io.github.meddistill.ontology.Term;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RrfLoaderTest {

    @TempDir
    Path temp;

    static Path resource(String name) {
        try {
            return Path.of(RrfLoaderTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_keep_rxnorm_ingredients_and_brands_when_defaults_are_used() {
        List<Term> terms = RrfLoader.builder().build().load(resource("rxnorm"));

        assertThat(terms).extracting(Term::text).containsExactly("acetaminophen", "aspirin", "metformin",
                "metformin hydrochloride", "Tylenol", "acetaminophen / hydrocodone", "rarelyprescribed");
        assertThat(terms.get(0)).isEqualTo(new Term("acetaminophen", "161", "acetaminophen", EntityType.MEDICATION,
                "RXNORM"));
    }

    @Test
    void should_apply_term_type_suppression_and_prescribable_filters_when_configured() {
        List<Term> terms = RrfLoader.builder().termTypes(List.of("IN", "SCD")).includeSuppressed(true)
                .prescribableOnly(true).build().load(resource("rxnorm/rrf/RXNCONSO.RRF"));

        assertThat(terms).extracting(Term::text).containsExactly("acetaminophen", "aspirin", "metformin",
                "acetaminophen 325 MG Oral Tablet", "obsoletamide");
    }

    @Test
    void should_read_umls_mrconso_with_a_source_filter_when_given_a_release_folder() {
        List<Term> terms = RrfLoader.builder().sources(Set.of("MSH")).termTypes(List.of("MH", "ET"))
                .type(EntityType.DISEASE).build().load(resource("umls"));

        assertThat(terms).containsExactly(
                new Term("Myocardial Infarction", "C0027051", "Myocardial Infarction", EntityType.DISEASE, "MSH"),
                new Term("Heart Attack", "C0027051", "Myocardial Infarction", EntityType.DISEASE, "MSH"),
                new Term("Diabetes Mellitus", "C0011849", "Diabetes Mellitus", EntityType.DISEASE, "MSH"));
    }

    @Test
    void should_name_file_and_line_when_a_row_has_the_wrong_number_of_fields() throws Exception {
        Path file = temp.resolve("RXNCONSO.RRF");
        Files.writeString(file, "161|ENG||||||1156277|1156277|161||RXNORM|IN|161|acetaminophen||N|4096|\n"
                + "1191|ENG||||||1237283|1237283|1191||RXNORM|IN|1191|aspirin||N|4096\n");

        assertThatThrownBy(() -> RrfLoader.builder().build().load(file))
                .isInstanceOf(OntologyFormatException.class)
                .hasMessageStartingWith(file + ":2: expected 18 fields each ended by '|'")
                .hasMessageContaining("found 17 '|' separators and no trailing '|'")
                .satisfies(e -> assertThat(((OntologyFormatException) e).line()).isEqualTo(2));
    }

    @Test
    void should_reject_bad_ids_and_flags_when_rows_are_malformed() throws Exception {
        Path badId = temp.resolve("bad-id.RRF");
        Files.writeString(badId, "16 1|ENG||||||1156277|1156277|161||RXNORM|IN|161|acetaminophen||N|4096|\n");
        Path badCvf = temp.resolve("bad-cvf.RRF");
        Files.writeString(badCvf, "161|ENG||||||1156277|1156277|161||RXNORM|IN|161|acetaminophen||N|x|\n");

        assertThatThrownBy(() -> RrfLoader.builder().build().load(badId)).hasMessageContaining(":1: expected a concept id")
                .hasMessageContaining("'16 1'");
        assertThatThrownBy(() -> RrfLoader.builder().build().load(badCvf)).hasMessageContaining("CVF");
    }

    @Test
    void should_fail_clearly_when_the_file_is_empty_or_the_folder_has_no_rrf() throws Exception {
        Path empty = Files.createFile(temp.resolve("empty.RRF"));

        assertThatThrownBy(() -> RrfLoader.builder().build().load(empty)).isInstanceOf(OntologyFormatException.class)
                .hasMessageContaining("found an empty file");
        assertThatThrownBy(() -> RrfLoader.builder().build().load(temp)).isInstanceOf(OntologyLoadException.class)
                .hasMessageContaining("rrf/RXNCONSO.RRF");
    }
}
