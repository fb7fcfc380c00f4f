package io.github.meddistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.ndarray.types.Shape;
import io.github.meddistill.core.Annotation;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.student.internal.BertModel;

/** An HF checkpoint directory as a user downloads it: config.json, BF16 model.safetensors, vocab.txt only. */
class CheckpointEncoderTest {

    private static final BertConfig TINY = new BertConfig(30522, 32, 2, 2, 64, 128, 2, 1e-12, 0.1, 0.1);

    /** Writes random BF16 encoder weights (HF names with bert. prefix, plus a pooler the student ignores). */
    private static void writeBf16Checkpoint(Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, Object> config = TINY.toJson();
        new ObjectMapper().writeValue(dir.resolve("config.json").toFile(), config);
        Map<String, Shape> shapes = new java.util.LinkedHashMap<>();
        BertModel.shapes(TINY, 1).forEach((name, shape) -> {
            if (!name.startsWith("classifier.")) {
                shapes.put("bert." + name, shape);
            }
        });
        shapes.put("bert.pooler.dense.weight", new Shape(32, 32));
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        java.util.Random random = new java.util.Random(5);
        ByteBuffer data = ByteBuffer.allocate(2 * 30522 * 32 * 2 + 1_000_000).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Shape> entry : shapes.entrySet()) {
            long count = entry.getValue().size();
            header.append(header.length() > 1 ? "," : "").append('"').append(entry.getKey())
                    .append("\":{\"dtype\":\"BF16\",\"shape\":[");
            long[] dims = entry.getValue().getShape();
            for (int i = 0; i < dims.length; i++) {
                header.append(i > 0 ? "," : "").append(dims[i]);
            }
            header.append("],\"data_offsets\":[").append(offset).append(',').append(offset + 2 * count).append("]}");
            boolean gain = entry.getKey().endsWith("LayerNorm.weight");
            for (long i = 0; i < count; i++) {
                float value = gain ? 1f : (float) (random.nextGaussian() * 0.02);
                data.putShort((short) (Float.floatToIntBits(value) >>> 16));
            }
            offset += 2 * count;
        }
        header.append('}');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + headerBytes.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(headerBytes.length).put(headerBytes).put(data.array(), 0, (int) offset);
        Files.write(dir.resolve("model.safetensors"), file.array());

        JsonNode vocab;
        try (var in = PretrainedEncoder.MINILM.openTokenizer()) {
            vocab = new ObjectMapper().readTree(in).path("model").path("vocab");
        }
        String[] tokens = new String[vocab.size()];
        Iterator<Map.Entry<String, JsonNode>> fields = vocab.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            tokens[field.getValue().asInt()] = field.getKey();
        }
        Files.write(dir.resolve("vocab.txt"), List.of(tokens), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": true}");
    }

    @Test
    void should_train_from_a_bf16_checkpoint_with_only_a_vocab_txt(@TempDir Path dir) throws Exception {
        // given
        Path checkpoint = dir.resolve("checkpoint");
        writeBf16Checkpoint(checkpoint);
        List<Annotation> training = SyntheticNotes.generate(8, 4);
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.checkpoint(checkpoint))
                .learningRate(1e-3).epochs(1).batchSize(8).devices("cpu").build();

        // when
        try (BertStudent student = trainer.train(training, List.of())) {
            student.save(dir.resolve("student"));

            // then
            assertThat(student.config()).isEqualTo(TINY);
            assertThat(student.encoderName()).isEqualTo("checkpoint");
            assertThat(student.extract(training.get(0).document().text())).isNotNull();
        }
        assertThat(Files.readString(dir.resolve("student/tokenizer.json"))).contains("WordPiece", "[CLS]");
    }

    @Test
    void should_name_the_missing_tokenizer_when_a_checkpoint_has_none(@TempDir Path dir) throws Exception {
        writeBf16Checkpoint(dir);
        Files.delete(dir.resolve("vocab.txt"));
        BertStudentTrainer trainer = BertStudentTrainer.builder().encoder(EncoderSource.checkpoint(dir))
                .devices("cpu").build();

        assertThatThrownBy(() -> trainer.train(SyntheticNotes.generate(2, 1), List.of()))
                .isInstanceOf(NonRetriableException.class).hasMessageContaining("neither tokenizer.json nor vocab.txt");
    }
}
