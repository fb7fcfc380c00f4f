package io.github.meddistill.ontology.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.ontology.OntologyFormatException;
import io.github.meddistill.ontology.Term;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OboLoaderTest {

    private static final String HPO = """
            format-version: 1.2
            data-version: releases/2016-04-01

            [Term]
            id: HP:0000001
            name: All

            [Term]
            id: HP:0000118
            name: Phenotypic abnormality
            is_a: HP:0000001 ! All

            [Term]
            id: HP:0002315
            name: Headache
            synonym: "Cephalgia" EXACT []
            synonym: "Head pain" RELATED layperson [HPO:curators]
            synonym: "Say \\"ouch\\"" EXACT []
            is_a: HP:0012638 {source="x"} ! Abnormality of nervous system physiology

            [Term]
            id: HP:0012638
            name: Abnormality of nervous system physiology
            is_a: HP:0000118 ! Phenotypic abnormality

            [Term]
            id: HP:0000005
            name: Mode of inheritance
            is_a: HP:0000001 ! All

            [Term]
            id: HP:0000999
            name: Obsolete thing
            is_obsolete: true
            is_a: HP:0000118

            [Typedef]
            id: part_of
            name: part of
            """;

    @TempDir
    Path temp;

    private Path write(String name, String content) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void should_keep_names_and_exact_synonyms_of_non_obsolete_terms_when_defaults_are_used() throws IOException {
        List<Term> terms = OboLoader.builder(EntityType.DISEASE).build().load(write("hp.obo", HPO));

        assertThat(terms).extracting(Term::text).containsExactly("All", "Phenotypic abnormality", "Headache",
                "Cephalgia", "Say \"ouch\"", "Abnormality of nervous system physiology", "Mode of inheritance");
        // the is_a parent without its qualifier and comment
        assertThat(terms.get(3)).isEqualTo(new Term("Cephalgia", "HP:0002315", "Headache", EntityType.DISEASE, "HP",
                List.of(), List.of("HP:0012638")));
    }

    @Test
    void should_keep_only_descendants_of_the_root_when_a_branch_is_chosen() throws IOException {
        List<Term> terms = OboLoader.hpoPhenotypicAbnormality().load(write("hp.obo", HPO));

        assertThat(terms).extracting(Term::text).containsExactly("Headache", "Cephalgia", "Say \"ouch\"",
                "Abnormality of nervous system physiology");
        assertThat(terms).allSatisfy(t -> assertThat(t.type()).isEqualTo(EntityType.SYMPTOM));
    }

    @Test
    void should_add_other_scopes_and_read_gzip_when_configured() throws IOException {
        Path gz = temp.resolve("hp.obo.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(HPO.getBytes(StandardCharsets.UTF_8));
        }

        List<Term> terms = OboLoader.builder(EntityType.SYMPTOM).scopes(EnumSet.of(SynonymScope.RELATED))
                .source("HPO").branchRoot("HP:0012638").build().load(gz);

        List<String> parents = List.of("HP:0012638");
        assertThat(terms).containsExactly(
                new Term("Headache", "HP:0002315", "Headache", EntityType.SYMPTOM, "HPO", List.of(), parents),
                new Term("Head pain", "HP:0002315", "Headache", EntityType.SYMPTOM, "HPO", List.of(), parents));
    }

    @Test
    void should_name_file_and_line_when_a_synonym_is_malformed() throws IOException {
        Path unclosed = write("a.obo", "[Term]\nid: X:1\nname: x\nsynonym: \"open EXACT []\n");
        Path badScope = write("b.obo", "[Term]\nid: X:1\nname: x\nsynonym: \"fine\" EXACTLY []\n");

        assertThatThrownBy(() -> OboLoader.builder(EntityType.DISEASE).build().load(unclosed))
                .isInstanceOf(OntologyFormatException.class).hasMessageContaining("a.obo:4: expected a closing quote");
        assertThatThrownBy(() -> OboLoader.builder(EntityType.DISEASE).build().load(badScope))
                .hasMessageContaining("b.obo:4: expected a synonym scope").hasMessageContaining("'EXACTLY'");
    }

    @Test
    void should_fail_clearly_when_the_file_has_no_terms_or_a_term_has_no_id() throws IOException {
        Path empty = write("empty.obo", "");
        Path noId = write("noid.obo", "format-version: 1.2\n\n[Term]\nname: x\n");

        assertThatThrownBy(() -> OboLoader.builder(EntityType.DISEASE).build().load(empty))
                .hasMessageContaining("expected at least one [Term] stanza, found an empty file");
        assertThatThrownBy(() -> OboLoader.builder(EntityType.DISEASE).build().load(noId))
                .hasMessageContaining("noid.obo:3: expected an 'id:' line");
        assertThatThrownBy(() -> OboLoader.builder(EntityType.DISEASE).branchRoot("HP:404").build()
                .load(write("hp.obo", HPO))).hasMessageContaining("HP:404");
    }

    @Test
    void should_load_the_shared_doid_and_hpo_when_the_data_folder_is_present() {
        String data = System.getProperty("meddistill.shared.data", "");
        Path lexicons = Path.of(data.isEmpty() ? "/nonexistent" : data, "lexicons");
        assumeTrue(Files.isDirectory(lexicons), "shared data folder absent: " + lexicons);

        List<Term> doid = OboLoader.builder(EntityType.DISEASE).build().load(lexicons.resolve("doid/doid.obo"));
        List<Term> hpo = OboLoader.hpoPhenotypicAbnormality().load(lexicons.resolve("hpo/hp.obo"));

        assertThat(doid.stream().map(Term::conceptId).distinct().count()).isGreaterThan(11_000);
        assertThat(doid).anySatisfy(t -> assertThat(t.preferredName()).isEqualTo("Alzheimer's disease"));
        assertThat(hpo).anySatisfy(t -> assertThat(t.text()).isEqualTo("Headache"));
        assertThat(hpo).noneSatisfy(t -> assertThat(t.text()).isEqualTo("Autosomal dominant inheritance"));
    }
}
