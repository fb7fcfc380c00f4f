package io.github.meddistill.ontology.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.ontology.OntologyFormatException;
import io.github.meddistill.ontology.Term;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedLexiconLoaderTest {

    @TempDir
    Path temp;

    private Path write(String name, String content) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static Path lexicons() {
        String data = System.getProperty("meddistill.shared.data", "");
        Path lexicons = Path.of(data.isEmpty() ? "/nonexistent" : data, "lexicons");
        assumeTrue(Files.isDirectory(lexicons), "shared data folder absent: " + lexicons);
        return lexicons;
    }

    @Test
    void should_read_quoted_fields_and_synonym_lists_when_the_file_is_drugbank_csv() throws IOException {
        Path file = write("drugbank.csv", "\uFEFFDrugBank ID,Accession Numbers,Common name,CAS,UNII,Synonyms,"
                + "Standard InChI Key\r\n"
                + "DB00003,BTD00001 | BIOD00001,Dornase alfa,143831-71-4,953A26OA1Y,\"Dornase alfa, recombinant"
                + " | Dornase alpha | Recombinant \"\"DNAse\"\"\",\r\n"
                + "DB00002,BTD00071,Cetuximab,205923-56-4,PQX0D8J21J,Cetuximab | Cétuximab,\r\n"
                + "DB99999,X,\"Two\nlines\",,,,\r\n");

        List<Term> terms = DelimitedLexiconLoader.drugBankVocabulary().load(file);

        assertThat(terms).extracting(Term::text).containsExactly("Dornase alfa", "Dornase alfa, recombinant",
                "Dornase alpha", "Recombinant \"DNAse\"", "Cetuximab", "Cétuximab", "Two\nlines");
        assertThat(terms.get(2)).isEqualTo(new Term("Dornase alpha", "DB00003", "Dornase alfa", EntityType.MEDICATION,
                "DRUGBANK"));
    }

    @Test
    void should_unescape_doubled_quotes_and_split_ingredients_when_the_file_is_drugs_at_fda() throws IOException {
        Path file = write("Products.txt", "ApplNo\tProductNo\tForm\tStrength\tReferenceDrug\tDrugName\tActiveIngredient"
                + "\tReferenceStandard\n"
                + "084827\t001\tTABLET;ORAL\t25MG;0.125MG\t0\tHYDRO-SERP \"\"25\"\"\tHYDROCHLOROTHIAZIDE; RESERPINE\t0\n"
                + "206029\t001\tTABLET;ORAL\tEQ 1MG BASE\t0\tPITAVASTATIN CALCIUM\tPITAVASTATIN CALCIUM\t\t\n");

        List<Term> terms = DelimitedLexiconLoader.drugsAtFdaProducts().load(file);

        assertThat(terms).containsExactly(
                new Term("HYDRO-SERP \"25\"", "HYDRO-SERP \"25\"", "HYDRO-SERP \"25\"", EntityType.MEDICATION, "DRUGSATFDA"),
                new Term("HYDROCHLOROTHIAZIDE", "HYDROCHLOROTHIAZIDE", "HYDROCHLOROTHIAZIDE", EntityType.MEDICATION,
                        "DRUGSATFDA"),
                new Term("RESERPINE", "RESERPINE", "RESERPINE", EntityType.MEDICATION, "DRUGSATFDA"),
                new Term("PITAVASTATIN CALCIUM", "PITAVASTATIN CALCIUM", "PITAVASTATIN CALCIUM", EntityType.MEDICATION,
                        "DRUGSATFDA"));
    }

    @Test
    void should_take_types_and_ids_from_columns_when_a_generic_lexicon_has_them() throws IOException {
        Path file = write("lex.tsv", "term\ttype\tid\nchest pain\tsymptom\tC1\nwarfarin\tMEDICATION\tC2\n");

        List<Term> terms = DelimitedLexiconLoader.builder(LexiconFormat.TSV, "term").typeColumn("type")
                .conceptIdColumn("id").source("MYLEX").build().load(file);

        assertThat(terms).containsExactly(new Term("chest pain", "C1", "chest pain", EntityType.SYMPTOM, "MYLEX"),
                new Term("warfarin", "C2", "warfarin", EntityType.MEDICATION, "MYLEX"));
    }

    @Test
    void should_name_file_line_and_expectation_when_rows_are_malformed() throws IOException {
        DelimitedLexiconLoader loader = DelimitedLexiconLoader.builder(LexiconFormat.CSV, "term").typeColumn("type")
                .build();
        Path shortRow = write("short.csv", "term,type\nwarfarin,MEDICATION\naspirin\n");
        Path badType = write("type.csv", "term,type\nwarfarin,drug name\n");
        Path noColumn = write("col.csv", "name,type\nwarfarin,MEDICATION\n");
        Path quote = write("quote.csv", "term,type\n\"warfarin\"x,MEDICATION\n");
        Path unclosed = write("open.csv", "term,type\n\"warfarin,MEDICATION\n");
        Path empty = write("empty.csv", "");

        assertThatThrownBy(() -> loader.load(shortRow)).isInstanceOf(OntologyFormatException.class)
                .hasMessageContaining("short.csv:3: expected 2 fields as in the header, found 1");
        assertThatThrownBy(() -> loader.load(badType)).hasMessageContaining("type.csv:2: expected an entity type name");
        assertThatThrownBy(() -> loader.load(noColumn)).hasMessageContaining("col.csv:1: expected a column named 'term'");
        assertThatThrownBy(() -> loader.load(quote)).hasMessageContaining("quote.csv:2: expected ',' or the end");
        assertThatThrownBy(() -> loader.load(unclosed)).hasMessageContaining("expected a closing quote for the field"
                + " opened on line 2");
        assertThatThrownBy(() -> loader.load(empty)).hasMessageContaining("found an empty file");
    }

    @Test
    void should_report_the_line_when_bytes_are_not_valid_utf8() throws IOException {
        Path file = temp.resolve("latin1.csv");
        Files.write(file, "term,type\nok,DISEASE\ncaf\u00e9,DISEASE\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> DelimitedLexiconLoader.builder(LexiconFormat.CSV, "term").typeColumn("type").build()
                .load(file)).isInstanceOf(OntologyFormatException.class).hasMessageContaining("latin1.csv:3:")
                .hasMessageContaining("not valid");
    }

    @Test
    void should_name_the_bad_option_when_type_is_missing_or_doubled() {
        assertThatThrownBy(() -> DelimitedLexiconLoader.builder(LexiconFormat.CSV, "term").build())
                .hasMessageContaining("typeColumn");
        assertThatThrownBy(() -> DelimitedLexiconLoader.builder(LexiconFormat.CSV, "term").typeColumn("t")
                .type(EntityType.DISEASE).build()).hasMessageContaining("typeColumn");
    }

    @Test
    void should_load_the_shared_drug_lexicons_when_the_data_folder_is_present() {
        Path lexicons = lexicons();

        List<Term> drugbank = DelimitedLexiconLoader.drugBankVocabulary()
                .load(lexicons.resolve("drugbank_vocabulary/drugbank_vocabulary.csv"));
        List<Term> fda = DelimitedLexiconLoader.drugsAtFdaProducts()
                .load(lexicons.resolve("drugsatfda_products/Products.txt"));

        assertThat(drugbank.stream().map(Term::conceptId).distinct().count()).isEqualTo(17_430);
        assertThat(drugbank).contains(new Term("Cétuximab", "DB00002", "Cetuximab", EntityType.MEDICATION, "DRUGBANK"));
        assertThat(fda).extracting(Term::text).contains("ZOLOFT", "SERTRALINE HYDROCHLORIDE", "GERMA-MEDICA \"MG\"");
    }
}
