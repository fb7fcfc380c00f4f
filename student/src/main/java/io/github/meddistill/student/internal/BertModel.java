package io.github.meddistill.student.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.student.BertConfig;

/**
 * A BERT encoder with a token-classification head, written with DJL operators in the HuggingFace layout
 * ({@code BertForTokenClassification}): post-LayerNorm residual blocks, erf GELU, additive padding mask, and
 * parameters keyed by their HF names without the {@code bert.} prefix ({@code embeddings.word_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, ..., {@code classifier.weight}).
 *
 * <p>Forward passes only read the parameter arrays, so several threads may run inference at once as long as
 * nobody trains or {@linkplain #assign assigns} at the same time; each caller allocates its temporaries in its
 * own manager (that of its input arrays).
 */
public final class BertModel implements AutoCloseable {

    /** Name of the word-embedding matrix, {@code [vocabulary, hidden]}. */
    public static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

    /** Added to attention scores of padding positions; far below any real score, still finite in float32. */
    private static final float MASKED_SCORE = -1e9f;

    private final BertConfig config;
    private final int numLabels;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;

    private BertModel(BertConfig config, int numLabels, NDManager manager, Map<String, NDArray> parameters) {
        this.config = config;
        this.numLabels = numLabels;
        this.manager = manager;
        this.parameters = parameters;
    }

    /**
     * A model with BERT's initialisation (normal(0, 0.02) weights, zero biases, unit LayerNorm gains), drawn from
     * the engine's random generator (seed it first for reproducible weights). The model owns {@code manager}.
     */
    public static BertModel random(BertConfig config, int numLabels, NDManager manager) {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        shapes(config, numLabels).forEach((name, shape) -> {
            NDArray array;
            if (name.endsWith("LayerNorm.weight")) {
                array = manager.ones(shape);
            } else if (name.endsWith(".bias")) {
                array = manager.zeros(shape);
            } else {
                array = manager.randomNormal(0f, 0.02f, shape, DataType.FLOAT32);
            }
            array.setName(name);
            parameters.put(name, array);
        });
        return new BertModel(config, numLabels, manager, parameters);
    }

    /** The expected parameter names and shapes, in HF order. */
    public static Map<String, Shape> shapes(BertConfig config, int numLabels) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        long h = config.hiddenSize();
        shapes.put(WORD_EMBEDDINGS, new Shape(config.vocabSize(), h));
        shapes.put("embeddings.position_embeddings.weight", new Shape(config.maxPositions(), h));
        shapes.put("embeddings.token_type_embeddings.weight", new Shape(config.typeVocabSize(), h));
        shapes.put("embeddings.LayerNorm.weight", new Shape(h));
        shapes.put("embeddings.LayerNorm.bias", new Shape(h));
        for (int i = 0; i < config.layers(); i++) {
            String layer = "encoder.layer." + i + ".";
            for (String projection : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense")) {
                shapes.put(layer + projection + ".weight", new Shape(h, h));
                shapes.put(layer + projection + ".bias", new Shape(h));
            }
            shapes.put(layer + "attention.output.LayerNorm.weight", new Shape(h));
            shapes.put(layer + "attention.output.LayerNorm.bias", new Shape(h));
            shapes.put(layer + "intermediate.dense.weight", new Shape(config.intermediateSize(), h));
            shapes.put(layer + "intermediate.dense.bias", new Shape(config.intermediateSize()));
            shapes.put(layer + "output.dense.weight", new Shape(h, config.intermediateSize()));
            shapes.put(layer + "output.dense.bias", new Shape(h));
            shapes.put(layer + "output.LayerNorm.weight", new Shape(h));
            shapes.put(layer + "output.LayerNorm.bias", new Shape(h));
        }
        shapes.put("classifier.weight", new Shape(numLabels, h));
        shapes.put("classifier.bias", new Shape(numLabels));
        return shapes;
    }

    /**
     * Copies the given tensors into the parameters of the same name (a leading {@code bert.} is ignored).
     *
     * @param requireAll whether every parameter (classifier included) must be present
     * @param source a name for error messages
     * @return names of parameters that were not in {@code tensors}
     * @throws NonRetriableException on a shape mismatch, or a missing encoder tensor
     */
    public List<String> assign(Map<String, FloatTensor> tensors, boolean requireAll, String source) {
        Map<String, FloatTensor> byName = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> byName.put(name.startsWith("bert.") ? name.substring(5) : name, tensor));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            String name = entry.getKey();
            FloatTensor tensor = byName.get(name);
            if (tensor == null) {
                if (requireAll || !name.startsWith("classifier.")) {
                    throw new NonRetriableException("checkpoint " + source + " lacks tensor " + name);
                }
                missing.add(name);
                continue;
            }
            Shape expected = entry.getValue().getShape();
            if (!expected.equals(new Shape(tensor.shape()))) {
                throw new NonRetriableException("tensor " + name + " in " + source + " has shape "
                        + new Shape(tensor.shape()) + ", expected " + expected);
            }
            copyInto(entry.getValue(), tensor);
        }
        return missing;
    }

    /**
     * Copies {@code tensor}'s values into the storage the engine allocated for {@code parameter}. NDArray.set(Buffer)
     * would instead make the parameter's storage the Java buffer itself, kept alive only by the Java object, with
     * whatever alignment that buffer happens to get (see the package documentation).
     */
    private void copyInto(NDArray parameter, FloatTensor tensor) {
        try (NDManager staging = manager.newSubManager()) {
            parameter.set(new NDIndex("..."), staging.create(tensor.values(), parameter.getShape()));
        }
    }

    public BertConfig config() {
        return config;
    }

    public int numLabels() {
        return numLabels;
    }

    /** The parameter arrays by HF name (without {@code bert.}); unmodifiable, the arrays are live. */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** A child manager of the model's manager, for the temporaries of one call. */
    public NDManager newBatchManager() {
        return manager.newSubManager();
    }

    /** The manager that owns the parameters (and decides their device). */
    public NDManager manager() {
        return manager;
    }

    /**
     * Label logits {@code [batch, tokens, labels]}.
     *
     * @param inputIds {@code [batch, tokens]} int64 word-piece ids
     * @param attentionMask {@code [batch, tokens]}, 1 for real tokens and 0 for padding
     * @param training whether dropout is active
     */
    public NDArray logits(NDArray inputIds, NDArray attentionMask, boolean training) {
        NDArray hidden = encode(inputIds, attentionMask, training);
        hidden = Dropout.dropout(hidden, (float) config.hiddenDropout(), training).singletonOrThrow();
        return Linear.linear(hidden, p("classifier.weight"), p("classifier.bias")).singletonOrThrow();
    }

    /** The encoder's last hidden state {@code [batch, tokens, hidden]}; arguments as for {@link #logits}. */
    public NDArray encode(NDArray inputIds, NDArray attentionMask, boolean training) {
        long batch = inputIds.getShape().get(0);
        long tokens = inputIds.getShape().get(1);
        if (tokens > config.maxPositions()) {
            throw new IllegalArgumentException("sequence of " + tokens + " tokens exceeds max_position_embeddings="
                    + config.maxPositions());
        }
        // Results of operations belong to the manager of their first operand: lookups into the weights are moved
        // to the caller's manager at once, so nothing accumulates in the model's manager.
        NDManager callerManager = inputIds.getManager();
        // an embedding lookup, not advanced indexing: on CPU the backward pass of indexing adds the rows of
        // repeated word pieces with atomic adds in whatever order the threads run, so same-seed runs differed
        NDArray words = Embedding.embedding(inputIds, p(WORD_EMBEDDINGS), SparseFormat.DENSE).singletonOrThrow();
        NDArray positions = p("embeddings.position_embeddings.weight").get(new NDIndex(":{}", tokens));
        positions.attach(callerManager);
        NDArray segment = p("embeddings.token_type_embeddings.weight").get(0);
        segment.attach(callerManager);
        NDArray x = words.add(positions).add(segment);
        x = dropout(layerNorm(x, "embeddings.LayerNorm"), config.hiddenDropout(), training);
        NDArray additiveMask = attentionMask.toType(DataType.FLOAT32, false).neg().add(1f).mul(MASKED_SCORE)
                .reshape(batch, 1, 1, tokens);
        // autograd keeps the scale for the backward pass, so it is an array of the caller's manager, never a
        // Number overload such as mul(0.125f), whose scalar is freed at once (see the package documentation)
        NDArray scale = callerManager.create((float) (1.0 / Math.sqrt(config.headSize())));
        for (int i = 0; i < config.layers(); i++) {
            x = layer(x, additiveMask, scale, "encoder.layer." + i + ".", training);
        }
        return x;
    }

    /**
     * Label logits {@code [tokens, labels]} of a packed batch (see {@link PackedBatch}), for inference only: no
     * dropout, and the dense layers run on the tokens without padding. Everything, the result included, is
     * allocated in {@code manager} (a child of the model's, opened by the caller for this call).
     */
    public NDArray packedLogits(NDManager manager, PackedBatch batch) {
        long rows = batch.rows();
        long rowLength = batch.rowLength();
        NDArray ids = manager.create(batch.inputIds());
        NDArray rowTokens = manager.create(batch.rowTokens(), new Shape(rows, rowLength));
        NDArray bias = manager.create(batch.attentionBias(), new Shape(rows, 1, rowLength, rowLength));
        NDArray slots = manager.create(batch.tokenSlots());
        NDArray x = Embedding.embedding(ids, p(WORD_EMBEDDINGS), SparseFormat.DENSE).singletonOrThrow();
        x = x.add(Embedding.embedding(manager.create(batch.positionIds()), p("embeddings.position_embeddings.weight"),
                SparseFormat.DENSE).singletonOrThrow());
        NDArray segment = p("embeddings.token_type_embeddings.weight").get(0);
        segment.attach(manager);
        x = layerNorm(x.add(segment), "embeddings.LayerNorm");
        NDArray scale = manager.create((float) (1.0 / Math.sqrt(config.headSize())));
        for (int i = 0; i < config.layers(); i++) {
            x = packedLayer(x, rowTokens, bias, slots, scale, "encoder.layer." + i + ".");
        }
        return Linear.linear(x, p("classifier.weight"), p("classifier.bias")).singletonOrThrow();
    }

    /** One encoder layer on {@code [tokens, hidden]}; attention reads the tokens into rows and back. */
    private NDArray packedLayer(NDArray x, NDArray rowTokens, NDArray bias, NDArray slots, NDArray scale,
            String prefix) {
        NDArray query = rowHeads(linear(x, prefix + "attention.self.query").mul(scale), rowTokens);
        NDArray key = rowHeads(linear(x, prefix + "attention.self.key"), rowTokens);
        NDArray value = rowHeads(linear(x, prefix + "attention.self.value"), rowTokens);
        NDArray probabilities = query.matMul(key.transpose(0, 1, 3, 2)).add(bias).softmax(-1);
        NDArray context = probabilities.matMul(value).transpose(0, 2, 1, 3).reshape(-1, config.hiddenSize());
        context = Embedding.embedding(slots, context, SparseFormat.DENSE).singletonOrThrow();
        NDArray attended = layerNorm(linear(context, prefix + "attention.output.dense").add(x),
                prefix + "attention.output.LayerNorm");
        NDArray intermediate = Activation.gelu(linear(attended, prefix + "intermediate.dense"));
        return layerNorm(linear(intermediate, prefix + "output.dense").add(attended), prefix + "output.LayerNorm");
    }

    /** {@code [tokens, hidden]} read into attention rows as {@code [rows, heads, rowLength, headSize]}. */
    private NDArray rowHeads(NDArray x, NDArray rowTokens) {
        NDArray rows = Embedding.embedding(rowTokens, x, SparseFormat.DENSE).singletonOrThrow();
        return rows.reshape(rowTokens.getShape().get(0), rowTokens.getShape().get(1), config.heads(),
                config.headSize()).transpose(0, 2, 1, 3);
    }

    private NDArray layer(NDArray x, NDArray additiveMask, NDArray scale, String prefix, boolean training) {
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        NDArray query = heads(linear(x, prefix + "attention.self.query").mul(scale));
        NDArray key = heads(linear(x, prefix + "attention.self.key"));
        NDArray value = heads(linear(x, prefix + "attention.self.value"));
        NDArray probabilities = query.matMul(key.transpose(0, 1, 3, 2)).add(additiveMask).softmax(-1);
        probabilities = dropout(probabilities, config.attentionDropout(), training);
        NDArray context = probabilities.matMul(value).transpose(0, 2, 1, 3)
                .reshape(batch, tokens, config.hiddenSize());
        NDArray attended = dropout(linear(context, prefix + "attention.output.dense"), config.hiddenDropout(), training);
        attended = layerNorm(attended.add(x), prefix + "attention.output.LayerNorm");
        NDArray intermediate = Activation.gelu(linear(attended, prefix + "intermediate.dense"));
        NDArray output = dropout(linear(intermediate, prefix + "output.dense"), config.hiddenDropout(), training);
        return layerNorm(output.add(attended), prefix + "output.LayerNorm");
    }

    private NDArray heads(NDArray x) {
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        return x.reshape(batch, tokens, config.heads(), config.headSize()).transpose(0, 2, 1, 3);
    }

    private NDArray linear(NDArray x, String prefix) {
        return Linear.linear(x, p(prefix + ".weight"), p(prefix + ".bias")).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, String prefix) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), p(prefix + ".weight"), p(prefix + ".bias"),
                (float) config.layerNormEps()).singletonOrThrow();
    }

    private static NDArray dropout(NDArray x, double rate, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        return Dropout.dropout(x, (float) rate, true).singletonOrThrow();
    }

    private NDArray p(String name) {
        return parameters.get(name);
    }

    @Override
    public void close() {
        manager.close();
    }
}
