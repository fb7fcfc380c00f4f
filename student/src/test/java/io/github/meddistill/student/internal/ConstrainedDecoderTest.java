package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.labels.LabelScheme;
import io.github.meddistill.core.labels.LabelSchemes;

class ConstrainedDecoderTest {

    private static final List<EntityType> TYPES = List.of(EntityType.DISEASE, EntityType.MEDICATION);

    private static double[] logProbabilities(double... probabilities) {
        return Arrays.stream(probabilities).map(Math::log).toArray();
    }

    private static List<String> tags(LabelScheme scheme, int[] labels) {
        List<String> tags = scheme.tags(TYPES);
        return Arrays.stream(labels).mapToObj(tags::get).toList();
    }

    /** BIO tags decoded from per-word probabilities over O, B-DISEASE, I-DISEASE, B-MEDICATION, I-MEDICATION. */
    private static List<String> decodeBio(double[]... wordProbabilities) {
        ConstrainedDecoder decoder = new ConstrainedDecoder(LabelSchemes.BIO, LabelSchemes.BIO.tags(TYPES));
        double[][] words = Arrays.stream(wordProbabilities).map(ConstrainedDecoderTest::logProbabilities)
                .toArray(double[][]::new);
        return tags(LabelSchemes.BIO, decoder.decode(words));
    }

    @Test
    void should_keep_an_entity_whole_when_one_inside_word_scores_just_below_outside() {
        // "adenomatous polyposis coli"
        List<String> tags = decodeBio(
                new double[] {0.05, 0.9, 0.03, 0.01, 0.01},
                new double[] {0.48, 0.02, 0.46, 0.02, 0.02},
                new double[] {0.05, 0.02, 0.9, 0.02, 0.01});

        assertThat(tags).containsExactly("B-DISEASE", "I-DISEASE", "I-DISEASE");
    }

    @Test
    void should_merge_or_drop_a_modifier_when_it_scores_as_an_entity_of_its_own() {
        // "severe hypertrophic cardiomyopathy": the modifier alone is likelier an entity than outside, but a
        // second mention may not start right after it
        List<String> tags = decodeBio(
                new double[] {0.3, 0.6, 0.08, 0.01, 0.01},
                new double[] {0.02, 0.9, 0.06, 0.01, 0.01},
                new double[] {0.05, 0.02, 0.9, 0.02, 0.01});

        assertThat(tags).containsExactly("O", "B-DISEASE", "I-DISEASE");
    }

    @Test
    void should_let_an_entity_follow_one_of_another_type_when_they_touch() {
        List<String> tags = decodeBio(
                new double[] {0.05, 0.02, 0.01, 0.9, 0.02},
                new double[] {0.05, 0.9, 0.03, 0.01, 0.01});

        assertThat(tags).containsExactly("B-MEDICATION", "B-DISEASE");
    }

    @Test
    void should_return_the_best_valid_sequence_without_touching_entities_when_compared_with_every_sequence() {
        Random random = new Random(5);
        for (LabelScheme scheme : LabelSchemes.all()) {
            List<String> tags = scheme.tags(TYPES);
            ConstrainedDecoder decoder = new ConstrainedDecoder(scheme, tags);
            for (int trial = 0; trial < 200; trial++) {
                double[][] words = new double[1 + random.nextInt(4)][tags.size()];
                for (double[] word : words) {
                    for (int j = 0; j < word.length; j++) {
                        word[j] = Math.log(random.nextDouble() + 1e-3);
                    }
                }

                int[] decoded = decoder.decode(words);

                assertThat(scheme.isValid(tags(scheme, decoded))).isTrue();
                assertThat(touches(scheme, tags(scheme, decoded))).isFalse();
                assertThat(score(words, decoded)).isCloseTo(bestValidScore(scheme, tags, words),
                        within(1e-9));
            }
        }
    }

    @Test
    void should_return_nothing_when_there_are_no_words() {
        assertThat(new ConstrainedDecoder(LabelSchemes.BIO, LabelSchemes.BIO.tags(TYPES)).decode(new double[0][]))
                .isEmpty();
    }

    private static double score(double[][] words, int[] labels) {
        double total = 0;
        for (int w = 0; w < words.length; w++) {
            total += words[w][labels[w]];
        }
        return total;
    }

    private static double bestValidScore(LabelScheme scheme, List<String> tags, double[][] words) {
        double best = Double.NEGATIVE_INFINITY;
        int combinations = (int) Math.pow(tags.size(), words.length);
        for (int code = 0; code < combinations; code++) {
            int[] labels = new int[words.length];
            List<String> sequence = new ArrayList<>();
            for (int w = 0, rest = code; w < words.length; w++, rest /= tags.size()) {
                labels[w] = rest % tags.size();
                sequence.add(tags.get(labels[w]));
            }
            if (scheme.isValid(sequence) && !touches(scheme, sequence)) {
                best = Math.max(best, score(words, labels));
            }
        }
        return best;
    }

    private static boolean touches(LabelScheme scheme, List<String> sequence) {
        for (int i = 1; i < sequence.size(); i++) {
            if (scheme.startsTouchingEntity(sequence.get(i - 1), sequence.get(i))) {
                return true;
            }
        }
        return false;
    }
}
