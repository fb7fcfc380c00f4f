package io.github.meddistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.labels.LabelSchemes;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.student.internal.BertModel;
import io.github.meddistill.student.internal.ChecksumManifest;
import io.github.meddistill.student.internal.SubwordTokenizer;
import io.github.meddistill.student.internal.TokenClassificationCodec;

class SavedStudentIntegrityTest {

    private static final BertConfig TINY = new BertConfig(30522, 32, 2, 2, 64, 128, 2, 1e-12, 0.1, 0.1);
    private static final Set<EntityType> TYPES = Set.of(EntityType.DISEASE);

    private static BertStudent student;

    @TempDir
    Path dir;

    /** An untrained tiny student: integrity is about the files, not about what the weights learned. */
    @BeforeAll
    static void create() throws IOException {
        List<String> tags = LabelSchemes.BIO.tags(TYPES);
        byte[] tokenizerJson;
        try (InputStream in = PretrainedEncoder.MINILM.openTokenizer()) {
            tokenizerJson = in.readAllBytes();
        }
        SubwordTokenizer tokenizer = SubwordTokenizer.fromJson(tokenizerJson, "minilm tokenizer.json");
        TokenClassificationCodec codec = new TokenClassificationCodec(tokenizer, new WordTokenizer(), LabelSchemes.BIO,
                tags, 128, 32, Segmentation.SENTENCE, false);
        BertModel model = BertModel.random(TINY, tags.size(), Engine.getEngine("PyTorch").newBaseManager(Device.cpu()));
        student = new BertStudent(model, tokenizer, codec, TYPES, 8, "tiny");
    }

    @AfterAll
    static void close() {
        student.close();
    }

    private Path saved() {
        Path folder = dir.resolve("student");
        student.save(folder);
        return folder;
    }

    private static void rewriteManifest(Path folder) throws IOException {
        ChecksumManifest.write(folder, List.of("config.json", "tokenizer.json", "model.safetensors"));
    }

    @Test
    void should_name_the_damaged_file_when_a_third_of_the_weights_is_overwritten() throws Exception {
        // given: the middle third of the weights overwritten with 0xFF (NaN floats), as a bad copy would
        Path folder = saved();
        Path weights = folder.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Arrays.fill(bytes, bytes.length / 3, 2 * bytes.length / 3, (byte) 0xFF);
        Files.write(weights, bytes);

        // when / then
        assertThatThrownBy(() -> BertStudent.load(folder, Device.cpu())).isInstanceOf(NonRetriableException.class)
                .hasMessageContaining(weights.toString()).hasMessageContaining("is damaged")
                .hasMessageContaining("SHA-256");
    }

    @Test
    void should_write_a_manifest_that_sha256sum_understands_and_load_it_back() throws Exception {
        Path folder = saved();

        List<String> manifest = Files.readAllLines(folder.resolve("SHA256SUMS"));

        assertThat(manifest).hasSize(3).allMatch(line -> line.matches("[0-9a-f]{64}  [a-z.]+"));
        assertThat(manifest).extracting(line -> line.substring(66))
                .containsExactly("config.json", "tokenizer.json", "model.safetensors");
        try (BertStudent loaded = BertStudent.load(folder, Device.cpu())) {
            assertThat(loaded.tags()).isEqualTo(student.tags());
        }
    }

    @Test
    void should_say_how_to_vouch_for_the_files_when_the_manifest_is_missing() throws Exception {
        Path folder = saved();
        Files.delete(folder.resolve("SHA256SUMS"));

        assertThatThrownBy(() -> BertStudent.load(folder, Device.cpu())).isInstanceOf(NonRetriableException.class)
                .hasMessageContaining("SHA256SUMS is missing")
                .hasMessageContaining("sha256sum config.json tokenizer.json model.safetensors > SHA256SUMS");
    }

    @Test
    void should_name_the_tensor_when_its_shape_disagrees_with_config_json() throws Exception {
        // given: a config that describes one layer while the weights have two, with matching checksums
        Path folder = saved();
        Path config = folder.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"num_hidden_layers\" : 2", "\"num_hidden_layers\" : 1")
                .replace("\"intermediate_size\" : 64", "\"intermediate_size\" : 48"));
        rewriteManifest(folder);

        assertThatThrownBy(() -> BertStudent.load(folder, Device.cpu())).isInstanceOf(NonRetriableException.class)
                .hasMessageContaining("model.safetensors: tensor 'bert.encoder.layer.0.intermediate.dense.weight':"
                        + " expected F32 [48, 32]")
                .hasMessageContaining("intermediate_size 48").hasMessageContaining("but was F32 [64, 32]");
    }

    @Test
    void should_name_the_dtype_when_config_json_declares_another_one() throws Exception {
        Path folder = saved();
        Path config = folder.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"torch_dtype\" : \"float32\"",
                "\"torch_dtype\" : \"float16\""));
        rewriteManifest(folder);

        assertThatThrownBy(() -> BertStudent.load(folder, Device.cpu())).isInstanceOf(NonRetriableException.class)
                .hasMessageContaining("tensor 'bert.embeddings.word_embeddings.weight': expected F16 [30522, 32]")
                .hasMessageContaining("but was F32 [30522, 32]");
    }

    @Test
    void should_replace_a_saved_student_and_leave_no_hidden_folder_when_saving_again() throws Exception {
        Path folder = saved();
        Files.writeString(folder.resolve(".complete"), "fingerprint of the old one");

        student.save(folder);

        assertThat(folder.resolve(".complete")).doesNotExist();
        assertThat(folder.resolve("SHA256SUMS")).isRegularFile();
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(folder);
        }
    }

    @Test
    void should_leave_other_files_alone_when_asked_to_save_into_a_folder_that_holds_no_student() throws Exception {
        Path folder = dir.resolve("notes");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("n1.txt"), "Chronic pancreatitis.", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> student.save(folder)).isInstanceOf(NonRetriableException.class)
                .hasMessageContaining("will not save student to").hasMessageContaining("n1.txt");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(folder.resolve("n1.txt"));
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(folder);
        }
    }
}
