package io.github.meddistill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.io.JsonlReader;
import io.github.meddistill.student.BertConfig;
import io.github.meddistill.student.BertStudent;
import io.github.meddistill.student.BertStudentTrainer;
import io.github.meddistill.student.EncoderSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line against bad input, one row per case: the arguments ({@code $D} is the fixture folder,
 * {@code $PORT} a loopback port nothing listens on), the exit code, words the output must contain, and files that
 * must be unchanged afterwards. With {@code --json} a failing run must end with a JSON error object. Every run is
 * in-process and needs no network; the one student is tiny and trained once.
 */
class CommandLineFailuresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENTINEL = "labels of an earlier run\n";
    private static final BertConfig TINY = new BertConfig(30522, 32, 2, 2, 64, 128, 2, 1e-12, 0.1, 0.1);
    private static final Path GB_RELEASE = Path.of("..", "ontology", "src", "test", "resources", "snomed",
            "SnomedCT_MedDistillGbTestRF2_PRODUCTION_20240101T120000Z").toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    private static int closedPort;

    /**
     * One case.
     *
     * @param name what is wrong
     * @param args the command line, with {@code $D} and {@code $PORT} placeholders
     * @param exitCode the expected exit code
     * @param words what standard output and error together must contain
     * @param unchanged files (relative to {@code $D}) whose bytes, or absence, the run must not change
     */
    record Case(String name, List<String> args, int exitCode, List<String> words, List<String> unchanged) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case fails(String name, String args, String... words) {
        return new Case(name, List.of(args.split(" ")), MedDistillCommand.BAD_INPUT, List.of(words), List.of());
    }

    private static Case passes(String name, String args, String... words) {
        return new Case(name, List.of(args.split(" ")), 0, List.of(words), List.of());
    }

    private static Case keeping(Case row, String... unchanged) {
        return new Case(row.name(), row.args(), row.exitCode(), row.words(), List.of(unchanged));
    }

    static Stream<Case> cases() {
        return Stream.of(
                // 1: output appears complete or not at all; a failing label run leaves an earlier run's labels alone
                keeping(fails("label with an entity type no teacher labels", "label $D/notes.jsonl -t doid=$D/mini.obo"
                        + " --types FOO --out $D/out --json", "--types FOO", "no teacher given labels this type",
                        "the teachers label DISEASE (doid)"), "out/doid.jsonl"),
                // 2: a damaged copy of a saved student
                fails("extract with a damaged student", "extract --model $D/damaged --text pancreatitis --json",
                        "model.safetensors is damaged", "expected SHA-256"),
                fails("extract with a student whose checksums are missing", "extract --model $D/unlisted --text x",
                        "SHA256SUMS is missing", "sha256sum config.json tokenizer.json model.safetensors"),
                // 4: entity types that are not there
                fails("train with an entity type the training file lacks", "train --train $D/labels.jsonl --types FOO"
                        + " --out $D/model-foo", "--types FOO", "has no entity of this type", "it has DISEASE (3)"),
                // 5: output locations checked before any work
                keeping(fails("train into a regular file", "train --train $D/labels.jsonl --out $D/afile.txt",
                        "--out " + "$D/afile.txt", "it is a file"), "afile.txt"),
                keeping(fails("label into a regular file", "label $D/notes.jsonl -t patterns --out $D/afile.txt --json",
                        "--out $D/afile.txt: it is a file"), "afile.txt"),
                keeping(fails("train into a folder of other files", "train --train $D/labels.jsonl --out $D/notstudent",
                        "holds files that are not a saved student (keep.txt)"), "notstudent/keep.txt"),
                keeping(fails("bench student-quality saving into a regular file", "bench student-quality --data $D/data"
                        + " --save $D/afile.txt", "--save $D/afile.txt: it is a file"), "afile.txt"),
                fails("label under a regular file", "label $D/notes.jsonl -t patterns --out $D/afile.txt/labels",
                        "afile.txt is a file, so"),
                fails("extract results into a folder", "extract --model $D/student --text x --out $D/out",
                        "--out $D/out: it is a folder"),
                fails("eval report into a folder", "eval --gold $D/gold.jsonl --pred $D/pred.jsonl --html $D/out",
                        "--html $D/out: it is a folder"),
                keeping(fails("label with a broken second lexicon", "label $D/notes.jsonl -t doid=$D/mini.obo"
                        + " -t drugbank=$D/broken.csv --out $D/out-broken", "broken.csv"), "out-broken/doid.jsonl"),
                keeping(fails("demo with a negative count of MTSamples notes", "demo --mtsamples-notes -1 --out"
                        + " $D/demo-negative --quiet", "MTSamples notes must be 0 (none) or positive, found -1"),
                        "demo-negative"),
                // 6: gzip read wherever a corpus is read
                passes("label a gzipped corpus", "label $D/notes.jsonl.gz -t doid=$D/mini.obo --out $D/out-gz --quiet",
                        "doid", "entities in 3 notes"),
                passes("eval a gzipped gold file", "eval --gold $D/gold.jsonl.gz --pred $D/pred.jsonl --resamples 10",
                        "| micro |"),
                passes("label a gzipped CoNLL file", "label $D/stray.conll.gz -t patterns --out $D/out-conll --quiet",
                        "TAG_SEQUENCE_REPAIRED 1", "in 1 notes"),
                fails("read a .gz name that is not gzip", "label $D/fake.jsonl.gz -t patterns --out $D/out-fake",
                        "fake.jsonl.gz", "expected gzip-compressed data"),
                // 7: a server that cannot be reached
                keeping(fails("label with an unreachable server", "label $D/notes.jsonl -t openai=gpt-4o"
                        + " --openai-base-url http://127.0.0.1:$PORT/v1 --out $D/out --json --quiet",
                        "cannot connect to http://127.0.0.1:$PORT/v1/chat/completions (connection refused)",
                        "not retried"), "out/doid.jsonl"),
                // 8: every bad gold file is bad input
                fails("eval an empty gold file", "eval --gold $D/empty.jsonl --pred $D/pred.jsonl --json",
                        "empty.jsonl:0", "at least one document"),
                fails("eval a truncated gold file", "eval --gold $D/truncated.jsonl --pred $D/pred.jsonl",
                        "truncated.jsonl:2: field 'line': expected one JSON object"),
                fails("eval a gold file that misses a predicted document", "eval --gold $D/gold-one.jsonl"
                        + " --pred $D/pred.jsonl", "document 'n2'"),
                passes("eval a PubTator gold file", "eval --gold $D/gold.pubtator --pred $D/pred-pubtator.jsonl"
                        + " --resamples 10", "| micro |"),
                // 9: repairs are printed, repeated ids rejected
                keeping(fails("label a corpus with a repeated document id", "label $D/dup.jsonl -t patterns --out $D/out",
                        "dup.jsonl:2: field 'id': expected a document id used once in the file", "'n1'"),
                        "out/doid.jsonl"),
                fails("train on a file with a repeated document id", "train --train $D/dup.jsonl --out $D/model-dup",
                        "dup.jsonl:2: field 'id'"),
                passes("label a brat folder with a discontinuous span", "label $D/brat -t patterns --out $D/out-brat"
                        + " --quiet", "DISCONTINUOUS_SPANNED 1", "n1.ann:1"),
                fails("train on CoNLL with a stray I- tag", "train --train $D/stray.conll --types FOO --out $D/model-c",
                        "TAG_SEQUENCE_REPAIRED 1", "stray.conll:2", "--types FOO"),
                // 10: SNOMED CT editions with their own language refset
                fails("label with a GB-only SNOMED CT release and the US refset", "label $D/notes.jsonl -t snomed="
                        + GB_RELEASE + " --out $D/out-us", "expected active rows of language refset 900000000000509007"
                        + " (US English), found 12 active rows of 900000000000508004 (GB English)"),
                passes("label with a GB-only SNOMED CT release and the GB refset", "label $D/notes.jsonl -t snomed="
                        + GB_RELEASE + " --snomed-language-refset gb --out $D/out-gb --quiet", "snomed", "1 entities"),
                fails("label with an unknown refset name", "label $D/notes.jsonl -t patterns --snomed-language-refset"
                        + " en-GB --out $D/out-x", "--snomed-language-refset 'en-GB': expected us (default), gb, none"),
                // 11: messages that used to mislead
                passes("label a brat document given by its .ann file", "label $D/brat/n1.ann -t patterns"
                        + " --out $D/out-ann --quiet", "in 1 notes"),
                fails("label a folder without brat documents", "label $D/notbrat -t patterns --out $D/out-nb",
                        "a folder without .txt files (1 other entries: notes.jsonl)"),
                // issue 16: distill's bad input
                fails("distill without a dev set", "distill $D/notes.jsonl -t doid=$D/mini.obo --out $D/out-d --json",
                        "--dev FILE is required", "subset search", "decoding bias", "early stopping"),
                fails("distill with a dev type no teacher labels", "distill $D/notes.jsonl --dev $D/dev-symptom.jsonl"
                        + " -t doid=$D/mini.obo --out $D/out-d", "has 1 gold SYMPTOM entities, but no teacher given labels"
                        + " SYMPTOM", "the teachers label DISEASE (doid)"),
                fails("distill with a type the dev set lacks", "distill $D/notes.jsonl --dev $D/dev-shared.jsonl"
                        + " -t doid=$D/mini.obo -t patterns --types DISEASE,MEDICATION --out $D/out-d",
                        "--types MEDICATION: the dev set", "has no gold MEDICATION entity", "it has DISEASE (2)"),
                fails("distill with gold text that differs from the note of the same id", "distill $D/notes.jsonl"
                        + " --dev $D/gold.jsonl -t doid=$D/mini.obo --out $D/out-d --json", "--dev $D/gold.jsonl: document"
                        + " 'n1' has a different text than the note with the same id in $D/notes.jsonl"),
                fails("distill with a test file whose text differs", "distill $D/notes.jsonl --dev $D/dev-shared.jsonl"
                        + " --test $D/gold.jsonl -t doid=$D/mini.obo --out $D/out-d", "--test $D/gold.jsonl: document 'n1'"),
                keeping(passes("distill with dev notes among the notes", "distill $D/notes.jsonl --dev $D/dev-shared.jsonl"
                        + " -t doid=$D/mini.obo --encoder $D/student --epochs 1 --min-steps 0 --batch-size 4 --out $D/out-shared --quiet",
                        "warning: 1 of the 2 dev notes are also among the 3 notes to distil from", "no --test"),
                        "afile.txt"),
                keeping(fails("distill into a regular file", "distill $D/notes.jsonl --dev $D/dev-shared.jsonl"
                        + " -t doid=$D/mini.obo --out $D/afile.txt", "--out $D/afile.txt: it is a file"), "afile.txt"),
                fails("distill with a run file that has an unknown setting", "distill --config $D/bad-run.json",
                        "bad-run.json:1: unknown setting 'epoch'", "expected notes, dev, test"),
                fails("distill with a run file that is not JSON", "distill --config $D/afile.txt --json",
                        "--config $D/afile.txt:1:1: expected a JSON object of settings, but it is not JSON",
                        "line 1 is \"not a folder\""),
                fails("distill with a run file whose setting has the wrong type", "distill --config $D/typo-run.json",
                        "typo-run.json:3: setting 'epochs': expected a whole number, found a string \"two\""),
                fails("distill with a YAML run file that is not YAML", "distill --config $D/bad-run.yaml --json",
                        "--config $D/bad-run.yaml:5:2: expected a YAML mapping of settings, but it is not YAML",
                        "line 5 is \" epochs: 2\""),
                fails("distill with a YAML run file whose setting has the wrong type", "distill --config $D/typo-run.yml",
                        "typo-run.yml:4: setting 'abbreviations': expected true or false, found a string \"maybe\""),
                fails("distill with a YAML run file that gives a setting twice", "distill --config $D/twice-run.yaml",
                        "twice-run.yaml:3: setting 'notes' is given twice (first on line 1)"),
                fails("distill with a YAML run file that is a list", "distill --config $D/list-run.yaml",
                        "list-run.yaml:1: expected a YAML mapping of settings"),
                fails("distill with an encoder folder that is no checkpoint", "distill $D/notes.jsonl --dev"
                        + " $D/dev-shared.jsonl -t doid=$D/mini.obo --encoder $D/notstudent --out $D/out-d",
                        "--encoder $D/notstudent: the folder has no config.json"),
                fails("distill without teachers", "distill $D/notes.jsonl --dev $D/dev-shared.jsonl --out $D/out-d",
                        "no teacher: give at least one -t SPEC"),
                fails("import gold whose text differs from the note of the same id", "import --tool doccano"
                        + " $D/doccano-n1.jsonl --notes $D/notes.jsonl --out $D/gold-n1.jsonl --json", "document 'n1' has a"
                        + " different text than the note with the same id in $D/notes.jsonl"),
                fails("import with an unknown tool", "import --tool brat $D/doccano-n1.jsonl --out $D/g.jsonl",
                        "unknown annotation tool 'brat': expected label-studio, doccano or prodigy"),
                fails("import a Label Studio export that is no task list", "import --tool label-studio $D/bad-run.json"
                        + " --out $D/g.jsonl", "a JSON list of tasks"),
                fails("import an annotator who is not in the export", "import --tool doccano $D/doccano-n1.jsonl"
                        + " --annotator zoe --out $D/g.jsonl", "--annotator zoe: no annotation by this annotator"),
                fails("sample no notes", "sample $D/notes.jsonl -t patterns -n 0 --out $D/s0", "-n 0: expected at least 1"),
                // further bad input
                fails("an unknown option, with --json", "label $D/notes.jsonl -t patterns --out $D/o --bogus --json",
                        "Unknown option: '--bogus'"),
                fails("a number that is not one", "train --train $D/labels.jsonl --epochs many --out $D/m",
                        "Invalid value for option '--epochs'"),
                fails("an unknown teacher", "label $D/notes.jsonl -t umls --out $D/o", "unknown teacher 'umls'"),
                fails("an unknown format", "label $D/notes.jsonl --format xml -t patterns --out $D/o",
                        "unknown format 'xml'"),
                fails("a corpus that is not UTF-8", "label $D/latin1.jsonl -t patterns --out $D/o",
                        "latin1.jsonl:1: field 'encoding': expected UTF-8 text"),
                fails("a missing input corpus", "label $D/missing.jsonl -t patterns --out $D/o", "missing.jsonl"),
                fails("extract without anything to read", "extract --model $D/student", "nothing to extract from"),
                fails("extract from a model folder that is not there", "extract --model $D/nowhere --text x",
                        "--model $D/nowhere: expected a folder with a saved student, but there is nothing"),
                fails("eval with no resamples", "eval --gold $D/gold.jsonl --pred $D/pred.jsonl --resamples 0",
                        "--resamples must be at least 1"),
                fails("an unknown encoder", "train --train $D/labels.jsonl --encoder gpt2 --out $D/model-e",
                        "gpt2"));
    }

    @BeforeAll
    static void writeFixtures() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String notes = String.join("\n",
                "{\"id\":\"n1\",\"text\":\"Chronic pancreatitis and anaemia; started lisinopril.\",\"entities\":[]}",
                "{\"id\":\"n2\",\"text\":\"Cystic fibrosis with nephropathy.\",\"entities\":[]}",
                "{\"id\":\"n3\",\"text\":\"Seen for follow-up.\",\"entities\":[]}") + "\n";
        write("notes.jsonl", notes);
        Files.write(dir.resolve("notes.jsonl.gz"), gzip(notes));
        write("fake.jsonl.gz", notes);
        write("dup.jsonl", "{\"id\":\"n1\",\"text\":\"Fever.\"}\n{\"id\":\"n1\",\"text\":\"Cough.\"}\n");
        Files.write(dir.resolve("latin1.jsonl"), "{\"id\":\"n1\",\"text\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        write("mini.obo", String.join("\n", "format-version: 1.2", "", "[Term]", "id: DOID:1", "name: cystic fibrosis", "",
                "[Term]", "id: DOID:2", "name: pancreatitis", ""));
        String gold = String.join("\n",
                "{\"id\":\"n1\",\"text\":\"Chronic pancreatitis.\",\"entities\":[{\"start\":8,\"end\":20,\"type\":\"DISEASE\"}]}",
                "{\"id\":\"n2\",\"text\":\"Cystic fibrosis.\",\"entities\":[{\"start\":0,\"end\":15,\"type\":\"DISEASE\"}]}",
                "{\"id\":\"n3\",\"text\":\"Nephropathy.\",\"entities\":[{\"start\":0,\"end\":11,\"type\":\"DISEASE\"}]}") + "\n";
        write("labels.jsonl", gold);
        write("gold.jsonl", gold);
        Files.write(dir.resolve("gold.jsonl.gz"), gzip(gold));
        write("dev-shared.jsonl", String.join("\n",
                "{\"id\":\"n1\",\"text\":\"Chronic pancreatitis and anaemia; started lisinopril.\",\"entities\":"
                        + "[{\"start\":8,\"end\":20,\"type\":\"DISEASE\"}]}",
                "{\"id\":\"d2\",\"text\":\"Cystic fibrosis.\",\"entities\":[{\"start\":0,\"end\":15,\"type\":\"DISEASE\"}]}")
                + "\n");
        write("dev-symptom.jsonl", "{\"id\":\"d1\",\"text\":\"Cystic fibrosis with cough.\",\"entities\":"
                + "[{\"start\":0,\"end\":15,\"type\":\"DISEASE\"},{\"start\":21,\"end\":26,\"type\":\"SYMPTOM\"}]}\n");
        write("doccano-n1.jsonl", "{\"id\":1,\"text\":\"Chronic pancreatitis.\",\"label\":[[8,20,\"DISEASE\"]],"
                + "\"meddistill_id\":\"n1\"}\n");
        write("bad-run.json", "{\"notes\": \"notes.jsonl\", \"epoch\": 2}\n");
        write("typo-run.json", "{\"notes\": \"notes.jsonl\",\n \"dev\": \"dev-shared.jsonl\",\n \"epochs\": \"two\"}\n");
        write("bad-run.yaml", "notes: notes.jsonl\ndev: dev-shared.jsonl\nteachers:\n  - doid=mini.obo\n epochs: 2\n");
        write("typo-run.yml", "notes: notes.jsonl\ndev: dev-shared.jsonl\nteachers: [doid=mini.obo]\nabbreviations: maybe\n");
        write("twice-run.yaml", "notes: notes.jsonl\ndev: dev-shared.jsonl\nnotes: other.jsonl\n");
        write("list-run.yaml", "- notes.jsonl\n- dev-shared.jsonl\n");
        write("gold-one.jsonl", gold.lines().findFirst().orElseThrow() + "\n");
        write("pred.jsonl", gold);
        write("empty.jsonl", "");
        write("truncated.jsonl", gold.lines().findFirst().orElseThrow() + "\n{\"id\":\"n2\",\"text\":\"Cys\n");
        write("gold.pubtator", "1|t|Started metformin.\n1|a|Denies fever.\n1\t8\t17\tmetformin\tChemical\tD008687\n\n");
        write("pred-pubtator.jsonl", "{\"id\":\"1\",\"text\":\"Started metformin. Denies fever.\",\"entities\":"
                + "[{\"start\":8,\"end\":17,\"type\":\"MEDICATION\"}]}\n");
        write("stray.conll", "Pain\tI-SYMPTOM\nresolved\tO\n");
        Files.write(dir.resolve("stray.conll.gz"), gzip("Pain\tI-SYMPTOM\nresolved\tO\n"));
        write("afile.txt", "not a folder\n");
        write("broken.csv", "no DrugBank header here\n");
        write("notstudent/keep.txt", "keep me\n");
        write("out/doid.jsonl", SENTINEL);
        write("brat/n1.txt", "Breast and ovarian cancer.");
        write("brat/n1.ann", "T1\tDisease 0 6;19 25\tBreast cancer\n");
        write("notbrat/notes.jsonl", notes);
        Files.createDirectories(dir.resolve("data/ncbi_disease/original-data"));
        saveStudents();
    }

    /** A tiny student trained for one epoch, a copy with a third of its weights overwritten, one without checksums. */
    private static void saveStudents() throws IOException {
        List<Annotation> training = JsonlReader.builder().build().read(dir.resolve("labels.jsonl")).annotations();
        try (BertStudent student = BertStudentTrainer.builder().encoder(EncoderSource.random(TINY))
                .entityTypes(List.of(EntityType.DISEASE)).epochs(1).batchSize(8).devices("cpu").seed(1).build()
                .train(training, List.of())) {
            student.save(dir.resolve("student"));
            student.save(dir.resolve("damaged"));
            student.save(dir.resolve("unlisted"));
        }
        Path weights = dir.resolve("damaged/model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Arrays.fill(bytes, bytes.length / 3, 2 * bytes.length / 3, (byte) 0xFF);
        Files.write(weights, bytes);
        Files.delete(dir.resolve("unlisted/SHA256SUMS"));
    }

    private static void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String resolve(String text) {
        return text.replace("$D", dir.toString()).replace("$PORT", Integer.toString(closedPort));
    }

    private static Map<String, byte[]> snapshot(List<String> files) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (String file : files) {
            Path path = dir.resolve(file);
            contents.put(file, Files.exists(path) ? Files.readAllBytes(path) : null);
        }
        return contents;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void should_exit_with_the_documented_code_and_name_the_problem_when_given_bad_input(Case row) throws Exception {
        // given
        Map<String, byte[]> before = snapshot(row.unchanged());
        String[] args = row.args().stream().map(CommandLineFailuresTest::resolve).toArray(String[]::new);

        // when
        CommandLineRun run = CommandLineRun.of(args);

        // then
        String printed = run.out() + run.err();
        assertThat(run.exitCode()).as(printed).isEqualTo(row.exitCode());
        row.words().stream().map(CommandLineFailuresTest::resolve).forEach(word -> assertThat(printed).contains(word));
        assertThat(printed).doesNotContain("caused by: null").doesNotContain("\tat ");
        Map<String, byte[]> after = snapshot(row.unchanged());
        before.forEach((file, bytes) -> assertThat(after.get(file)).as(file).isEqualTo(bytes));
        if (row.exitCode() != 0 && row.args().contains("--json")) {
            JsonNode error = JSON.readTree(run.lastLine()).get("error");
            assertThat(error.get("exitCode").asInt()).isEqualTo(row.exitCode());
            assertThat(error.get("message").asText()).isNotBlank();
        }
    }

    @Test
    void should_fail_within_five_seconds_when_the_server_cannot_be_reached() {
        long start = System.nanoTime();

        CommandLineRun run = CommandLineRun.of("label", dir.resolve("notes.jsonl").toString(), "-t", "openai=gpt-4o",
                "--openai-base-url", "http://127.0.0.1:" + closedPort + "/v1", "--out", dir.resolve("out-o").toString(),
                "--quiet");

        assertThat(run.exitCode()).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void should_write_gzip_when_the_output_name_ends_in_gz() throws Exception {
        Path out = dir.resolve("extracted.jsonl.gz");

        CommandLineRun run = CommandLineRun.of("extract", "--model", dir.resolve("student").toString(), "--text",
                "Chronic pancreatitis.", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(out))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("{\"id\":\"text-1\"");
        }
    }

    @Test
    void should_carry_assertion_and_concepts_on_every_entity_alike_in_file_and_printout_when_extracting_with_assertions_and_link() throws Exception {
        // given a DOID lexicon and a trigger file
        Path doid = pancreatitisObo();
        Files.writeString(dir.resolve("context-triggers.tsv"), "free of\tPRE\tNEGATED\n");
        Path out = dir.resolve("context.jsonl");

        // when
        CommandLineRun run = CommandLineRun.of("extract", "--model", dir.resolve("student").toString(), "--text",
                "Chronic pancreatitis. No pancreatitis. Free of pancreatitis.", "--assertions", "--triggers",
                dir.resolve("context-triggers.tsv").toString(), "--link", "doid=" + doid,
                "--out", out.toString());
        CommandLineRun printed = CommandLineRun.of("extract", "--model", dir.resolve("student").toString(), "--text",
                "Chronic pancreatitis. No pancreatitis. Free of pancreatitis.", "--assertions", "--triggers",
                dir.resolve("context-triggers.tsv").toString(), "--link", "doid=" + doid);

        // then every entity the tiny student finds carries a decided assertion, and one named "pancreatitis" its code
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.out().strip()).isEqualTo(Files.readString(out).strip());
        JsonNode line = JSON.readTree(Files.readAllLines(out).get(0));
        assertThat(line.get("id").asText()).isEqualTo("text-1");
        for (JsonNode entity : line.get("entities")) {
            assertThat(entity.has("assertion")).as(entity.toString()).isTrue();
            if (entity.path("text").asText().equalsIgnoreCase("pancreatitis")) {
                assertThat(entity.at("/concepts/0/id").asText()).isEqualTo("DOID:4989");
            }
        }
    }

    @Test
    void should_name_the_line_when_extract_gets_a_bad_trigger_file() throws Exception {
        // given a trigger line without a category
        Files.writeString(dir.resolve("bad-triggers.tsv"), "no\tPRE\tNEGATED\nfree of\tPRE\n");

        // when
        CommandLineRun run = CommandLineRun.of("extract", "--model", dir.resolve("student").toString(), "--text",
                "No pancreatitis.", "--assertions", "--triggers", dir.resolve("bad-triggers.tsv").toString());

        // then
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("bad-triggers.tsv", "2");
    }

    @Test
    void should_say_how_many_link_examples_name_a_loaded_concept_when_extract_gets_link_examples() throws Exception {
        // given a DOID lexicon and two coded mentions, one with a code the lexicon lacks
        Path doid = pancreatitisObo();
        Files.writeString(dir.resolve("coded.tsv"), "inflamed pancreas\tMESH:D010195\nhepatitis\tMESH:D006505\n");

        // when
        CommandLineRun run = CommandLineRun.of("extract", "--model", dir.resolve("student").toString(), "--text",
                "Chronic pancreatitis.", "--link", "doid=" + doid, "--link-examples",
                dir.resolve("coded.tsv").toString());

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("coded.tsv: 1 of 2 examples name a loaded concept");
    }

    @Test
    void should_name_the_line_before_loading_the_student_when_extract_gets_a_bad_link_example_file() throws Exception {
        // given a line without a code, and a damaged student that would fail if it were loaded first
        Path doid = pancreatitisObo();
        Files.writeString(dir.resolve("bad-coded.tsv"), "inflamed pancreas\tMESH:D010195\nhepatitis\n");

        // when
        CommandLineRun run = CommandLineRun.of("extract", "--model", dir.resolve("damaged").toString(), "--text",
                "Chronic pancreatitis.", "--link", "doid=" + doid, "--link-examples",
                dir.resolve("bad-coded.tsv").toString());

        // then
        assertThat(run.exitCode()).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat(run.err()).contains("bad-coded.tsv:2: expected 2 tab-separated fields").doesNotContain("damaged");
    }

    @Test
    void should_ask_for_a_lexicon_when_extract_gets_link_examples_without_link() throws Exception {
        Files.writeString(dir.resolve("coded.tsv"), "inflamed pancreas\tMESH:D010195\n");

        CommandLineRun run = CommandLineRun.of("extract", "--model", dir.resolve("student").toString(), "--text",
                "Chronic pancreatitis.", "--link-examples", dir.resolve("coded.tsv").toString());

        assertThat(run.exitCode()).isEqualTo(MedDistillCommand.BAD_INPUT);
        assertThat(run.err()).contains("needs a lexicon to link to", "--link KIND=PATH");
    }

    /** A one-concept DOID file: pancreatitis, DOID:4989, MeSH D010195. */
    private Path pancreatitisObo() throws IOException {
        return Files.writeString(dir.resolve("pancreatitis.obo"), String.join("\n", "format-version: 1.2", "",
                "[Term]", "id: DOID:4989", "name: pancreatitis", "xref: MESH:D010195", ""));
    }
}
