package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.labels.LabelSchemes;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.student.Segmentation;

class EntityBiasCalibrationTest {

    private static final String TEXT = "aspirin and ibuprofen daily";

    private static SubwordTokenizer tokenizer;
    private static TokenClassificationCodec codec;

    @BeforeAll
    static void loadTokenizer() {
        tokenizer = TestTokenizers.miniLm();
        codec = new TokenClassificationCodec(tokenizer, new WordTokenizer(), LabelSchemes.BIO,
                LabelSchemes.BIO.tags(List.of(EntityType.DISEASE, EntityType.MEDICATION)), 64, 8,
                Segmentation.SENTENCE, false);
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    /** Sure of "aspirin", barely prefers MEDICATION over O for "ibuprofen", O elsewhere. */
    private static List<float[][]> scores(EncodedDocument document) {
        float[][] scores = new float[document.subwords().size() + 2][codec.tags().size()];
        int medication = codec.tags().indexOf("B-MEDICATION");
        scores[document.firstPieceOfWord()[0] + 1][medication] = 3f;
        scores[document.firstPieceOfWord()[2] + 1][medication] = 0.4f;
        for (int word : new int[] {1, 3}) {
            scores[document.firstPieceOfWord()[word] + 1][0] = 3f;
        }
        return List.<float[][]>of(scores);
    }

    @Test
    void should_choose_the_smallest_bias_that_drops_an_unsure_entity_when_it_raises_dev_f1() {
        EncodedDocument document = codec.encode(TEXT);
        List<List<Entity>> gold = List.of(List.of(Entity.of(TEXT, 0, 7, EntityType.MEDICATION)));

        EntityBiasCalibration.Result result = EntityBiasCalibration.calibrate(codec,
                List.of(EntityType.DISEASE, EntityType.MEDICATION), List.of(document), List.of(scores(document)), gold);

        assertThat(codec.decode(document, scores(document))).extracting(Entity::text)
                .containsExactly("aspirin", "ibuprofen");
        assertThat(result.bias()).isEqualTo(Map.of(EntityType.DISEASE, 0.0, EntityType.MEDICATION, 0.5));
        assertThat(result.f1()).isEqualTo(1.0);
        assertThat(codec.withEntityBias(result.bias()).decode(document, scores(document)))
                .isEqualTo(gold.get(0));
    }

    @Test
    void should_keep_a_zero_bias_when_no_candidate_does_better() {
        EncodedDocument document = codec.encode(TEXT);
        List<List<Entity>> gold = List.of(List.of(Entity.of(TEXT, 0, 7, EntityType.MEDICATION),
                Entity.of(TEXT, 12, 21, EntityType.MEDICATION)));

        EntityBiasCalibration.Result result = EntityBiasCalibration.calibrate(codec, List.of(EntityType.MEDICATION),
                List.of(document), List.of(scores(document)), gold);

        assertThat(result.bias()).isEqualTo(Map.of(EntityType.MEDICATION, 0.0));
        assertThat(result.f1()).isEqualTo(1.0);
    }
}
