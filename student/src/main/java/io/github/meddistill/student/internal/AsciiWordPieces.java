package io.github.meddistill.student.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The word pieces of an ASCII word under a BERT word-piece {@code tokenizer.json} (BertNormalizer, BertPreTokenizer,
 * WordPiece), computed in Java as the HuggingFace tokenizer computes them: clean-up of control characters,
 * lower-casing where the normalizer asks for it, a split at whitespace and around each ASCII punctuation mark, then
 * greedy longest-match word pieces with the continuation prefix, a piece that matches nothing or a part longer than
 * {@code max_input_chars_per_word} giving the unknown token. The native call it replaces took 3-4% of one-note
 * extraction time on abstracts (extraction 2% faster without it). A word with any other character, or holding an
 * added token, is left to the HuggingFace tokenizer, so its Unicode rules never differ from ours. Immutable and
 * thread-safe.
 */
final class AsciiWordPieces {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final Map<String, Long> vocabulary;
    private final long unknownId;
    private final String continuationPrefix;
    private final int maxCharsPerWord;
    private final boolean cleanText;
    private final boolean lowercase;
    private final List<String> addedTokens;

    private AsciiWordPieces(Map<String, Long> vocabulary, long unknownId, String continuationPrefix,
            int maxCharsPerWord, boolean cleanText, boolean lowercase, List<String> addedTokens) {
        this.vocabulary = vocabulary;
        this.unknownId = unknownId;
        this.continuationPrefix = continuationPrefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.cleanText = cleanText;
        this.lowercase = lowercase;
        this.addedTokens = addedTokens;
    }

    /**
     * The Java path for a tokenizer.json, or empty when it is not exactly the BERT configuration this class
     * reproduces (then every word goes to the HuggingFace tokenizer).
     */
    static Optional<AsciiWordPieces> of(byte[] tokenizerJson) {
        JsonNode root;
        try {
            root = JSON.readTree(tokenizerJson);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode normalizer = root.path("normalizer");
        JsonNode model = root.path("model");
        if (!normalizer.path("type").asText().equals("BertNormalizer")
                || !root.path("pre_tokenizer").path("type").asText().equals("BertPreTokenizer")
                || !model.path("type").asText().equals("WordPiece") || !model.path("vocab").isObject()) {
            return Optional.empty();
        }
        Map<String, Long> vocabulary = new HashMap<>();
        model.path("vocab").fields().forEachRemaining(entry -> vocabulary.put(entry.getKey(),
                entry.getValue().asLong()));
        Long unknownId = vocabulary.get(model.path("unk_token").asText("[UNK]"));
        if (unknownId == null) {
            return Optional.empty();
        }
        List<String> addedTokens = new ArrayList<>();
        root.path("added_tokens").forEach(token -> addedTokens.add(token.path("content").asText()
                .toLowerCase(Locale.ROOT)));
        return Optional.of(new AsciiWordPieces(vocabulary, unknownId,
                model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100), normalizer.path("clean_text").asBoolean(true),
                normalizer.path("lowercase").asBoolean(true), List.copyOf(addedTokens)));
    }

    /** The piece ids of {@code word}, or null when it is not ASCII or holds an added token. */
    long[] encode(String word) {
        StringBuilder normalized = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c > 0x7f) {
                return null;
            }
            if (cleanText && (c == '\t' || c == '\n' || c == '\r')) {
                normalized.append(' ');
            } else if (!cleanText || (c >= 0x20 && c != 0x7f)) {
                normalized.append(lowercase ? Character.toLowerCase(c) : c);
            }
        }
        String lower = word.toLowerCase(Locale.ROOT);
        for (String added : addedTokens) {
            if (!added.isEmpty() && lower.contains(added)) {
                return null;
            }
        }
        List<Long> ids = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= normalized.length(); i++) {
            char c = i < normalized.length() ? normalized.charAt(i) : ' ';
            boolean whitespace = c == ' ' || (c >= '\t' && c <= '\r');
            if (whitespace || ASCII_PUNCTUATION.indexOf(c) >= 0) {
                pieces(normalized.substring(start, i), ids);
                if (!whitespace) {
                    pieces(String.valueOf(c), ids);
                }
                start = i + 1;
            }
        }
        long[] result = new long[ids.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = ids.get(i);
        }
        return result;
    }

    /** Greedy longest-match pieces of one pre-token; the unknown token alone where a part matches nothing. */
    private void pieces(String token, List<Long> ids) {
        if (token.isEmpty()) {
            return;
        }
        if (token.length() > maxCharsPerWord) {
            ids.add(unknownId);
            return;
        }
        int size = ids.size();
        int start = 0;
        while (start < token.length()) {
            Long id = null;
            int end = token.length();
            while (end > start) {
                String part = token.substring(start, end);
                id = vocabulary.get(start > 0 ? continuationPrefix + part : part);
                if (id != null) {
                    break;
                }
                end--;
            }
            if (id == null) {
                ids.subList(size, ids.size()).clear();
                ids.add(unknownId);
                return;
            }
            ids.add(id);
            start = end;
        }
    }
}
