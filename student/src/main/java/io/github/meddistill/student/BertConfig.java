package io.github.meddistill.student;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.meddistill.core.NonRetriableException;

/**
 * The shape of a BERT encoder, with the field names of a HuggingFace {@code config.json}.
 *
 * @param vocabSize word-piece vocabulary size ({@code vocab_size})
 * @param hiddenSize width of every layer ({@code hidden_size})
 * @param layers number of transformer layers ({@code num_hidden_layers})
 * @param heads attention heads per layer ({@code num_attention_heads}); must divide {@code hiddenSize}
 * @param intermediateSize width of the feed-forward layer ({@code intermediate_size})
 * @param maxPositions longest sequence the position table holds ({@code max_position_embeddings})
 * @param typeVocabSize number of segment ids ({@code type_vocab_size})
 * @param layerNormEps LayerNorm epsilon ({@code layer_norm_eps}, 1e-12 in HF BERT)
 * @param hiddenDropout dropout after embeddings and each sub-layer ({@code hidden_dropout_prob})
 * @param attentionDropout dropout on attention probabilities ({@code attention_probs_dropout_prob})
 */
public record BertConfig(int vocabSize, int hiddenSize, int layers, int heads, int intermediateSize, int maxPositions,
        int typeVocabSize, double layerNormEps, double hiddenDropout, double attentionDropout) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BertConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("num_hidden_layers", layers);
        positive("num_attention_heads", heads);
        positive("intermediate_size", intermediateSize);
        positive("max_position_embeddings", maxPositions);
        positive("type_vocab_size", typeVocabSize);
        if (hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden_size must be a multiple of num_attention_heads: hidden_size="
                    + hiddenSize + ", num_attention_heads=" + heads);
        }
        if (!(layerNormEps > 0 && layerNormEps < 1e-2)) {
            throw new IllegalArgumentException("layer_norm_eps must be in (0, 0.01): " + layerNormEps);
        }
        probability("hidden_dropout_prob", hiddenDropout);
        probability("attention_probs_dropout_prob", attentionDropout);
    }

    /** MiniLM-L6 / bge-small / e5-small shape with the given number of layers (6 or 12). */
    public static BertConfig small384(int layers) {
        return new BertConfig(30522, 384, layers, 12, 1536, 512, 2, 1e-12, 0.1, 0.1);
    }

    /** A fresh encoder shape for the given vocabulary. */
    public static BertConfig of(int vocabSize, int hiddenSize, int layers, int heads) {
        return new BertConfig(vocabSize, hiddenSize, layers, heads, 4 * hiddenSize, 512, 2, 1e-12, 0.1, 0.1);
    }

    /** Width of one attention head. */
    public int headSize() {
        return hiddenSize / heads;
    }

    /** Reads a HuggingFace {@code config.json}; only {@code hidden_act = gelu} BERT models are supported. */
    public static BertConfig read(Path configJson) {
        JsonNode node;
        try {
            node = JSON.readTree(configJson.toFile());
        } catch (IOException e) {
            throw new NonRetriableException("cannot read BERT config " + configJson + ": " + e.getMessage(), e);
        }
        String act = node.path("hidden_act").asText("gelu");
        if (!act.equals("gelu")) {
            throw new NonRetriableException("unsupported hidden_act in " + configJson + ": expected gelu, got " + act);
        }
        try {
            return new BertConfig(required(node, "vocab_size", configJson), required(node, "hidden_size", configJson),
                    required(node, "num_hidden_layers", configJson), required(node, "num_attention_heads", configJson),
                    required(node, "intermediate_size", configJson), node.path("max_position_embeddings").asInt(512),
                    node.path("type_vocab_size").asInt(2), node.path("layer_norm_eps").asDouble(1e-12),
                    node.path("hidden_dropout_prob").asDouble(0.1), node.path("attention_probs_dropout_prob").asDouble(0.1));
        } catch (IllegalArgumentException e) {
            throw new NonRetriableException("invalid BERT config " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** The HF {@code config.json} fields of this shape. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_type", "bert");
        json.put("vocab_size", vocabSize);
        json.put("hidden_size", hiddenSize);
        json.put("num_hidden_layers", layers);
        json.put("num_attention_heads", heads);
        json.put("intermediate_size", intermediateSize);
        json.put("hidden_act", "gelu");
        json.put("max_position_embeddings", maxPositions);
        json.put("type_vocab_size", typeVocabSize);
        json.put("layer_norm_eps", layerNormEps);
        json.put("hidden_dropout_prob", hiddenDropout);
        json.put("attention_probs_dropout_prob", attentionDropout);
        return json;
    }

    private static int required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new NonRetriableException("BERT config " + file + " lacks integer field " + field);
        }
        return value.asInt();
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    private static void probability(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1): " + value);
        }
    }
}
