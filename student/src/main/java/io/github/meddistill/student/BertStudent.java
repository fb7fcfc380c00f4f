package io.github.meddistill.student;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.Student;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.student.internal.BatchScorer;
import io.github.meddistill.student.internal.BertModel;
import io.github.meddistill.student.internal.EncodedDocument;
import io.github.meddistill.student.internal.FloatTensor;
import io.github.meddistill.student.internal.OnnxExport;
import io.github.meddistill.student.internal.Safetensors;
import io.github.meddistill.student.internal.SubwordTokenizer;
import io.github.meddistill.student.internal.TokenClassificationCodec;

/**
 * A trained BERT token classifier (HF {@code BertForTokenClassification} layout) that extracts entities with
 * exact character offsets. Texts are split into words by {@link WordTokenizer}, words into word pieces; each word
 * is labelled at its first piece, and notes longer than the model's max length are covered by overlapping windows
 * whose predictions are merged (each word is taken from the window where it has the most context), so nothing is
 * truncated.
 *
 * <p>Thread-safety: {@link #extract} and {@link #extractAll} may be called from any number of threads at once
 * without a predictor pool. The weights are never written after construction, every call allocates its tensors
 * in its own child {@code NDManager} (closed before it returns), and the native tokenizer is immutable. Calls
 * batch internally ({@link #extractAll} sorts all windows of all texts by length and pads per batch).
 * Do not call {@link #close()} while calls are running.
 *
 * <p>Saved as a directory: {@code config.json} (HF config with {@code id2label}/{@code label2id} and a
 * {@code meddistill} section), {@code model.safetensors} (HF names, {@code bert.} prefix), {@code tokenizer.json}.
 * The same directory can be loaded by HF Transformers ({@code AutoModelForTokenClassification}) and exported to
 * ONNX with HF Optimum or {@link #exportOnnx(Path)}; {@link OnnxStudent} runs such an export.
 */
public final class BertStudent implements Student {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BertModel model;
    private final SubwordTokenizer tokenizer;
    private final TokenClassificationCodec codec;
    private final Set<EntityType> entityTypes;
    private final int batchSize;
    private final String encoderName;

    BertStudent(BertModel model, SubwordTokenizer tokenizer, TokenClassificationCodec codec,
            Set<EntityType> entityTypes, int batchSize, String encoderName) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.codec = codec;
        this.entityTypes = Set.copyOf(entityTypes);
        this.batchSize = batchSize;
        this.encoderName = encoderName;
    }

    /** Loads a student saved with {@link #save(Path)}, on the devices {@code auto} selects (first GPU or CPU). */
    public static BertStudent load(Path directory) {
        return load(directory, DeviceSelection.resolve("auto").get(0));
    }

    /** Loads a student saved with {@link #save(Path)} onto {@code device}. */
    public static BertStudent load(Path directory, Device device) {
        SavedStudent saved = SavedStudent.read(directory);
        Map<String, FloatTensor> weights = Safetensors.read(directory.resolve("model.safetensors"));
        SubwordTokenizer tokenizer = SubwordTokenizer.fromJson(saved.tokenizerJson(),
                directory.resolve("tokenizer.json").toString());
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device);
        BertModel model = BertModel.random(saved.config(), saved.tags().size(), manager);
        try {
            model.assign(weights, true, directory.resolve("model.safetensors").toString());
        } catch (RuntimeException e) {
            model.close();
            tokenizer.close();
            throw e;
        }
        return new BertStudent(model, tokenizer, saved.codec(tokenizer), saved.entityTypes(), saved.batchSize(),
                saved.encoder());
    }

    /**
     * Writes this model as an ONNX graph (inputs {@code input_ids}, {@code attention_mask}, {@code token_type_ids},
     * output {@code logits}, as an HF Optimum export), e.g. {@code model.onnx} inside a saved directory so that
     * {@link OnnxStudent#load(Path)} runs it on ONNX Runtime.
     */
    public void exportOnnx(Path file) {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        model.parameters().forEach((name, array) -> tensors.put(name,
                new FloatTensor(array.getShape().getShape(), array.toFloatArray())));
        OnnxExport.write(file, model.config(), model.numLabels(), tensors);
    }

    @Override
    public List<Entity> extract(String text) {
        return extractAll(List.of(text)).get(0);
    }

    @Override
    public List<List<Entity>> extractAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        List<EncodedDocument> documents = texts.stream().map(codec::encode).toList();
        List<List<float[][]>> scores = BatchScorer.scores(model, codec, documents, batchSize);
        List<List<Entity>> results = new ArrayList<>(texts.size());
        for (int i = 0; i < documents.size(); i++) {
            results.add(codec.decode(documents.get(i), scores.get(i)));
        }
        return List.copyOf(results);
    }

    @Override
    public Set<EntityType> entityTypes() {
        return entityTypes;
    }

    /** The tags of the label index, {@code O} first. */
    public List<String> tags() {
        return codec.tags();
    }

    /**
     * The decoding bias per entity type chosen on dev when the student was trained (empty: none): subtracted from
     * the log-probability of the type's tags before decoding, so a positive bias means fewer, surer entities.
     */
    public Map<EntityType, Double> entityBias() {
        return codec.entityBias();
    }

    /** The encoder shape. */
    public BertConfig config() {
        return model.config();
    }

    /** Where the encoder came from (e.g. {@code minilm}). */
    public String encoderName() {
        return encoderName;
    }

    @Override
    public void save(Path directory) {
        try {
            Files.createDirectories(directory);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("architectures", List.of("BertForTokenClassification"));
            config.putAll(model.config().toJson());
            Map<String, Object> id2label = new LinkedHashMap<>();
            Map<String, Object> label2id = new LinkedHashMap<>();
            for (int i = 0; i < codec.tags().size(); i++) {
                id2label.put(String.valueOf(i), codec.tags().get(i));
                label2id.put(codec.tags().get(i), i);
            }
            config.put("id2label", id2label);
            config.put("label2id", label2id);
            Map<String, Object> meddistill = new LinkedHashMap<>();
            meddistill.put("label_scheme", codec.scheme().name());
            meddistill.put("entity_types", new TreeSet<>(entityTypes).stream().map(EntityType::name).toList());
            meddistill.put("max_length", codec.maxLength());
            meddistill.put("stride", codec.stride());
            meddistill.put("segmentation", codec.segmentation().name());
            meddistill.put("propagate_abbreviations", codec.propagatesAbbreviations());
            Map<String, Double> bias = new TreeMap<>();
            codec.entityBias().forEach((type, value) -> bias.put(type.name(), value));
            meddistill.put("entity_bias", bias);
            meddistill.put("batch_size", batchSize);
            meddistill.put("word_tokenizer", "WordTokenizer");
            meddistill.put("encoder", encoderName);
            config.put("meddistill", meddistill);
            JSON.writeValue(directory.resolve("config.json").toFile(), config);
            Files.write(directory.resolve("tokenizer.json"), tokenizer.json());
            Safetensors.write(directory.resolve("model.safetensors"), hfTensors(model), Map.of("format", "pt"));
        } catch (IOException e) {
            throw new NonRetriableException("cannot save student to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The model's tensors with HF {@code BertForTokenClassification} names. */
    static Map<String, FloatTensor> hfTensors(BertModel model) {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : model.parameters().entrySet()) {
            String name = entry.getKey().startsWith("classifier.") ? entry.getKey() : "bert." + entry.getKey();
            NDArray array = entry.getValue();
            tensors.put(name, new FloatTensor(array.getShape().getShape(), array.toFloatArray()));
        }
        return tensors;
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "BertStudent[encoder=" + encoderName + ", layers=" + model.config().layers() + ", hidden="
                + model.config().hiddenSize() + ", tags=" + codec.tags() + "]";
    }
}
