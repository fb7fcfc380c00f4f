package io.github.meddistill.student.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.labels.LabelScheme;
import io.github.meddistill.core.text.AbbreviationPropagation;
import io.github.meddistill.core.text.SentenceSplitter;
import io.github.meddistill.core.text.Token;
import io.github.meddistill.core.text.Tokenizer;
import io.github.meddistill.student.Segmentation;

/**
 * Converts between texts with entity spans and model sequences: words from the word tokenizer, word pieces,
 * windows of at most {@code maxLength} ids with [CLS] and [SEP] (per sentence or across sentences, see
 * {@link Segmentation}), and one label per word on its first piece (the other pieces and the special tokens are
 * ignored). Immutable and thread-safe.
 */
public final class TokenClassificationCodec {

    /** Label of positions that take no part in the loss. */
    public static final int IGNORED = -1;

    private final SubwordTokenizer subwords;
    private final Tokenizer words;
    private final LabelScheme scheme;
    private final List<String> tags;
    private final Map<String, Integer> tagIndex = new HashMap<>();
    private final int maxLength;
    private final int stride;
    private final Segmentation segmentation;
    private final SentenceSplitter sentences = new SentenceSplitter();
    private final ConstrainedDecoder decoder;
    private final Optional<AbbreviationPropagation> abbreviations;
    private final Map<EntityType, Double> entityBias;
    /** Subtracted from each tag's log-probability before decoding: the bias of the tag's entity type, 0 for O. */
    private final double[] tagBias;

    /**
     * @param tags the label index of the model ({@link LabelScheme#OUTSIDE} first)
     * @param maxLength ids per window including [CLS] and [SEP]
     * @param stride pieces shared by consecutive windows
     * @param segmentation whether windows stay within sentences
     * @param propagateAbbreviations whether decoded entities get the uses of the abbreviations they define
     */
    public TokenClassificationCodec(SubwordTokenizer subwords, Tokenizer words, LabelScheme scheme, List<String> tags,
            int maxLength, int stride, Segmentation segmentation, boolean propagateAbbreviations) {
        this(subwords, words, scheme, tags, maxLength, stride, segmentation,
                propagateAbbreviations ? Optional.of(new AbbreviationPropagation()) : Optional.empty(), Map.of());
    }

    private TokenClassificationCodec(SubwordTokenizer subwords, Tokenizer words, LabelScheme scheme, List<String> tags,
            int maxLength, int stride, Segmentation segmentation, Optional<AbbreviationPropagation> abbreviations,
            Map<EntityType, Double> entityBias) {
        this.subwords = subwords;
        this.words = words;
        this.scheme = scheme;
        this.tags = List.copyOf(tags);
        for (int i = 0; i < tags.size(); i++) {
            tagIndex.put(tags.get(i), i);
        }
        this.maxLength = maxLength;
        this.stride = stride;
        this.segmentation = segmentation;
        this.decoder = new ConstrainedDecoder(scheme, this.tags);
        this.abbreviations = abbreviations;
        this.entityBias = Map.copyOf(entityBias);
        this.tagBias = new double[this.tags.size()];
        entityBias.forEach((type, bias) -> {
            for (String tag : scheme.tags(List.of(type))) {
                Integer index = tagIndex.get(tag);
                if (index != null && !tag.equals(LabelScheme.OUTSIDE)) {
                    tagBias[index] = bias;
                }
            }
        });
    }

    /**
     * This codec, decoding with {@code bias} subtracted from the log-probability of every tag of an entity type
     * (types not in the map: 0): a positive bias trades recall for precision.
     */
    public TokenClassificationCodec withEntityBias(Map<EntityType, Double> bias) {
        return new TokenClassificationCodec(subwords, words, scheme, tags, maxLength, stride, segmentation,
                abbreviations, bias);
    }

    /** The decoding bias per entity type (empty: none). */
    public Map<EntityType, Double> entityBias() {
        return entityBias;
    }

    public List<String> tags() {
        return tags;
    }

    public LabelScheme scheme() {
        return scheme;
    }

    /** Ids per window, including [CLS] and [SEP]. */
    public int maxLength() {
        return maxLength;
    }

    /** Pieces shared by consecutive windows. */
    public int stride() {
        return stride;
    }

    /** Whether windows stay within sentences. */
    public Segmentation segmentation() {
        return segmentation;
    }

    /** Whether decoded entities get the uses of the abbreviations they define. */
    public boolean propagatesAbbreviations() {
        return abbreviations.isPresent();
    }

    /** Words, pieces and windows of {@code text}. */
    public EncodedDocument encode(String text) {
        List<Token> tokens = words.tokenize(text);
        SubwordTokenizer.Subwords pieces = subwords.encode(tokens);
        int[] firstPiece = new int[tokens.size()];
        Arrays.fill(firstPiece, -1);
        for (int p = pieces.size() - 1; p >= 0; p--) {
            firstPiece[pieces.wordOfPiece()[p]] = p;
        }
        List<Windows.Window> windows = segmentation == Segmentation.SENTENCE
                ? Windows.split(pieces.wordOfPiece(), maxLength - 2, stride, sentenceStartPieces(text, tokens, pieces))
                : Windows.split(pieces.wordOfPiece(), maxLength - 2, stride);
        return new EncodedDocument(text, tokens, pieces, firstPiece, windows,
                Windows.owners(pieces.size(), windows));
    }

    private int[] sentenceStartPieces(String text, List<Token> tokens, SubwordTokenizer.Subwords pieces) {
        int[] sentenceOfWord = new int[tokens.size()];
        List<Integer> starts = sentences.sentenceStarts(text, tokens);
        for (int s = 0; s < starts.size(); s++) {
            int end = s + 1 < starts.size() ? starts.get(s + 1) : tokens.size();
            Arrays.fill(sentenceOfWord, starts.get(s), end, s);
        }
        int[] wordOfPiece = pieces.wordOfPiece();
        int[] startPieces = new int[pieces.size()];
        int count = 0;
        for (int p = 0; p < pieces.size(); p++) {
            if (p == 0 || sentenceOfWord[wordOfPiece[p]] != sentenceOfWord[wordOfPiece[p - 1]]) {
                startPieces[count++] = p;
            }
        }
        return Arrays.copyOf(startPieces, count);
    }

    /** The model input of one window: [CLS], its pieces, [SEP]. */
    public long[] inputIds(EncodedDocument document, Windows.Window window) {
        long[] ids = new long[window.length() + 2];
        ids[0] = subwords.clsId();
        System.arraycopy(document.subwords().ids(), window.start(), ids, 1, window.length());
        ids[ids.length - 1] = subwords.sepId();
        return ids;
    }

    /**
     * Label indexes of one window, aligned with {@link #inputIds}: the tag of each word on its first piece,
     * {@link #IGNORED} elsewhere.
     *
     * @param wordTags one tag per word of the document, as produced by {@link LabelScheme#encode}
     */
    public int[] labels(EncodedDocument document, Windows.Window window, List<String> wordTags) {
        int[] labels = new int[window.length() + 2];
        Arrays.fill(labels, IGNORED);
        int[] wordOfPiece = document.subwords().wordOfPiece();
        for (int p = window.start(); p < window.end(); p++) {
            int word = wordOfPiece[p];
            if (document.firstPieceOfWord()[word] == p) {
                Integer label = tagIndex.get(wordTags.get(word));
                if (label == null) {
                    throw new IllegalArgumentException("tag " + wordTags.get(word) + " is not in the model's label set "
                            + tags);
                }
                labels[p - window.start() + 1] = label;
            }
        }
        return labels;
    }

    /**
     * Per-word values (such as label confidences) of one window, aligned with {@link #inputIds}: each word's value
     * on its first piece, 1 elsewhere (positions without a label).
     */
    public float[] wordValues(EncodedDocument document, Windows.Window window, float[] byWord) {
        float[] values = new float[window.length() + 2];
        Arrays.fill(values, 1f);
        int[] wordOfPiece = document.subwords().wordOfPiece();
        for (int p = window.start(); p < window.end(); p++) {
            int word = wordOfPiece[p];
            if (document.firstPieceOfWord()[word] == p) {
                values[p - window.start() + 1] = byWord[word];
            }
        }
        return values;
    }

    /** One tag per word of the document for the gold or teacher entities. */
    public List<String> wordTags(EncodedDocument document, List<Entity> entities) {
        return scheme.encode(entities, document.words());
    }

    /**
     * Entities from per-window scores: each word is scored at its first piece in the window that owns that piece
     * (words without pieces are outside), and the most probable valid tag sequence is decoded
     * ({@link ConstrainedDecoder}).
     *
     * @param windowScores for each window, {@code [position][label]} scores aligned with {@link #inputIds}
     */
    public List<Entity> decode(EncodedDocument document, List<float[][]> windowScores) {
        int words = document.words().size();
        double[][] logProbabilities = new double[words][];
        for (int word = 0; word < words; word++) {
            int piece = document.firstPieceOfWord()[word];
            if (piece < 0) {
                logProbabilities[word] = onlyOutside();
                continue;
            }
            int owner = document.ownerOfPiece()[piece];
            logProbabilities[word] = logSoftmax(windowScores.get(owner)[piece - document.windows().get(owner).start() + 1]);
            for (int tag = 0; tag < tagBias.length; tag++) {
                logProbabilities[word][tag] -= tagBias[tag];
            }
        }
        int[] best = decoder.decode(logProbabilities);
        List<String> wordTags = new ArrayList<>(words);
        for (int label : best) {
            wordTags.add(tags.get(label));
        }
        List<Entity> entities = scheme.decode(wordTags, document.words(), document.text());
        return abbreviations.map(a -> a.propagate(document.text(), entities)).orElse(entities);
    }

    private double[] onlyOutside() {
        double[] scores = new double[tags.size()];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        scores[0] = 0;
        return scores;
    }

    private static double[] logSoftmax(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        for (float score : scores) {
            sum += Math.exp(score - max);
        }
        double logSum = max + Math.log(sum);
        double[] result = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            result[i] = scores[i] - logSum;
        }
        return result;
    }
}
