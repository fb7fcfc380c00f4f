package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.labels.LabelSchemes;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.student.Segmentation;

class TokenClassificationCodecTest {

    private static SubwordTokenizer tokenizer;

    @BeforeAll
    static void loadTokenizer() {
        tokenizer = TestTokenizers.miniLm();
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    private static TokenClassificationCodec codec(int maxLength, int stride) {
        return codec(maxLength, stride, Segmentation.WINDOW);
    }

    private static TokenClassificationCodec codec(int maxLength, int stride, Segmentation segmentation) {
        return codec(maxLength, stride, segmentation, false);
    }

    private static TokenClassificationCodec codec(int maxLength, int stride, Segmentation segmentation,
            boolean propagateAbbreviations) {
        List<EntityType> types = List.of(EntityType.DISEASE, EntityType.MEDICATION);
        return new TokenClassificationCodec(tokenizer, new WordTokenizer(), LabelSchemes.BIO,
                LabelSchemes.BIO.tags(types), maxLength, stride, segmentation, propagateAbbreviations);
    }

    /** Scores that put all weight on the gold tag of each word's first piece, and noise elsewhere. */
    private static List<float[][]> goldScores(TokenClassificationCodec codec, EncodedDocument document,
            List<Entity> gold) {
        List<String> wordTags = codec.wordTags(document, gold);
        List<float[][]> scores = new ArrayList<>();
        for (Windows.Window window : document.windows()) {
            int[] labels = codec.labels(document, window, wordTags);
            float[][] windowScores = new float[labels.length][codec.tags().size()];
            for (int t = 0; t < labels.length; t++) {
                int label = labels[t] >= 0 ? labels[t] : (t % codec.tags().size());
                windowScores[t][label] = 5f;
            }
            scores.add(windowScores);
        }
        return scores;
    }

    @Test
    void should_decode_exact_character_spans_when_given_fixed_logits() {
        // given
        TokenClassificationCodec codec = codec(64, 8);
        String text = "Pt w/ adenomatous polyposis coli, on metformin 500mg b.i.d.";
        EncodedDocument document = codec.encode(text);
        int[] firstPiece = document.firstPieceOfWord();
        List<float[][]> scores = List.<float[][]>of(new float[document.subwords().size() + 2][codec.tags().size()]);
        List<String> wanted = new ArrayList<>();
        document.words().forEach(w -> wanted.add(switch (w.text()) {
            case "adenomatous" -> "B-DISEASE";
            case "polyposis", "coli" -> "I-DISEASE";
            case "metformin" -> "B-MEDICATION";
            default -> "O";
        }));
        for (int word = 0; word < wanted.size(); word++) {
            scores.get(0)[firstPiece[word] + 1][codec.tags().indexOf(wanted.get(word))] = 3f;
        }

        // when
        List<Entity> entities = codec.decode(document, scores);

        // then
        assertThat(entities).containsExactly(
                Entity.of(text, text.indexOf("adenomatous"), text.indexOf(","), EntityType.DISEASE),
                Entity.of(text, text.indexOf("metformin"), text.indexOf(" 500"), EntityType.MEDICATION));
    }

    @Test
    void should_add_the_uses_of_a_labelled_abbreviation_when_propagation_is_on() {
        String text = "Seen for Wilson disease (WD). WD is treated.";
        List<Entity> labelled = List.of(Entity.of(text, 9, 23, EntityType.DISEASE));
        TokenClassificationCodec plain = codec(64, 8);
        TokenClassificationCodec propagating = codec(64, 8, Segmentation.SENTENCE, true);

        List<Entity> withoutPropagation = plain.decode(plain.encode(text),
                goldScores(plain, plain.encode(text), labelled));
        EncodedDocument document = propagating.encode(text);
        List<Entity> withPropagation = propagating.decode(document, goldScores(propagating, document, labelled));

        assertThat(withoutPropagation).containsExactlyElementsOf(labelled);
        assertThat(withPropagation).extracting(Entity::text).containsExactly("Wilson disease", "WD", "WD");
        assertThat(propagating.propagatesAbbreviations()).isTrue();
    }

    @Test
    void should_take_the_best_valid_tag_when_a_stray_inside_tag_scores_highest() {
        TokenClassificationCodec codec = codec(64, 8);
        String text = "history of asthma";
        EncodedDocument document = codec.encode(text);
        float[][] scores = new float[document.subwords().size() + 2][codec.tags().size()];
        scores[document.firstPieceOfWord()[2] + 1][codec.tags().indexOf("I-DISEASE")] = 2f;
        scores[document.firstPieceOfWord()[2] + 1][codec.tags().indexOf("B-DISEASE")] = 1f;
        scores[document.firstPieceOfWord()[0] + 1][0] = 1f;
        scores[document.firstPieceOfWord()[1] + 1][0] = 1f;

        List<Entity> entities = codec.decode(document, List.<float[][]>of(scores));

        assertThat(entities).containsExactly(Entity.of(text, 11, 17, EntityType.DISEASE));
    }

    @Test
    void should_label_only_the_first_piece_of_each_word_when_encoding_labels() {
        TokenClassificationCodec codec = codec(64, 8);
        String text = "hyperlipidemia noted";
        EncodedDocument document = codec.encode(text);
        List<String> tags = codec.wordTags(document, List.of(Entity.of(text, 0, 14, EntityType.DISEASE)));

        int[] labels = codec.labels(document, document.windows().get(0), tags);

        assertThat(document.subwords().size()).isGreaterThan(2);
        assertThat(labels[0]).isEqualTo(TokenClassificationCodec.IGNORED);
        assertThat(labels[1]).isEqualTo(codec.tags().indexOf("B-DISEASE"));
        assertThat(labels[2]).isEqualTo(TokenClassificationCodec.IGNORED);
        assertThat(labels[labels.length - 1]).isEqualTo(TokenClassificationCodec.IGNORED);
        assertThat(codec.inputIds(document, document.windows().get(0))[0]).isEqualTo(tokenizer.clsId());
    }

    @ParameterizedTest
    @EnumSource(Segmentation.class)
    void should_stitch_windows_to_the_exact_spans_when_a_100k_character_note_is_decoded(Segmentation segmentation) {
        // given: a long note with an entity every few words, some across window boundaries
        TokenClassificationCodec codec = codec(32, 8, segmentation);
        StringBuilder text = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; text.length() < 100_000; i++) {
            text.append("The patient reported ");
            int start = text.length();
            text.append(i % 2 == 0 ? "chronic obstructive pulmonary disease" : "type 2 diabetes mellitus");
            spans.add(new int[] {start, text.length()});
            text.append(" again,\r\nand stable. ");
        }
        String note = text.toString();
        List<Entity> gold = spans.stream().map(s -> Entity.of(note, s[0], s[1], EntityType.DISEASE)).toList();
        EncodedDocument document = codec.encode(note);

        // when
        List<Entity> decoded = codec.decode(document, goldScores(codec, document, gold));

        // then
        assertThat(document.windows().size()).isGreaterThan(500);
        assertThat(decoded).isEqualTo(gold);
    }

    @Test
    void should_keep_every_window_inside_one_sentence_when_segmenting_by_sentence() {
        // given: two short sentences and a third longer than a window
        TokenClassificationCodec codec = codec(16, 4, Segmentation.SENTENCE);
        String text = "Asthma noted. Metformin started. " + "The patient reported mild intermittent pain ".repeat(4)
                + "today.";
        EncodedDocument document = codec.encode(text);
        int[] wordOfPiece = document.subwords().wordOfPiece();

        // then
        List<String> windowTexts = document.windows().stream().map(w -> text.substring(
                document.words().get(wordOfPiece[w.start()]).start(),
                document.words().get(wordOfPiece[w.end() - 1]).end())).toList();
        assertThat(windowTexts).startsWith("Asthma noted.", "Metformin started.").hasSizeGreaterThan(3);
        assertThat(windowTexts.subList(2, windowTexts.size())).allSatisfy(t -> assertThat(t.indexOf('.'))
                .as("a full stop only at the end of %s", t).isIn(-1, t.length() - 1));
        assertThat(codec(16, 4, Segmentation.WINDOW).encode(text).windows().get(0).length()).isGreaterThan(
                document.windows().get(0).length());
    }

    @Test
    void should_return_no_entities_when_the_text_is_blank() {
        TokenClassificationCodec codec = codec(32, 8);
        EncodedDocument document = codec.encode("  \n ");

        assertThat(document.windows()).isEmpty();
        assertThat(codec.decode(document, List.of())).isEmpty();
    }
}
