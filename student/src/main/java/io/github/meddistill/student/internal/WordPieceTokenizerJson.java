package io.github.meddistill.student.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.meddistill.core.NonRetriableException;

/**
 * Builds the standard BERT word-piece {@code tokenizer.json} (BertNormalizer, BertPreTokenizer, WordPiece with
 * {@code ##} continuation, [CLS] ... [SEP] template) from a {@code vocab.txt}, for checkpoints that ship only that.
 */
public final class WordPieceTokenizerJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private WordPieceTokenizerJson() {
    }

    /**
     * The tokenizer.json for a vocabulary file, one token per line, line number = id.
     *
     * @param lowercase whether the normalizer lower-cases and strips accents (uncased models; BioBERT and
     *        Bio_ClinicalBERT are cased, PubMedBERT is uncased: see {@code do_lower_case} in tokenizer_config.json)
     */
    public static byte[] fromVocab(Path vocabTxt, boolean lowercase) {
        List<String> vocab;
        try {
            vocab = Files.readAllLines(vocabTxt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NonRetriableException("cannot read vocabulary " + vocabTxt + ": " + e.getMessage(), e);
        }
        while (!vocab.isEmpty() && vocab.get(vocab.size() - 1).isEmpty()) {
            vocab = vocab.subList(0, vocab.size() - 1);
        }
        return fromVocab(vocab, lowercase, vocabTxt.toString());
    }

    /** As {@link #fromVocab(Path, boolean)}, from the tokens in id order. */
    public static byte[] fromVocab(List<String> vocab, boolean lowercase, String source) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : SPECIAL) {
            int id = vocab.indexOf(special);
            if (id < 0) {
                if (special.equals("[PAD]") || special.equals("[MASK]")) {
                    continue;
                }
                throw new NonRetriableException("vocabulary " + source + " lacks the special token " + special);
            }
            ObjectNode token = added.addObject();
            token.put("id", id);
            token.put("content", special);
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            token.put("normalized", false);
            token.put("special", true);
        }
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "BertNormalizer");
        normalizer.put("clean_text", true);
        normalizer.put("handle_chinese_chars", true);
        normalizer.putNull("strip_accents");
        normalizer.put("lowercase", lowercase);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        special(single, "[CLS]", 0);
        sequence(single, "A", 0);
        special(single, "[SEP]", 0);
        ArrayNode pair = post.putArray("pair");
        special(pair, "[CLS]", 0);
        sequence(pair, "A", 0);
        special(pair, "[SEP]", 0);
        sequence(pair, "B", 1);
        special(pair, "[SEP]", 1);
        ObjectNode specialTokens = post.putObject("special_tokens");
        for (String name : List.of("[CLS]", "[SEP]")) {
            ObjectNode entry = specialTokens.putObject(name);
            entry.put("id", name);
            entry.putArray("ids").add(vocab.indexOf(name));
            entry.putArray("tokens").add(name);
        }
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "WordPiece");
        decoder.put("prefix", "##");
        decoder.put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece");
        model.put("unk_token", "[UNK]");
        model.put("continuing_subword_prefix", "##");
        model.put("max_input_chars_per_word", 100);
        ObjectNode vocabNode = model.putObject("vocab");
        for (int id = 0; id < vocab.size(); id++) {
            if (!vocabNode.has(vocab.get(id))) {
                vocabNode.put(vocab.get(id), id);
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise tokenizer.json", e);
        }
    }

    private static void special(ArrayNode template, String id, int typeId) {
        ObjectNode token = template.addObject().putObject("SpecialToken");
        token.put("id", id);
        token.put("type_id", typeId);
    }

    private static void sequence(ArrayNode template, String id, int typeId) {
        ObjectNode token = template.addObject().putObject("Sequence");
        token.put("id", id);
        token.put("type_id", typeId);
    }
}
