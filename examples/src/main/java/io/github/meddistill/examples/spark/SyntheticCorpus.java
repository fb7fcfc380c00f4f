package io.github.meddistill.examples.spark;

import io.github.meddistill.core.text.SentenceSplitter;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.WordTokenizer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A corpus of any size made of real clinical sentences: the MTSamples transcriptions cut into sentences (20 to 400
 * characters), and note {@code i} made of 2 to 6 of them drawn with a generator seeded by {@code i}, so that any JVM
 * (the driver, an executor, the single-JVM baseline) makes the same note {@code i} without being sent it.
 * Immutable, thread-safe and serializable (Spark broadcasts it to the executors).
 */
public final class SyntheticCorpus implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int MIN_SENTENCE = 20;
    private static final int MAX_SENTENCE = 400;

    private final ArrayList<String> sentences;

    private SyntheticCorpus(List<String> sentences) {
        this.sentences = new ArrayList<>(sentences);
    }

    /** The sentences of {@code transcriptions}. */
    public static SyntheticCorpus fromTranscriptions(List<String> transcriptions) {
        WordTokenizer tokenizer = new WordTokenizer();
        SentenceSplitter splitter = new SentenceSplitter();
        List<String> sentences = new ArrayList<>();
        for (String text : transcriptions) {
            List<Token> tokens = tokenizer.tokenize(text);
            List<Integer> starts = splitter.sentenceStarts(text, tokens);
            for (int s = 0; s < starts.size(); s++) {
                int begin = tokens.get(starts.get(s)).start();
                int end = s + 1 < starts.size() ? tokens.get(starts.get(s + 1)).start() : text.length();
                String sentence = text.substring(begin, end).strip().replace(",  ", ", ");
                if (sentence.length() >= MIN_SENTENCE && sentence.length() <= MAX_SENTENCE) {
                    sentences.add(sentence);
                }
            }
        }
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException("no sentence of " + MIN_SENTENCE + " to " + MAX_SENTENCE
                    + " characters in " + transcriptions.size() + " transcriptions");
        }
        return new SyntheticCorpus(sentences);
    }

    /** Sentences to draw from. */
    public int sentenceCount() {
        return sentences.size();
    }

    /** Note {@code index}: the same text for the same index in every JVM. */
    public String note(long index) {
        Random random = new Random(0x5EED_0000L ^ index * 0x9E3779B97F4A7C15L);
        int count = 2 + random.nextInt(5);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(sentences.get(random.nextInt(sentences.size())));
        }
        return text.toString();
    }
}
