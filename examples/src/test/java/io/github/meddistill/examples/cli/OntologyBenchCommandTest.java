package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OntologyBenchCommandTest {

    @TempDir
    Path data;

    private void write(String relative, String content) throws IOException {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private void tinyDataFolder() throws IOException {
        write("lexicons/doid/doid.obo", """
                format-version: 1.2

                [Term]
                id: DOID:9352
                name: type 2 diabetes mellitus
                synonym: "NIDDM" EXACT []

                [Term]
                id: DOID:10763
                name: hypertension
                """);
        write("lexicons/hpo/hp.obo", """
                [Term]
                id: HP:0000118
                name: Phenotypic abnormality

                [Term]
                id: HP:0002315
                name: Headache
                is_a: HP:0000118 ! Phenotypic abnormality
                """);
        write("lexicons/drugbank_vocabulary/drugbank_vocabulary.csv",
                "DrugBank ID,Accession Numbers,Common name,CAS,UNII,Synonyms,Standard InChI Key\n"
                        + "DB00331,APRD00099,Metformin,657-24-9,9100L32L2N,Metformin | Metformina,\n");
        write("lexicons/drugsatfda_products/Products.txt",
                "ApplNo\tProductNo\tForm\tStrength\tReferenceDrug\tDrugName\tActiveIngredient\tReferenceStandard\n"
                        + "020357\t001\tTABLET;ORAL\t500MG\t0\tGLUCOPHAGE\tMETFORMIN HYDROCHLORIDE\t0\n");
        write("mtsamples/mtsamples_subset.csv",
                "\"note_id\",\"description\",\"medical_specialty\",\"sample_name\",\"transcription\",\"keywords\"\n"
                        + "1,\"d\",\"s\",\"n\",\"HISTORY:,  Type 2 diabetes mellitus and hypertension, on Glucophage.\n"
                        + "Headache \"\"daily\"\".\",\"k\"\n"
                        + "6,\"d\",\"s\",\"n\",\"Metformin 500 mg; no headache.\",\"k\"\n");
    }

    @Test
    void should_print_one_json_object_with_the_documented_keys_when_json_is_requested() throws IOException {
        // given
        tinyDataFolder();
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new OntologyBenchCommand()).setOut(new PrintWriter(out, true));

        // when
        int exit = command.execute("--data", data.toString(), "--seconds", "0.05", "--json");

        // then
        assertThat(exit).isZero();
        String[] lines = out.toString().strip().split("\\R");
        String json = lines[lines.length - 1];
        assertThat(json).startsWith("{").endsWith("}");
        for (String key : new String[] {"terms", "loadSeconds", "matchMBpsOneThread", "matchMBpsAllThreads",
                "naiveMBps"}) {
            assertThat(json).containsPattern("\"" + key + "\":[0-9.]+");
        }
        // the heap of a JVM shared with other tests moves by a megabyte between two collections, more than 8 terms
        // take, so here it is only a number (the README's figure is for 112k terms)
        assertThat(json).containsPattern("\"bytesPerTerm\":-?[0-9.]+");
        // 2 DOID names + NIDDM, Headache, Metformin + Metformina, GLUCOPHAGE + METFORMIN HYDROCHLORIDE
        assertThat(number(json, "terms")).isEqualTo(8);
        // type 2 diabetes mellitus, hypertension, Glucophage, Headache, Metformin, headache
        assertThat(number(json, "matchesPerPass")).isEqualTo(6);
        assertThat(number(json, "matchMBpsOneThread")).isPositive();
        assertThat(number(json, "naiveMBps")).isPositive();
    }

    @Test
    void should_fail_with_a_clear_message_when_the_data_folder_lacks_lexicons() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new OntologyBenchCommand()).setErr(new PrintWriter(err, true));

        int exit = command.execute("--data", data.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("expected a folder with lexicons/ and mtsamples/");
    }

    private static double number(String json, String key) {
        Matcher matcher = Pattern.compile("\"" + key + "\":([0-9.]+)").matcher(json);
        assertThat(matcher.find()).as("key %s in %s", key, json).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
