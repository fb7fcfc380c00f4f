package io.github.meddistill.student.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

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

    private SubwordTokenizer(byte[] json, HuggingFaceTokenizer tokenizer, long clsId, long sepId) {
        this.json = json;
        this.tokenizer = tokenizer;
        this.clsId = clsId;
        this.sepId = sepId;
    }

    /**
     * Loads a tokenizer from {@code tokenizer.json} content.
     *
     * @param source a name for error messages
     */
    public static SubwordTokenizer fromJson(byte[] json, String source) {
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
        return new SubwordTokenizer(json, tokenizer, special[0], special[special.length - 1]);
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
     * Word pieces of pre-tokenized words, without special tokens.
     *
     * @return ids and, for each piece, the index of its word in {@code words}
     */
    public Subwords encode(List<Token> words) {
        if (words.isEmpty()) {
            return new Subwords(new long[0], new int[0]);
        }
        String[] texts = new String[words.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = words.get(i).text();
        }
        Encoding encoding = tokenizer.encode(texts, false, false);
        long[] ids = encoding.getIds();
        long[] wordIds = encoding.getWordIds();
        int[] wordOfPiece = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (wordIds[i] < 0 || wordIds[i] >= texts.length) {
                throw new IllegalStateException("tokenizer returned word id " + wordIds[i] + " for piece " + i
                        + " of " + texts.length + " words");
            }
            wordOfPiece[i] = (int) wordIds[i];
        }
        return new Subwords(ids, wordOfPiece);
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
