package io.github.meddistill.student;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.meddistill.core.Entity;
import io.github.meddistill.core.EntityType;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.Student;
import io.github.meddistill.student.internal.BatchScorer;
import io.github.meddistill.student.internal.ChecksumManifest;
import io.github.meddistill.student.internal.EncodedDocument;
import io.github.meddistill.student.internal.SubwordTokenizer;
import io.github.meddistill.student.internal.TokenClassificationCodec;

/**
 * A saved student run on the ONNX Runtime engine instead of PyTorch: the directory of {@link BertStudent#save}
 * plus a {@code model.onnx} with inputs {@code input_ids}, {@code attention_mask}, {@code token_type_ids} and
 * output {@code logits} (from {@link BertStudent#exportOnnx} or an HF Optimum token-classification export).
 * Tokenisation, windows and decoding are those of {@link BertStudent}, so predictions agree up to float rounding.
 *
 * <p>Thread-safe: the ONNX Runtime session is shared and each call uses its own predictor and tensors.
 */
public final class OnnxStudent implements Student {

    private final Model model;
    private final SubwordTokenizer tokenizer;
    private final TokenClassificationCodec codec;
    private final SavedStudent saved;
    private final Path source;

    private OnnxStudent(Model model, SubwordTokenizer tokenizer, SavedStudent saved, Path source) {
        this.source = source;
        this.model = model;
        this.tokenizer = tokenizer;
        this.codec = saved.codec(tokenizer);
        this.saved = saved;
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
        return new OnnxStudent(model, SubwordTokenizer.fromJson(saved.tokenizerJson(), directory.resolve(
                "tokenizer.json").toString()), saved, directory);
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
            scores = BatchScorer.scores(() -> model.getNDManager().newSubManager(), batch -> {
                NDArray ids = batch.inputIds();
                ids.setName("input_ids");
                NDArray mask = batch.attentionMask();
                mask.setName("attention_mask");
                NDArray types = ids.zerosLike();
                types.setName("token_type_ids");
                try {
                    return predictor.predict(new NDList(ids, mask, types)).get(0).toFloatArray();
                } catch (TranslateException e) {
                    throw new NonRetriableException("ONNX Runtime inference failed: " + e.getMessage(), e);
                }
            }, saved.tags().size(), codec, documents, saved.batchSize());
        }
        List<List<Entity>> results = new ArrayList<>(texts.size());
        for (int i = 0; i < documents.size(); i++) {
            results.add(codec.decode(documents.get(i), scores.get(i)));
        }
        return List.copyOf(results);
    }

    @Override
    public Set<EntityType> entityTypes() {
        return saved.entityTypes();
    }

    /** Copies the files it was loaded from (config.json, tokenizer.json, model.onnx, and model.safetensors if present). */
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
