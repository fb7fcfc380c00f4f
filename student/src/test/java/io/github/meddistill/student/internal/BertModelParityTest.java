package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import io.github.meddistill.student.PretrainedEncoder;

class BertModelParityTest {

    @Test
    void should_match_onnx_runtime_last_hidden_state_when_loaded_with_minilm_weights(@TempDir Path dir)
            throws Exception {
        // given: a padded batch of two sentences of different length
        PretrainedEncoder encoder = PretrainedEncoder.MINILM;
        long[][] ids;
        try (InputStream in = encoder.openTokenizer();
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"))) {
            List<String> texts = List.of("Patient denies chest pain; started metformin 500 mg.",
                    "Adenomatous polyposis coli is an inherited cancer syndrome of the colon and rectum.");
            Encoding[] encodings = tokenizer.batchEncode(texts);
            int longest = Math.max(encodings[0].getIds().length, encodings[1].getIds().length);
            ids = new long[2][longest];
            for (int i = 0; i < 2; i++) {
                System.arraycopy(encodings[i].getIds(), 0, ids[i], 0, encodings[i].getIds().length);
            }
        }
        long[][] mask = new long[2][ids[0].length];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < ids[i].length; j++) {
                mask[i][j] = j == 0 || ids[i][j] != 0 ? 1 : 0;
            }
        }
        Path onnx = dir.resolve("model.onnx");
        try (InputStream in = encoder.openModel()) {
            Files.copy(in, onnx, StandardCopyOption.REPLACE_EXISTING);
        }

        float[] expected;
        try (Model model = Model.newInstance("minilm", Device.cpu(), "OnnxRuntime")) {
            model.load(dir, "model");
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                    NDManager manager = NDManager.newBaseManager(Device.cpu(), "OnnxRuntime")) {
                NDArray inputIds = manager.create(ids);
                inputIds.setName("input_ids");
                NDArray attention = manager.create(mask);
                attention.setName("attention_mask");
                NDArray types = manager.zeros(inputIds.getShape(), inputIds.getDataType());
                types.setName("token_type_ids");
                NDList output = predictor.predict(new NDList(inputIds, attention, types));
                expected = output.get(0).mul(manager.create(mask).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .expandDims(2)).toFloatArray();
            }
        }

        // when
        float[] actual;
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
        try (BertModel model = BertModel.random(encoder.config(), 3, manager)) {
            model.assign(encoder.readWeights(), false, encoder.modelResource());
            try (NDManager batch = manager.newSubManager()) {
                NDArray hidden = model.encode(batch.create(ids), batch.create(mask), false);
                actual = hidden.mul(batch.create(mask).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                        .expandDims(2)).toFloatArray();
            }
        }

        // then: padding positions are zeroed on both sides, real tokens agree
        assertThat(actual).hasSameSizeAs(expected);
        float maxDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        assertThat(maxDiff).as("max abs difference of the last hidden state").isLessThanOrEqualTo(1e-4f);
    }
}
