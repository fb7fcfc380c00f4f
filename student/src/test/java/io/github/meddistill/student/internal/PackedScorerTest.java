package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.labels.LabelSchemes;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.student.BertConfig;
import io.github.meddistill.student.Segmentation;

/**
 * Packed forward passes compute what padded batches compute: same logits up to rounding, same entities, on
 * PyTorch and on ONNX Runtime, and int8 stays close. A tiny model with seeded weights large enough that its
 * logits are far from ties, and the MiniLM tokenizer.
 */
class PackedScorerTest {

    private static final BertConfig TINY = new BertConfig(30522, 32, 2, 4, 64, 64, 2, 1e-12, 0.1, 0.1);
    private static final List<EntityType> TYPES = List.of(EntityType.DISEASE, EntityType.MEDICATION);
    private static final List<String> NOTES = List.of(
            "Patient denies chest pain; started metformin 500 mg for type 2 diabetes.",
            "No fever.",
            "Adenomatous polyposis coli is an inherited cancer syndrome. It is caused by mutations of the APC gene,"
                    + " and carriers develop hundreds of colorectal adenomas, some of which become carcinomas"
                    + " unless the colon is removed early in adult life.",
            "",
            "History of asthma and hypertension. Takes lisinopril and albuterol as needed. Mother had breast cancer.");

    private static SubwordTokenizer tokenizer;
    private static Map<String, FloatTensor> weights;
    private static BertModel model;

    @BeforeAll
    static void createModel() {
        tokenizer = TestTokenizers.miniLm();
        weights = seededWeights(TINY, labels(), 7);
        model = BertModel.random(TINY, labels(), Engine.getEngine("PyTorch").newBaseManager(Device.cpu()));
        model.assign(weights, true, "seeded");
    }

    @AfterAll
    static void close() {
        model.close();
        tokenizer.close();
    }

    @ParameterizedTest
    @EnumSource(Segmentation.class)
    void should_give_the_same_entities_as_padded_batches_when_windows_are_packed(Segmentation segmentation) {
        // given: windows of 24 pieces, so the long note is cut into overlapping windows
        TokenClassificationCodec codec = codec(segmentation);
        List<EncodedDocument> documents = NOTES.stream().map(codec::encode).toList();

        // when
        List<List<Entity>> padded = decode(codec, documents, BatchScorer.scores(model, codec, documents, 2));
        List<List<Entity>> packed = decode(codec, documents, PackedScorer.scores(PackedScorerTest::pytorchLogits,
                labels(), codec, documents, PackedScorer.TOKENS_PER_PASS));

        // then
        assertThat(packed).isEqualTo(padded);
        assertThat(packed.stream().mapToInt(List::size).sum()).as("entities found").isPositive();
    }

    @Test
    void should_give_the_same_scores_when_passes_are_cut_at_a_small_token_budget() {
        // given
        TokenClassificationCodec codec = codec(Segmentation.SENTENCE);
        List<EncodedDocument> documents = NOTES.stream().map(codec::encode).toList();

        // when
        List<List<float[][]>> one = PackedScorer.scores(PackedScorerTest::pytorchLogits, labels(), codec, documents,
                PackedScorer.TOKENS_PER_PASS);
        List<List<float[][]>> many = PackedScorer.scores(PackedScorerTest::pytorchLogits, labels(), codec, documents,
                20);

        // then
        assertThat(maxDifference(one, many)).isLessThanOrEqualTo(1e-5f);
    }

    @Test
    void should_match_pytorch_when_the_packed_graph_runs_on_onnx_runtime() throws Exception {
        // given
        TokenClassificationCodec codec = codec(Segmentation.SENTENCE);
        List<EncodedDocument> documents = NOTES.stream().map(codec::encode).toList();
        List<List<float[][]>> expected = BatchScorer.scores(model, codec, documents, 32);

        // when
        List<List<float[][]>> onnx = onnxScores(OnnxExport.packed(TINY, labels(), weights, false), codec, documents);

        // then
        assertThat(maxDifference(expected, onnx)).isLessThanOrEqualTo(1e-4f);
        assertThat(decode(codec, documents, onnx)).isEqualTo(decode(codec, documents, expected));
    }

    @Test
    void should_stay_close_to_fp32_when_the_packed_graph_is_quantised_to_int8() throws Exception {
        // given
        TokenClassificationCodec codec = codec(Segmentation.SENTENCE);
        List<EncodedDocument> documents = NOTES.stream().map(codec::encode).toList();
        List<List<float[][]>> fp32 = BatchScorer.scores(model, codec, documents, 32);

        // when
        List<List<float[][]>> int8 = onnxScores(OnnxExport.packed(TINY, labels(), weights, true), codec, documents);

        // then: off by a few percent of a typical logit, and the same tag at nearly every position. The seeded
        // weights (normal(0, 0.3) on 32 dimensions) give much larger activations than trained ones, so 7-bit weights
        // and uint8 activations lose more here (7% of a mean logit) than on a trained student, whose F1 change the
        // inference benchmark measures; a wrong layout or scale would be off by about the logits themselves
        double[] fp32Stats = meanAbsolute(fp32, fp32);
        double[] int8Stats = meanAbsolute(fp32, int8);
        System.out.println("mean |logit| " + fp32Stats[0] + ", mean |int8 - fp32| " + int8Stats[1] + ", max "
                + maxDifference(fp32, int8) + ", argmax agreement " + argmaxAgreement(fp32, int8));
        assertThat(int8Stats[1]).isGreaterThan(0).isLessThanOrEqualTo(0.12 * fp32Stats[0]);
        assertThat(argmaxAgreement(fp32, int8)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void should_keep_the_feed_forward_output_product_fp32_when_quantising_to_int8() {
        // when
        String graph = new String(OnnxExport.packed(TINY, labels(), weights, true),
                StandardCharsets.ISO_8859_1);

        // then: every layer quantises its query/key/value, attention output and feed-forward input weights, and
        // keeps the feed-forward output weight as float (the most sensitive product, chosen on dev)
        for (int layer = 0; layer < TINY.layers(); layer++) {
            String prefix = "encoder.layer." + layer + ".";
            assertThat(graph).contains(prefix + "attention.self.qkv.weight_int8",
                    prefix + "attention.output.dense.weight_int8", prefix + "intermediate.dense.weight_int8",
                    prefix + "output.dense.weight").doesNotContain(prefix + "output.dense.weight_int8");
        }
    }

    private static float[] pytorchLogits(PackedBatch batch) {
        try (NDManager manager = model.newBatchManager()) {
            return model.packedLogits(manager, batch).toFloatArray();
        }
    }

    private static List<List<float[][]>> onnxScores(byte[] graph, TokenClassificationCodec codec,
            List<EncodedDocument> documents) throws Exception {
        try (Model onnx = Model.newInstance("packed", Device.cpu(), "OnnxRuntime")) {
            onnx.load(new ByteArrayInputStream(graph), Map.of());
            try (Predictor<NDList, NDList> predictor = onnx.newPredictor(new NoopTranslator())) {
                return PackedScorer.scores(batch -> {
                    try (NDManager manager = onnx.getNDManager().newSubManager()) {
                        Shape rows = new Shape(batch.rows(), batch.rowLength());
                        NDList inputs = new NDList(manager.create(batch.inputIds()),
                                manager.create(batch.positionIds()), manager.create(batch.tokenSlots()),
                                manager.create(batch.rowTokens(), rows),
                                manager.create(batch.attentionBias(), rows.add(batch.rowLength())));
                        String[] names = {"input_ids", "position_ids", "token_slots", "row_tokens", "attention_bias"};
                        for (int i = 0; i < names.length; i++) {
                            inputs.get(i).setName(names[i]);
                        }
                        return predictor.predict(inputs).get(0).toFloatArray();
                    } catch (ai.djl.translate.TranslateException e) {
                        throw new IllegalStateException(e);
                    }
                }, labels(), codec, documents, PackedScorer.TOKENS_PER_PASS);
            }
        }
    }

    private static TokenClassificationCodec codec(Segmentation segmentation) {
        return new TokenClassificationCodec(tokenizer, new WordTokenizer(), LabelSchemes.BIO,
                LabelSchemes.BIO.tags(TYPES), 24, 6, segmentation, false);
    }

    private static int labels() {
        return LabelSchemes.BIO.tags(TYPES).size();
    }

    private static List<List<Entity>> decode(TokenClassificationCodec codec, List<EncodedDocument> documents,
            List<List<float[][]>> scores) {
        List<List<Entity>> entities = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            entities.add(codec.decode(documents.get(i), scores.get(i)));
        }
        return entities;
    }

    private static float maxDifference(List<List<float[][]>> a, List<List<float[][]>> b) {
        assertThat(b).hasSameSizeAs(a);
        float max = 0;
        for (int d = 0; d < a.size(); d++) {
            assertThat(b.get(d)).hasSameSizeAs(a.get(d));
            for (int w = 0; w < a.get(d).size(); w++) {
                float[][] x = a.get(d).get(w);
                float[][] y = b.get(d).get(w);
                assertThat(y.length).isEqualTo(x.length);
                for (int t = 0; t < x.length; t++) {
                    for (int l = 0; l < x[t].length; l++) {
                        max = Math.max(max, Math.abs(x[t][l] - y[t][l]));
                    }
                }
            }
        }
        return max;
    }

    /** The mean absolute value of {@code a}'s scores and the mean absolute difference of {@code b}'s. */
    private static double[] meanAbsolute(List<List<float[][]>> a, List<List<float[][]>> b) {
        double value = 0;
        double difference = 0;
        long count = 0;
        for (int d = 0; d < a.size(); d++) {
            for (int w = 0; w < a.get(d).size(); w++) {
                for (int t = 0; t < a.get(d).get(w).length; t++) {
                    for (int l = 0; l < a.get(d).get(w)[t].length; l++) {
                        value += Math.abs(a.get(d).get(w)[t][l]);
                        difference += Math.abs(a.get(d).get(w)[t][l] - b.get(d).get(w)[t][l]);
                        count++;
                    }
                }
            }
        }
        return new double[] {value / count, difference / count};
    }

    private static double argmaxAgreement(List<List<float[][]>> a, List<List<float[][]>> b) {
        int same = 0;
        int total = 0;
        for (int d = 0; d < a.size(); d++) {
            for (int w = 0; w < a.get(d).size(); w++) {
                for (int t = 0; t < a.get(d).get(w).length; t++) {
                    same += argmax(a.get(d).get(w)[t]) == argmax(b.get(d).get(w)[t]) ? 1 : 0;
                    total++;
                }
            }
        }
        return (double) same / total;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }

    /** Weights drawn from a seeded Java generator: normal(0, 0.3) matrices, small biases, unit LayerNorm gains. */
    private static Map<String, FloatTensor> seededWeights(BertConfig config, int labels, long seed) {
        Random random = new Random(seed);
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        BertModel.shapes(config, labels).forEach((name, shape) -> {
            float[] values = new float[(int) shape.size()];
            for (int i = 0; i < values.length; i++) {
                if (name.endsWith("LayerNorm.weight")) {
                    values[i] = 1f + 0.1f * (float) random.nextGaussian();
                } else if (name.endsWith(".bias")) {
                    values[i] = 0.05f * (float) random.nextGaussian();
                } else {
                    values[i] = 0.3f * (float) random.nextGaussian();
                }
            }
            tensors.put(name, new FloatTensor(shape.getShape(), values));
        });
        return tensors;
    }
}
