package io.github.meddistill.ontology.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.ontology.OntologyFormatException;
import io.github.meddistill.ontology.OntologyLoadException;
import io.github.meddistill.ontology.Term;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnomedRf2LoaderTest {

    private static final String RELEASE = "SnomedCT_MedDistillTestRF2_PRODUCTION_20240101T120000Z";
    private static final String DESCRIPTIONS = "Snapshot/Terminology/sct2_Description_Snapshot-en_INT_20240101.txt";
    private static final String CONCEPTS = "Snapshot/Terminology/sct2_Concept_Snapshot_INT_20240101.txt";
    private static final String LANGUAGE = "Snapshot/Refset/Language/der2_cRefset_LanguageSnapshot-en_INT_20240101.txt";

    @TempDir
    Path temp;

    private static Path fixture() {
        return RrfLoaderTest.resource("snomed/" + RELEASE);
    }

    /** A release whose language refset is GB English only, as the UK and other editions ship. */
    private static Path gbRelease() {
        return RrfLoaderTest.resource("snomed/SnomedCT_MedDistillGbTestRF2_PRODUCTION_20240101T120000Z");
    }

    /** A copy of the fixture release under temp, with one file's content replaced. */
    private Path releaseWith(String relative, String content) throws IOException {
        Path copy = temp.resolve(RELEASE);
        try (Stream<Path> files = Files.walk(fixture())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(fixture().relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        if (content == null) {
            Files.delete(copy.resolve(relative));
        } else {
            Files.writeString(copy.resolve(relative), content, StandardCharsets.UTF_8);
        }
        return copy;
    }

    private Path zip(Path folder, String prefix) throws IOException {
        Path zip = temp.resolve(RELEASE + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
             Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(prefix + folder.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void should_load_active_synonyms_by_semantic_tag_when_reading_a_release_folder() {
        List<Term> terms = SnomedRf2Loader.builder().build().load(fixture());

        assertThat(terms).containsExactly(
                new Term("Myocardial infarction", "22298006", "Myocardial infarction", EntityType.DISEASE, "SNOMEDCT"),
                new Term("Heart attack", "22298006", "Myocardial infarction", EntityType.DISEASE, "SNOMEDCT"),
                new Term("Cardiac infarction", "22298006", "Myocardial infarction", EntityType.DISEASE, "SNOMEDCT"),
                new Term("Diabetes mellitus", "73211009", "Diabetes mellitus", EntityType.DISEASE, "SNOMEDCT"),
                new Term("Headache", "25064002", "Headache", EntityType.SYMPTOM, "SNOMEDCT"),
                new Term("Cephalgia \"head pain\"", "25064002", "Headache", EntityType.SYMPTOM, "SNOMEDCT"),
                new Term("Paracetamol", "387517004", "Acetaminophen", EntityType.MEDICATION, "SNOMEDCT"),
                new Term("Acetaminophen", "387517004", "Acetaminophen", EntityType.MEDICATION, "SNOMEDCT"),
                new Term("Diabetes\u00a0mellitus type", "73211009", "Diabetes mellitus", EntityType.DISEASE, "SNOMEDCT"));
    }

    @Test
    void should_keep_every_active_synonym_when_the_language_refset_is_not_used() {
        List<Term> terms = SnomedRf2Loader.builder().useLanguageRefset(false).source("SNOMEDCT_US")
                .semanticTags(Map.of("procedure", EntityType.of("PROCEDURE"))).build().load(fixture());

        assertThat(terms).containsExactly(
                new Term("Procedure", "71388002", "Procedure", EntityType.of("PROCEDURE"), "SNOMEDCT_US"));
    }

    @Test
    void should_read_the_release_zip_in_place_when_given_a_zip() throws IOException {
        Path zip = zip(fixture(), RELEASE + "/");

        assertThat(SnomedRf2Loader.builder().build().load(zip))
                .isEqualTo(SnomedRf2Loader.builder().build().load(fixture()));
    }

    @Test
    void should_refuse_the_zip_when_an_entry_points_outside_the_archive() throws IOException {
        Path zip = zip(fixture(), "../../evil/");

        assertThatThrownBy(() -> SnomedRf2Loader.builder().build().load(zip))
                .isInstanceOf(OntologyLoadException.class).hasMessageContaining("points outside")
                .hasMessageContaining("../../evil/");
    }

    @Test
    void should_fail_with_the_file_name_when_the_zip_is_truncated() throws IOException {
        Path zip = zip(fixture(), RELEASE + "/");
        byte[] bytes = Files.readAllBytes(zip);
        Path truncated = temp.resolve("truncated.zip");
        try (OutputStream out = Files.newOutputStream(truncated)) {
            out.write(Arrays.copyOf(bytes, bytes.length / 2));
        }

        assertThatThrownBy(() -> SnomedRf2Loader.builder().build().load(truncated))
                .isInstanceOf(OntologyLoadException.class).hasMessageStartingWith(truncated.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void should_name_file_and_line_when_an_active_concept_has_no_fsn() throws IOException {
        String descriptions = Files.readString(fixture().resolve(DESCRIPTIONS))
                .replace("751689013\t20170731\t1", "751689013\t20170731\t0");
        Path release = releaseWith(DESCRIPTIONS, descriptions);

        assertThatThrownBy(() -> SnomedRf2Loader.builder().build().load(release))
                .isInstanceOf(OntologyFormatException.class)
                .hasMessageContaining(DESCRIPTIONS.substring(DESCRIPTIONS.lastIndexOf('/') + 1) + ":3:")
                .hasMessageContaining("expected an active fully specified name (typeId 900000000000003001) for"
                        + " concept 22298006");
    }

    @Test
    void should_reject_a_fsn_without_semantic_tag_and_bad_ids_when_reading_descriptions() throws IOException {
        String original = Files.readString(fixture().resolve(DESCRIPTIONS));
        Path noTag = releaseWith(DESCRIPTIONS, original.replace("Myocardial infarction (disorder)", "Myocardial infarction"));

        assertThatThrownBy(() -> SnomedRf2Loader.builder().build().load(noTag))
                .hasMessageContaining(":2: expected a fully specified name ending in a semantic tag");

        Path badId = temp.resolve("bad");
        Files.createDirectories(badId);
        Files.writeString(badId.resolve("sct2_Concept_Snapshot_INT_1.txt"),
                "id\teffectiveTime\tactive\tmoduleId\tdefinitionStatusId\n22298006x\t20020131\t1\t900000000000207008\t1\n");
        Files.writeString(badId.resolve("sct2_Description_Snapshot-en_INT_1.txt"), original);
        assertThatThrownBy(() -> SnomedRf2Loader.builder().build().load(badId))
                .isInstanceOf(OntologyFormatException.class)
                .hasMessageContaining("sct2_Concept_Snapshot_INT_1.txt:2: expected a SNOMED CT id (6 to 18 digits) in"
                        + " field 1 (id), found '22298006x'");
    }

    @Test
    void should_name_the_expected_columns_when_a_row_is_not_split_by_tabs() throws IOException {
        Path release = releaseWith(CONCEPTS, "id\teffectiveTime\tactive\tmoduleId\tdefinitionStatusId\r\n"
                + "22298006 20020131 1 900000000000207008 900000000000074008\r\n");

        assertThatThrownBy(() -> SnomedRf2Loader.builder().build().load(release))
                .hasMessageContaining(":2: expected 5 tab-separated fields (id, effectiveTime, active, moduleId,"
                        + " definitionStatusId), found 1");
    }

    @Test
    void should_fail_clearly_when_a_file_is_empty_or_missing() throws IOException {
        Path empty = releaseWith(CONCEPTS, "");
        assertThatThrownBy(() -> SnomedRf2Loader.builder().build().load(empty))
                .isInstanceOf(OntologyFormatException.class).hasMessageContaining("found an empty file");

        Path missing = temp.resolve("other");
        Files.createDirectories(missing);
        assertThatThrownBy(() -> SnomedRf2Loader.builder().build().load(missing))
                .isInstanceOf(OntologyLoadException.class)
                .hasMessageContaining("expected exactly one concept snapshot file");
    }

    @Test
    void should_require_rows_of_the_chosen_language_refset_when_one_is_configured() {
        assertThatThrownBy(() -> SnomedRf2Loader.builder().languageRefset("999999999").build().load(fixture()))
                .hasMessageContaining("expected active rows of language refset 999999999");
        assertThat(SnomedRf2Loader.builder().languageRefset(SnomedRf2Loader.GB_ENGLISH_REFSET).build()
                .load(fixture())).extracting(Term::text).containsExactly("Paracetamol");
        assertThatThrownBy(() -> SnomedRf2Loader.builder().languageRefset("en-US").build())
                .hasMessageContaining("languageRefset");
    }

    @Test
    void should_name_the_refsets_it_found_when_a_gb_only_release_is_read_with_the_us_refset() {
        assertThatThrownBy(() -> SnomedRf2Loader.builder().build().load(gbRelease()))
                .isInstanceOf(OntologyFormatException.class)
                .hasMessageContaining("der2_cRefset_LanguageSnapshot-en_INT_20240101.txt")
                .hasMessageContaining("expected active rows of language refset 900000000000509007 (US English), found"
                        + " 12 active rows of 900000000000508004 (GB English)")
                .hasMessageContaining("languageRefset");
    }

    @Test
    void should_keep_the_gb_synonyms_when_the_gb_refset_is_chosen() {
        List<Term> terms = SnomedRf2Loader.builder().languageRefset(SnomedRf2Loader.GB_ENGLISH_REFSET).build()
                .load(gbRelease());

        assertThat(terms).containsExactly(
                new Term("Anaemia", "1234567005", "Anaemia", EntityType.DISEASE, "SNOMEDCT"),
                new Term("Oedema", "1234568000", "Oedema", EntityType.SYMPTOM, "SNOMEDCT"),
                new Term("Swelling", "1234568000", "Oedema", EntityType.SYMPTOM, "SNOMEDCT"),
                new Term("Paracetamol", "1234569008", "Paracetamol", EntityType.MEDICATION, "SNOMEDCT"),
                new Term("Acetaminophen", "1234569008", "Paracetamol", EntityType.MEDICATION, "SNOMEDCT"));
    }

    @Test
    void should_fail_with_what_each_filter_dropped_when_no_term_is_kept() {
        SnomedRf2Loader organismsOnly = SnomedRf2Loader.builder().languageRefset(SnomedRf2Loader.GB_ENGLISH_REFSET)
                .semanticTags(Map.of("organism", EntityType.of("ORGANISM"))).build();

        assertThatThrownBy(() -> organismsOnly.load(gbRelease())).isInstanceOf(OntologyLoadException.class)
                .hasMessageContaining("expected terms of the semantic tags [organism], but kept none: 8 active synonyms"
                        + " of active concepts; 2 of them are not acceptable in language refset 900000000000508004 (GB"
                        + " English)")
                .hasMessageContaining("6 have a semantic tag not mapped to an entity type {disorder=1, finding=2,"
                        + " procedure=1, substance=2}; 0 terms kept");
    }

    @Test
    void should_warn_with_the_counts_when_the_language_refset_drops_most_synonyms() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            SnomedRf2Loader.builder().languageRefset(SnomedRf2Loader.GB_ENGLISH_REFSET).build().load(fixture());
        } finally {
            System.setErr(original);
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARN")
                .contains("the language refset dropped most synonyms")
                .contains("of them are not acceptable in language refset 900000000000508004 (GB English)")
                .contains("1 terms kept");
    }
}
