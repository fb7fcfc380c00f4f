package io.github.meddistill.student;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import io.github.meddistill.core.io.AtomicFiles;
import io.github.meddistill.core.text.WordTokenizer;
import io.github.meddistill.student.internal.BertModel;
import io.github.meddistill.student.internal.ChecksumManifest;
import io.github.meddistill.student.internal.EncodedDocument;
import io.github.meddistill.student.internal.FloatTensor;
import io.github.meddistill.student.internal.OnnxExport;
import io.github.meddistill.student.internal.PackedScorer;
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
 * {@code meddistill} section), {@code model.safetensors} (HF names, {@code bert.} prefix), {@code tokenizer.json}, and
 * {@code SHA256SUMS} with their checksums ({@code sha256sum -c SHA256SUMS} checks a copy).
 * The same directory can be loaded by HF Transformers ({@code AutoModelForTokenClassification}) and exported to
 * ONNX with HF Optimum or {@link #exportOnnx(Path)}; {@link OnnxStudent} runs such an export.
 */
public final class BertStudent implements Student {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Logger LOG = LoggerFactory.getLogger(BertStudent.class);
    private static final String CONFIG = "config.json";
    private static final String TOKENIZER = "tokenizer.json";
    private static final String WEIGHTS = "model.safetensors";
    /** The files of a saved student, in the order they are written. */
    static final List<String> SAVED_FILES = List.of(CONFIG, TOKENIZER, WEIGHTS);

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

    /**
     * Loads a student saved with {@link #save(Path)} onto {@code device}, after checking every file against the
     * {@value ChecksumManifest#FILE_NAME} written at save time and every tensor's dtype and shape against
     * {@code config.json}.
     *
     * @throws NonRetriableException naming the file that is missing, damaged or does not fit the others
     */
    public static BertStudent load(Path directory, Device device) {
        if (!Files.isDirectory(directory)) {
            throw new NonRetriableException("no saved student at " + directory + ": expected a folder written by"
                    + " BertStudent.save (or `meddistill train`), but " + (Files.exists(directory) ? "it is a file"
                    : "there is nothing"));
        }
        ChecksumManifest.verify(directory, SAVED_FILES);
        SavedStudent saved = SavedStudent.read(directory);
        Path weightsFile = directory.resolve(WEIGHTS);
        SavedWeightsCheck.check(weightsFile, saved);
        Map<String, FloatTensor> weights = Safetensors.read(weightsFile);
        SubwordTokenizer tokenizer = SubwordTokenizer.fromJson(saved.tokenizerJson(),
                directory.resolve(TOKENIZER).toString());
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager(device);
        BertModel model = BertModel.random(saved.config(), saved.tags().size(), manager);
        try {
            model.assign(weights, true, weightsFile.toString());
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
        List<List<float[][]>> scores = PackedScorer.scores(batch -> {
            try (NDManager manager = model.newBatchManager()) {
                return model.packedLogits(manager, batch).toFloatArray();
            }
        }, model.numLabels(), codec, documents, PackedScorer.TOKENS_PER_PASS);
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

    /**
     * Saves this student as a folder (see the class comment) that appears under {@code directory} only when complete:
     * the files are written into a hidden folder beside it, {@value ChecksumManifest#FILE_NAME} last, and that folder
     * is renamed into place. A student already saved there is replaced (moved aside, then deleted); a process
     * killed while saving leaves it in place and at most a hidden {@code .partial} folder.
     *
     * @throws NonRetriableException if {@code directory} is a file or a non-empty folder that holds no saved student
     *         (it is never replaced), or if the student cannot be written
     */
    @Override
    public void save(Path directory) {
        Path target = directory.toAbsolutePath();
        checkReplaceable(target);
        Path partial = AtomicFiles.temporarySibling(target);
        try {
            Files.createDirectories(partial);
            writeFiles(partial);
            replace(target, partial);
        } catch (IOException e) {
            throw removing(partial, new NonRetriableException("cannot save student to " + directory + ": "
                    + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw removing(partial, e);
        }
    }

    /** {@code failure}, after deleting the unfinished folder (a failure to do so is added to it). */
    private static RuntimeException removing(Path partial, RuntimeException failure) {
        try {
            deleteFolder(partial);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** Refuses a target that is a file, or a folder holding anything but a saved student. */
    private static void checkReplaceable(Path target) {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new NonRetriableException("cannot save student to " + target + ": expected a folder (or nothing),"
                    + " but it is a file");
        }
        if (!Files.isDirectory(target) || Files.isRegularFile(target.resolve(CONFIG))) {
            return;
        }
        try (Stream<Path> entries = Files.list(target)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().limit(3).toList();
            if (!names.isEmpty()) {
                throw new NonRetriableException("will not save student to " + target + ": expected an empty folder or"
                        + " a saved student to replace, but it holds other files (" + String.join(", ", names) + ")");
            }
        } catch (IOException e) {
            throw new NonRetriableException("cannot save student to " + target + ": " + e.getMessage(), e);
        }
    }

    private void writeFiles(Path directory) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of("BertForTokenClassification"));
        config.putAll(model.config().toJson());
        Map<String, Object> id2label = new LinkedHashMap<>();
        Map<String, Object> label2id = new LinkedHashMap<>();
        for (int i = 0; i < codec.tags().size(); i++) {
            id2label.put(String.valueOf(i), codec.tags().get(i));
            label2id.put(codec.tags().get(i), i);
        }
        config.put("torch_dtype", "float32");
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
        AtomicFiles.write(directory.resolve(CONFIG), out -> JSON.writeValue(out, config));
        AtomicFiles.write(directory.resolve(TOKENIZER), out -> out.write(tokenizer.json()));
        Safetensors.write(directory.resolve(WEIGHTS), hfTensors(model), Map.of("format", "pt"));
        // last: its presence says that every other file is complete
        ChecksumManifest.write(directory, SAVED_FILES);
    }

    /** Renames {@code partial} to {@code target}; a student already there is moved aside first and then deleted. */
    private static void replace(Path target, Path partial) throws IOException {
        if (!Files.exists(target)) {
            AtomicFiles.moveIntoPlace(partial, target);
            return;
        }
        Path previous = AtomicFiles.temporarySibling(target);
        AtomicFiles.moveIntoPlace(target, previous);
        try {
            AtomicFiles.moveIntoPlace(partial, target);
        } catch (IOException e) {
            AtomicFiles.moveIntoPlace(previous, target);
            throw e;
        }
        try {
            deleteFolder(previous);
        } catch (IOException e) {
            // the new student is in place; the old one stays hidden beside it
            LOG.warn("Could not delete the replaced student in {}: {}", previous, e.toString());
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
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
