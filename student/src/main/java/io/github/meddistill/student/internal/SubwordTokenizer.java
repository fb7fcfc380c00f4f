package io.github.meddistill.student.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.text.Token;

/**
 * A HuggingFace word-piece tokenizer loaded from the bytes of a local {@code tokenizer.json} (never downloaded),
 * with truncation and padding switched off so that no text is silently dropped. Keeps the JSON to save it with
 * the model. Thread-safe: the native tokenizer is immutable after loading.
 */
public final class SubwordTokenizer implements AutoCloseable {

    private final byte[] json;
    private final HuggingFaceTokenizer tokenizer;
    private final long clsId;
    private final long sepId;
    private final Optional<AsciiWordPieces> asciiWords;

    private SubwordTokenizer(byte[] json, HuggingFaceTokenizer tokenizer, long clsId, long sepId,
            Optional<AsciiWordPieces> asciiWords) {
        this.json = json;
        this.tokenizer = tokenizer;
        this.clsId = clsId;
        this.sepId = sepId;
        this.asciiWords = asciiWords;
    }

    /**
     * Loads a tokenizer from {@code tokenizer.json} content.
     *
     * @param source a name for error messages
     */
    public static SubwordTokenizer fromJson(byte[] json, String source) {
        return fromJson(json, source, true);
    }

    /** As {@link #fromJson(byte[], String)}; {@code asciiInJava} false sends every word to the native tokenizer. */
    static SubwordTokenizer fromJson(byte[] json, String source, boolean asciiInJava) {
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        } catch (IOException | RuntimeException e) {
            throw new NonRetriableException("cannot load tokenizer " + source + ": " + e.getMessage(), e);
        }
        long[] special = tokenizer.encode(new String[] {"a"}, true, false).getIds();
        long[] plain = tokenizer.encode(new String[] {"a"}, false, false).getIds();
        if (special.length != plain.length + 2) {
            tokenizer.close();
            throw new NonRetriableException("tokenizer " + source + " must add exactly [CLS] and [SEP] around a"
                    + " sequence (a BERT post_processor); it added " + (special.length - plain.length) + " tokens");
        }
        return new SubwordTokenizer(json, tokenizer, special[0], special[special.length - 1],
                asciiInJava ? AsciiWordPieces.of(json) : Optional.empty());
    }

    /** Id of the token that starts every window. */
    public long clsId() {
        return clsId;
    }

    /** Id of the token that ends every window. */
    public long sepId() {
        return sepId;
    }

    /** The {@code tokenizer.json} this tokenizer was loaded from. */
    public byte[] json() {
        return json.clone();
    }

    /**
     * Word pieces of pre-tokenized words, without special tokens. ASCII words of a BERT word-piece tokenizer are
     * split in Java ({@link AsciiWordPieces}, the same pieces), the others in one native call.
     *
     * @return ids and, for each piece, the index of its word in {@code words}
     */
    public Subwords encode(List<Token> words) {
        long[][] pieces = new long[words.size()][];
        List<Integer> nativeWords = new ArrayList<>();
        for (int w = 0; w < pieces.length; w++) {
            pieces[w] = asciiWords.isPresent() ? asciiWords.get().encode(words.get(w).text()) : null;
            if (pieces[w] == null) {
                nativeWords.add(w);
            }
        }
        if (!nativeWords.isEmpty()) {
            encodeNatively(words, nativeWords, pieces);
        }
        int total = 0;
        for (long[] wordPieces : pieces) {
            total += wordPieces.length;
        }
        long[] ids = new long[total];
        int[] wordOfPiece = new int[total];
        int next = 0;
        for (int w = 0; w < pieces.length; w++) {
            System.arraycopy(pieces[w], 0, ids, next, pieces[w].length);
            Arrays.fill(wordOfPiece, next, next + pieces[w].length, w);
            next += pieces[w].length;
        }
        return new Subwords(ids, wordOfPiece);
    }

    /** Fills {@code pieces} of the words at {@code indexes} with one call of the native tokenizer. */
    private void encodeNatively(List<Token> words, List<Integer> indexes, long[][] pieces) {
        String[] texts = new String[indexes.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = words.get(indexes.get(i)).text();
        }
        Encoding encoding = tokenizer.encode(texts, false, false);
        long[] ids = encoding.getIds();
        long[] wordIds = encoding.getWordIds();
        int[] counts = new int[texts.length];
        for (int i = 0; i < ids.length; i++) {
            if (wordIds[i] < 0 || wordIds[i] >= texts.length || (i > 0 && wordIds[i] < wordIds[i - 1])) {
                throw new IllegalStateException("tokenizer returned word id " + wordIds[i] + " for piece " + i
                        + " of " + texts.length + " words");
            }
            counts[(int) wordIds[i]]++;
        }
        int next = 0;
        for (int i = 0; i < texts.length; i++) {
            pieces[indexes.get(i)] = Arrays.copyOfRange(ids, next, next + counts[i]);
            next += counts[i];
        }
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /** Word-piece ids and the word each piece belongs to; arrays are shared, not copied. */
    public record Subwords(long[] ids, int[] wordOfPiece) {

        public int size() {
            return ids.length;
        }
    }
}
