package io.github.meddistill.student;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.Student;
import io.github.meddistill.student.internal.BatchScorer;
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
 * A saved student run on the ONNX Runtime engine instead of PyTorch, in one of two forms:
 * <ul>
 *   <li>{@link #load(Path, Precision, int)} (what {@link StudentLoader} uses): the weights of the directory of
 *       {@link BertStudent#save} are written in memory as an ONNX graph that reads {@linkplain
 *       io.github.meddistill.student.internal.PackedBatch packed} windows, so no padding is computed, in fp32 or
 *       with int8 matrix products ({@link Precision}); PyTorch is never loaded;</li>
 *   <li>{@link #load(Path)}: the directory's {@code model.onnx} with inputs {@code input_ids},
 *       {@code attention_mask}, {@code token_type_ids} and output {@code logits} (from {@link
 *       BertStudent#exportOnnx} or an HF Optimum token-classification export), run on padded batches.</li>
 * </ul>
 * Tokenisation, windows and decoding are those of {@link BertStudent}, so fp32 predictions agree up to float
 * rounding.
 *
 * <p>Thread-safe: the ONNX Runtime session is shared (its intra-op threads serve every caller) and each call uses
 * its own predictor and tensors, allocated in a child manager closed before the call returns. Do not call
 * {@link #close()} while calls are running.
 */
public final class OnnxStudent implements Student {

    private final Model model;
    private final SubwordTokenizer tokenizer;
    private final TokenClassificationCodec codec;
    private final SavedStudent saved;
    private final Path source;
    private final boolean packed;

    private OnnxStudent(Model model, SubwordTokenizer tokenizer, SavedStudent saved, Path source, boolean packed) {
        this.source = source;
        this.model = model;
        this.tokenizer = tokenizer;
        this.codec = saved.codec(tokenizer);
        this.saved = saved;
        this.packed = packed;
    }

    /** Loads {@code directory/model.onnx} with the directory's config.json and tokenizer.json, on the CPU. */
    public static OnnxStudent load(Path directory) {
        Path onnx = directory.resolve("model.onnx");
        if (!Files.isRegularFile(onnx)) {
            throw new NonRetriableException("no ONNX model at " + onnx + ": export one with BertStudent.exportOnnx"
                    + " or HF Optimum");
        }
        // the ONNX file is exported after saving, so only the files of the saved student are in its manifest
        ChecksumManifest.verify(directory, List.of("config.json", "tokenizer.json"));
        SavedStudent saved = SavedStudent.read(directory);
        Model model = Model.newInstance("student", Device.cpu(), "OnnxRuntime");
        try {
            model.load(directory, "model");
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new NonRetriableException("cannot load ONNX model " + onnx + ": " + e.getMessage(), e);
        }
        return new OnnxStudent(model, tokenizer(saved, directory), saved, directory, false);
    }

    /**
     * Loads the student saved in {@code directory} ({@code model.safetensors}, config.json, tokenizer.json) as a
     * packed-layout ONNX graph written in memory, on the CPU, after the checks of {@link BertStudent#load(Path,
     * Device)} (checksum manifest, tensor dtypes and shapes).
     *
     * @param precision fp32, or int8 matrix products
     * @param intraOpThreads threads of ONNX Runtime's intra-op pool, shared by all callers
     */
    public static OnnxStudent load(Path directory, Precision precision, int intraOpThreads) {
        return load(directory, precision, intraOpThreads, null);
    }

    /**
     * As {@link #load(Path, Precision, int)}; with a {@code profilePrefix}, ONNX Runtime records every operator's time
     * and writes them as a Chrome trace ({@code <prefix>_<time>.json}) when the student is closed.
     */
    static OnnxStudent load(Path directory, Precision precision, int intraOpThreads, Path profilePrefix) {
        Objects.requireNonNull(precision, "precision");
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1: " + intraOpThreads);
        }
        if (!Files.isDirectory(directory)) {
            throw new NonRetriableException("no saved student at " + directory + ": expected a folder written by"
                    + " BertStudent.save (or `meddistill train`), but " + (Files.exists(directory) ? "it is a file"
                    : "there is nothing"));
        }
        ChecksumManifest.verify(directory, BertStudent.SAVED_FILES);
        SavedStudent saved = SavedStudent.read(directory);
        Path weights = directory.resolve("model.safetensors");
        SavedWeightsCheck.check(weights, saved);
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        Safetensors.read(weights).forEach((name, tensor) -> tensors.put(name.startsWith("bert.") ? name.substring(5)
                : name, tensor));
        checkShapes(tensors, saved, weights);
        byte[] graph = OnnxExport.packed(saved.config(), saved.tags().size(), tensors, precision == Precision.INT8);
        tensors.clear();
        Model model = Model.newInstance("student", Device.cpu(), "OnnxRuntime");
        try {
            // DJL reads intraOpNumThreads only together with interOpNumThreads; one inter-op thread, since the
            // graph is a chain and the intra-op pool already holds the cores
            Map<String, String> options = new LinkedHashMap<>(Map.of("interOpNumThreads", "1",
                    "intraOpNumThreads", String.valueOf(intraOpThreads), "executionMode", "SEQUENTIAL",
                    "optLevel", "ALL_OPT"));
            if (profilePrefix != null) {
                options.put("profilerOutput", profilePrefix.toString());
            }
            model.load(new ByteArrayInputStream(graph), options);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new NonRetriableException("cannot load the ONNX graph of " + weights + ": " + e.getMessage(), e);
        }
        return new OnnxStudent(model, tokenizer(saved, directory), saved, directory, true);
    }

    private static void checkShapes(Map<String, FloatTensor> tensors, SavedStudent saved, Path weights) {
        BertModel.shapes(saved.config(), saved.tags().size()).forEach((name, shape) -> {
            FloatTensor tensor = tensors.get(name);
            if (tensor == null) {
                throw new NonRetriableException("checkpoint " + weights + " lacks tensor " + name);
            }
            if (!shape.equals(new Shape(tensor.shape()))) {
                throw new NonRetriableException("tensor " + name + " in " + weights + " has shape "
                        + new Shape(tensor.shape()) + ", expected " + shape);
            }
        });
    }

    private static SubwordTokenizer tokenizer(SavedStudent saved, Path directory) {
        return SubwordTokenizer.fromJson(saved.tokenizerJson(), directory.resolve("tokenizer.json").toString());
    }

    @Override
    public List<Entity> extract(String text) {
        return extractAll(List.of(text)).get(0);
    }

    @Override
    public List<List<Entity>> extractAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        List<EncodedDocument> documents = texts.stream().map(codec::encode).toList();
        List<List<float[][]>> scores;
        try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
            scores = packed ? packedScores(predictor, documents) : paddedScores(predictor, documents);
        }
        List<List<Entity>> results = new ArrayList<>(texts.size());
        for (int i = 0; i < documents.size(); i++) {
            results.add(codec.decode(documents.get(i), scores.get(i)));
        }
        return List.copyOf(results);
    }

    private List<List<float[][]>> packedScores(Predictor<NDList, NDList> predictor, List<EncodedDocument> documents) {
        return PackedScorer.scores(batch -> {
            try (NDManager manager = model.getNDManager().newSubManager()) {
                Shape rows = new Shape(batch.rows(), batch.rowLength());
                NDList inputs = new NDList(
                        named(manager.create(batch.inputIds()), "input_ids"),
                        named(manager.create(batch.positionIds()), "position_ids"),
                        named(manager.create(batch.tokenSlots()), "token_slots"),
                        named(manager.create(batch.rowTokens(), rows), "row_tokens"),
                        named(manager.create(batch.attentionBias(), rows.add(batch.rowLength())), "attention_bias"));
                return predict(predictor, inputs).get(0).toFloatArray();
            }
        }, saved.tags().size(), codec, documents, PackedScorer.TOKENS_PER_PASS);
    }

    private List<List<float[][]>> paddedScores(Predictor<NDList, NDList> predictor, List<EncodedDocument> documents) {
        return BatchScorer.scores(() -> model.getNDManager().newSubManager(), batch -> {
            NDArray ids = named(batch.inputIds(), "input_ids");
            NDArray mask = named(batch.attentionMask(), "attention_mask");
            NDArray types = named(ids.zerosLike(), "token_type_ids");
            return predict(predictor, new NDList(ids, mask, types)).get(0).toFloatArray();
        }, saved.tags().size(), codec, documents, saved.batchSize());
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    private static NDList predict(Predictor<NDList, NDList> predictor, NDList inputs) {
        try {
            return predictor.predict(inputs);
        } catch (TranslateException e) {
            throw new NonRetriableException("ONNX Runtime inference failed: " + e.getMessage(), e);
        }
    }

    /**
     * The lengths of the sequences (windows, [CLS] and [SEP] included) that {@link #extract} runs through the model
     * for {@code text}: what a forward pass of the note costs, for capacity planning and benchmarks.
     */
    public List<Integer> sequenceLengths(String text) {
        EncodedDocument document = codec.encode(Objects.requireNonNull(text, "text"));
        return document.windows().stream().map(window -> codec.inputIds(document, window).length).toList();
    }

    @Override
    public Set<EntityType> entityTypes() {
        return saved.entityTypes();
    }

    /** Copies the files it was loaded from (config.json, tokenizer.json, and model.onnx and model.safetensors if present). */
    @Override
    public void save(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String name : List.of("config.json", "tokenizer.json", "model.onnx", "model.safetensors")) {
                Path file = source.resolve(name);
                if (Files.isRegularFile(file) && !Files.isSameFile(source, directory)) {
                    Files.copy(file, directory.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new NonRetriableException("cannot save ONNX student to " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
