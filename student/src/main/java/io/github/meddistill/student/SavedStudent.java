package io.github.meddistill.student;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.labels.LabelScheme;
import io.github.meddistill.core.labels.LabelSchemes;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.student.internal.SubwordTokenizer;
import io.github.meddistill.student.internal.TokenClassificationCodec;

/**
 * The engine-independent part of a saved student directory: config, label map, settings and tokenizer.
 *
 * @param torchDtype the HF {@code torch_dtype} of the weights: {@code float32} (written by {@link BertStudent#save}
 *         and assumed when absent), {@code float16} or {@code bfloat16}
 */
record SavedStudent(BertConfig config, List<String> tags, LabelScheme scheme, Set<EntityType> entityTypes,
        int maxLength, int stride, Segmentation segmentation, boolean propagateAbbreviations,
        Map<EntityType, Double> entityBias, int batchSize, String encoder, String torchDtype, byte[] tokenizerJson) {

    private static final List<String> TORCH_DTYPES = List.of("float32", "float16", "bfloat16");

    static SavedStudent read(Path directory) {
        Path configFile = directory.resolve("config.json");
        JsonNode config;
        try {
            config = BertStudent.JSON.readTree(configFile.toFile());
        } catch (IOException e) {
            throw new NonRetriableException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
        JsonNode meddistill = config.path("meddistill");
        if (!meddistill.isObject()) {
            throw new NonRetriableException(configFile + " has no 'meddistill' section: not a saved MedDistill student");
        }
        List<String> tags = new ArrayList<>();
        JsonNode id2label = config.path("id2label");
        for (int i = 0; i < id2label.size(); i++) {
            JsonNode tag = id2label.get(String.valueOf(i));
            if (tag == null) {
                throw new NonRetriableException(configFile + ": id2label lacks id " + i);
            }
            tags.add(tag.asText());
        }
        LabelScheme scheme;
        try {
            scheme = LabelSchemes.forName(meddistill.path("label_scheme").asText());
        } catch (IllegalArgumentException e) {
            throw new NonRetriableException(configFile + ": field meddistill.label_scheme: " + e.getMessage(), e);
        }
        Set<EntityType> types = new TreeSet<>();
        meddistill.path("entity_types").forEach(type -> types.add(EntityType.of(type.asText())));
        List<String> expectedTags = scheme.tags(types);
        if (!expectedTags.equals(tags)) {
            throw new NonRetriableException(configFile + ": id2label " + tags + " does not match scheme "
                    + scheme.name() + " for types " + types + " (expected " + expectedTags + ")");
        }
        byte[] tokenizerJson;
        try {
            tokenizerJson = Files.readAllBytes(directory.resolve("tokenizer.json"));
        } catch (IOException e) {
            throw new NonRetriableException("cannot read " + directory.resolve("tokenizer.json") + ": " + e.getMessage(),
                    e);
        }
        Segmentation segmentation;
        try {
            // students saved before segmentation existed read whole windows
            segmentation = Segmentation.valueOf(meddistill.path("segmentation").asText("WINDOW"));
        } catch (IllegalArgumentException e) {
            throw new NonRetriableException(configFile + ": field meddistill.segmentation: expected one of "
                    + Arrays.toString(Segmentation.values()) + ", found " + meddistill.path("segmentation"), e);
        }
        Map<EntityType, Double> entityBias = new LinkedHashMap<>();
        JsonNode bias = meddistill.path("entity_bias");
        for (Iterator<Map.Entry<String, JsonNode>> fields = bias.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!entry.getValue().isNumber()) {
                throw new NonRetriableException(configFile + ": field meddistill.entity_bias." + entry.getKey()
                        + ": expected a number, found " + entry.getValue());
            }
            entityBias.put(EntityType.of(entry.getKey()), entry.getValue().asDouble());
        }
        String torchDtype = config.path("torch_dtype").asText("float32");
        if (!TORCH_DTYPES.contains(torchDtype)) {
            throw new NonRetriableException(configFile + ": field torch_dtype: expected one of " + TORCH_DTYPES
                    + ", found " + config.path("torch_dtype"));
        }
        return new SavedStudent(BertConfig.read(configFile), List.copyOf(tags), scheme, Set.copyOf(types),
                meddistill.path("max_length").asInt(128), meddistill.path("stride").asInt(32), segmentation,
                meddistill.path("propagate_abbreviations").asBoolean(false), Map.copyOf(entityBias),
                meddistill.path("batch_size").asInt(32),
                meddistill.path("encoder").asText("unknown"), torchDtype, tokenizerJson);
    }

    TokenClassificationCodec codec(SubwordTokenizer tokenizer) {
        return new TokenClassificationCodec(tokenizer, new WordTokenizer(), scheme, tags, maxLength, stride,
                segmentation, propagateAbbreviations).withEntityBias(entityBias);
    }
}
