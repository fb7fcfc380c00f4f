package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.meddistill.core.text.Token;

class SubwordTokenizerTest {

    private static SubwordTokenizer javaAscii;
    private static SubwordTokenizer nativeOnly;

    @BeforeAll
    static void load() {
        javaAscii = SubwordTokenizer.fromJson(TestTokenizers.miniLmJson(), "minilm", true);
        nativeOnly = SubwordTokenizer.fromJson(TestTokenizers.miniLmJson(), "minilm", false);
    }

    @AfterAll
    static void close() {
        javaAscii.close();
        nativeOnly.close();
    }

    @Test
    void should_give_the_native_pieces_when_words_are_clinical_text() {
        assertSamePieces(List.of("Patient", "denies", "chest", "pain", ";", "BRCA1-associated", "adrenoleukodystrophy",
                "5-FU", "q.i.d.", "(", "COPD", ")", "IL-2", "anti-TNF-alpha", "x2", "100mg", "O'Brien", "#3", "1,000",
                "A", "[", "CLS", "]"));
    }

    @Test
    void should_give_the_native_pieces_when_words_are_not_ascii_or_hold_added_tokens() {
        assertSamePieces(List.of("Sjögren", "café", "β-blocker", "naïve", "x\u00a0y", "[CLS]", "a[MASK]b", "[unk]",
                "\u4e2d\u6587", "ok", "Ångström"));
    }

    @Test
    void should_give_the_native_pieces_when_words_hold_control_characters_or_are_too_long() {
        assertSamePieces(List.of("a\u0000b", "tab\there", "line\nbreak", "del\u007fete", "v\u000btab", "\u0001",
                "x".repeat(100), "y".repeat(101), "a" + "-".repeat(150), "qqqqzzzzxxxx", "\u0007"));
    }

    @Test
    void should_give_the_native_pieces_when_words_are_random_ascii() {
        Random random = new Random(20261207L);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\u0000\u0001\u000b\u007f";
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder word = new StringBuilder();
            int length = 1 + random.nextInt(i % 50 == 0 ? 120 : 14);
            for (int c = 0; c < length; c++) {
                // mostly letters, so that greedy matching reaches real multi-piece words
                word.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : alphabet.charAt(random.nextInt(26)));
            }
            words.add(word.toString());
        }
        assertSamePieces(words);
    }

    @Test
    void should_keep_every_word_native_when_the_tokenizer_is_not_bert_word_piece() {
        String json = new String(TestTokenizers.miniLmJson(), StandardCharsets.UTF_8)
                .replaceAll("\"type\"\\s*:\\s*\"BertPreTokenizer\"", "\"type\": \"Whitespace\"");
        assertThat(json).doesNotContain("BertPreTokenizer");
        assertThat(AsciiWordPieces.of(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(AsciiWordPieces.of(TestTokenizers.miniLmJson())).isPresent();
    }

    private static void assertSamePieces(List<String> texts) {
        List<Token> words = new ArrayList<>();
        int offset = 0;
        for (String text : texts) {
            words.add(new Token(text, offset, offset + text.length()));
            offset += text.length() + 1;
        }
        SubwordTokenizer.Subwords expected = nativeOnly.encode(words);
        SubwordTokenizer.Subwords actual = javaAscii.encode(words);
        assertThat(actual.ids()).containsExactly(expected.ids());
        assertThat(actual.wordOfPiece()).containsExactly(expected.wordOfPiece());
        // one word at a time too, so that a wrong piece count cannot hide behind its neighbours
        for (Token word : words) {
            assertThat(javaAscii.encode(List.of(word)).ids()).as(word.text())
                    .containsExactly(nativeOnly.encode(List.of(word)).ids());
        }
    }
}
