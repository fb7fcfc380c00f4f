package io.github.meddistill.student;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.types.Shape;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.student.internal.BertModel;
import io.github.meddistill.student.internal.Safetensors;

/**
 * Checks the header of a saved student's {@code model.safetensors} against its {@code config.json} before any weight
 * is read: every tensor the config describes is there with the config's dtype ({@code torch_dtype}) and shape, and
 * there is no other, so that weights of another model or a cut file are named instead of loaded.
 */
final class SavedWeightsCheck {

    private SavedWeightsCheck() {
    }

    /** @throws NonRetriableException naming the file, the tensor, what the config expects and what the file has */
    static void check(Path weights, SavedStudent saved) {
        String dtype = safetensorsDtype(saved.torchDtype());
        BertConfig config = saved.config();
        String described = "as config.json describes the model: vocab_size " + config.vocabSize() + ", hidden_size "
                + config.hiddenSize() + ", num_hidden_layers " + config.layers() + ", intermediate_size "
                + config.intermediateSize() + ", max_position_embeddings " + config.maxPositions() + ", "
                + saved.tags().size() + " labels, torch_dtype " + saved.torchDtype();
        Map<String, Safetensors.Entry> found = new LinkedHashMap<>(Safetensors.header(weights));
        for (Map.Entry<String, Shape> expected : BertModel.shapes(config, saved.tags().size()).entrySet()) {
            String name = expected.getKey().startsWith("classifier.") ? expected.getKey() : "bert." + expected.getKey();
            Safetensors.Entry entry = found.remove(name);
            long[] shape = expected.getValue().getShape();
            String wanted = dtype + " " + Arrays.toString(shape);
            if (entry == null) {
                throw new NonRetriableException(weights + ": tensor '" + name + "': expected " + wanted + " (" + described
                        + "), but there is none");
            }
            if (!entry.dtype().equals(dtype) || !Arrays.equals(entry.shape(), shape)) {
                throw new NonRetriableException(weights + ": tensor '" + name + "': expected " + wanted + " (" + described
                        + "), but was " + entry);
            }
        }
        if (!found.isEmpty()) {
            throw new NonRetriableException(weights + ": tensor '" + found.keySet().iterator().next() + "': expected only"
                    + " the tensors of the model (" + described + "), but the file has " + found.size() + " more: "
                    + found.keySet());
        }
    }

    /** The safetensors dtype of an HF {@code torch_dtype}. */
    private static String safetensorsDtype(String torchDtype) {
        return switch (torchDtype) {
            case "float32" -> "F32";
            case "float16" -> "F16";
            case "bfloat16" -> "BF16";
            default -> throw new IllegalStateException("unvalidated torch_dtype " + torchDtype);
        };
    }
}
