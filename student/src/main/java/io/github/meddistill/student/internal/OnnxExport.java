package io.github.meddistill.student.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.student.BertConfig;

/**
 * Writes a {@code BertForTokenClassification} as an ONNX graph (opset 17), in one of two layouts:
 * <ul>
 *   <li>{@link #write}: the inputs and output of an HF Optimum export, {@code input_ids}, {@code attention_mask},
 *       {@code token_type_ids} (int64 {@code [batch, sequence]}) to {@code logits} (float {@code [batch,
 *       sequence, labels]}), for any runtime that reads such files;</li>
 *   <li>{@link #packed}: the layout of a {@link PackedBatch}, {@code input_ids}, {@code position_ids},
 *       {@code token_slots} (int64 {@code [tokens]}), {@code row_tokens} (int64 {@code [rows, row_length]}) and
 *       {@code attention_bias} (float {@code [rows, row_length, row_length]}) to {@code logits} (float
 *       {@code [tokens, labels]}), in fp32 or with dynamically quantised int8 matrix products; its fp32 attention is
 *       ONNX Runtime's {@code com.microsoft.Attention} operator and its fp32 residual steps
 *       {@code com.microsoft.SkipLayerNormalization}, so this layout is for ONNX Runtime only.</li>
 * </ul>
 * Weight matrices are stored transposed ({@code [in, out]}) for {@code MatMul}, as torch.onnx does.
 */
public final class OnnxExport {

    private static final int FLOAT = 1;
    private static final int INT8 = 3;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    /** ONNX Runtime's operators beyond the standard set, such as {@code Attention}. */
    private static final String CONTRIB_DOMAIN = "com.microsoft";
    /**
     * Largest magnitude of a quantised weight. Without int8 dot-product instructions (AVX2 only, as here) ONNX
     * Runtime multiplies uint8 activations by int8 weights with {@code vpmaddubsw}, which saturates when two
     * adjacent products add up beyond 32767; weights within +-63 keep every pair below it (255 * 63 * 2), the
     * "reduced range" of ONNX Runtime's own quantiser.
     */
    private static final int WEIGHT_RANGE = 63;

    private final ProtoWriter graph = new ProtoWriter();
    private int counter;

    private OnnxExport() {
    }

    /**
     * Writes {@code file}.
     *
     * @param tensors parameters by name without the {@code bert.} prefix, as in {@link BertModel#parameters()}
     */
    public static void write(Path file, BertConfig config, int numLabels, Map<String, FloatTensor> tensors) {
        OnnxExport export = new OnnxExport();
        export.build(config, numLabels, tensors);
        try {
            Files.write(file, export.modelBytes());
        } catch (IOException e) {
            throw new NonRetriableException("cannot write ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model in the packed layout, as the bytes of a {@code .onnx} file.
     *
     * @param tensors parameters by name without the {@code bert.} prefix, as in {@link BertModel#parameters()}
     * @param int8 whether the query/key/value, attention output and feed-forward input products are dynamically
     *     quantised to int8 (the feed-forward output product stays fp32)
     */
    public static byte[] packed(BertConfig config, int numLabels, Map<String, FloatTensor> tensors, boolean int8) {
        OnnxExport export = new OnnxExport();
        export.buildPacked(config, numLabels, tensors, int8);
        return export.modelBytes();
    }

    /** A ModelProto (IR version 8, default opset 17) around the graph. */
    private byte[] modelBytes() {
        return new ProtoWriter()
                .varint(1, 8)
                .string(2, "meddistill")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 17))
                .message(8, new ProtoWriter().string(1, CONTRIB_DOMAIN).varint(2, 1))
                .toByteArray();
    }

    private void build(BertConfig config, int numLabels, Map<String, FloatTensor> tensors) {
        graph.string(2, "bert_token_classification");
        tensors.forEach((name, tensor) -> {
            boolean matmul = name.endsWith(".weight") && tensor.shape().length == 2 && !name.startsWith("embeddings.");
            graph.message(5, matmul ? transposed(name, tensor) : tensor(name, tensor.shape(), tensor.values()));
        });
        graph.message(5, int64s("const_one_i", new long[0], 1));
        graph.message(5, int64s("const_zero_i", new long[0], 0));
        graph.message(5, int64s("const_index1", new long[0], 1));
        graph.message(5, int64s("const_axes12", new long[] {2}, 1, 2));
        graph.message(5, int64s("const_heads_shape", new long[] {4}, 0, 0, config.heads(), config.headSize()));
        graph.message(5, int64s("const_hidden_shape", new long[] {3}, 0, 0, config.hiddenSize()));
        graph.message(5, tensor("const_one_f", new long[0], new float[] {1f}));
        graph.message(5, tensor("const_mask_f", new long[0], new float[] {-1e9f}));
        graph.message(5, tensor("const_scale", new long[0], new float[] {(float) (1.0 / Math.sqrt(config.headSize()))}));
        graph.message(5, tensor("const_half", new long[0], new float[] {0.5f}));
        graph.message(5, tensor("const_sqrt2", new long[0], new float[] {(float) Math.sqrt(2.0)}));
        for (String input : new String[] {"input_ids", "attention_mask", "token_type_ids"}) {
            graph.message(11, valueInfo(input, INT64, "batch_size", "sequence_length"));
        }
        graph.message(12, valueInfo("logits", FLOAT, "batch_size", "sequence_length", String.valueOf(numLabels)));

        String shape = node("Shape", "input_ids");
        String length = node("Gather", shape, "const_index1");
        String positions = node("Range", "const_zero_i", length, "const_one_i");
        String x = node("Gather", "embeddings.word_embeddings.weight", "input_ids");
        x = node("Add", x, node("Gather", "embeddings.position_embeddings.weight", positions));
        x = node("Add", x, node("Gather", "embeddings.token_type_embeddings.weight", "token_type_ids"));
        x = layerNorm(x, "embeddings.LayerNorm", config);
        String maskFloat = nodeWithInt("Cast", "to", FLOAT, "attention_mask");
        String additive = node("Mul", node("Sub", "const_one_f", maskFloat), "const_mask_f");
        additive = node("Unsqueeze", additive, "const_axes12");
        for (int i = 0; i < config.layers(); i++) {
            x = layer(x, additive, "encoder.layer." + i + ".", config);
        }
        node("Add", new String[] {"logits"}, node("MatMul", x, "classifier.weight"), "classifier.bias");
    }

    private void buildPacked(BertConfig config, int numLabels, Map<String, FloatTensor> tensors, boolean int8) {
        graph.string(2, "bert_token_classification_packed");
        int hidden = config.hiddenSize();
        for (String name : new String[] {"embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"}) {
            graph.message(5, tensor(name, tensors.get(name).shape(), tensors.get(name).values()));
        }
        float[] segment = java.util.Arrays.copyOf(tensors.get("embeddings.token_type_embeddings.weight").values(),
                hidden);
        graph.message(5, tensor("embeddings.token_type_row", new long[] {hidden}, segment));
        graph.message(5, int64s("const_flat_shape", new long[] {2}, -1, hidden));
        if (int8) {
            graph.message(5, int64s("const_axis1", new long[] {1}, 1));
            graph.message(5, int64s("const_row_qkv_shape", new long[] {5}, 0, 0, 3, config.heads(),
                    config.headSize()));
            for (int i = 0; i < 3; i++) {
                graph.message(5, int64s("const_i" + i, new long[0], i));
            }
        }
        graph.message(5, tensor("const_one_f", new long[0], new float[] {1f}));
        graph.message(5, tensor("const_zero_f", new long[0], new float[] {0f}));
        graph.message(5, tensor("const_half", new long[0], new float[] {0.5f}));
        graph.message(5, tensor("const_sqrt2", new long[0], new float[] {(float) Math.sqrt(2.0)}));
        for (String input : new String[] {"input_ids", "position_ids", "token_slots"}) {
            graph.message(11, valueInfo(input, INT64, "tokens"));
        }
        graph.message(11, valueInfo("row_tokens", INT64, "rows", "row_length"));
        graph.message(11, valueInfo("attention_bias", FLOAT, "rows", "row_length", "row_length"));
        graph.message(12, valueInfo("logits", FLOAT, "tokens", String.valueOf(numLabels)));

        String x = node("Gather", "embeddings.word_embeddings.weight", "input_ids");
        x = node("Add", x, node("Gather", "embeddings.position_embeddings.weight", "position_ids"));
        x = layerNorm(node("Add", x, "embeddings.token_type_row"), "embeddings.LayerNorm", config);
        tensors.forEach((name, tensor) -> {
            if (name.startsWith("encoder.") && name.contains("LayerNorm")) {
                graph.message(5, tensor(name, tensor.shape(), tensor.values()));
            }
        });
        // int8: the additive bias broadcast over heads; fp32: the 0/1 mask that com.microsoft.Attention reads as
        // mask_index, an input every ONNX Runtime version reads alike: a head-broadcast attention_bias crashed
        // onnxruntime-node 1.21.0 on this graph (its broadcast offsets were fixed in onnxruntime#24017)
        String bias = int8 ? node("Unsqueeze", "attention_bias", "const_axis1")
                : nodeWithInt("Cast", "to", INT32, node("Equal", "attention_bias", "const_zero_f"));
        for (int i = 0; i < config.layers(); i++) {
            x = packedLayer(x, bias, "encoder.layer." + i + ".", config, tensors, int8);
        }
        FloatTensor classifier = tensors.get("classifier.weight");
        graph.message(5, transposed("classifier.weight", classifier));
        graph.message(5, tensor("classifier.bias", tensors.get("classifier.bias").shape(),
                tensors.get("classifier.bias").values()));
        node("Add", new String[] {"logits"}, node("MatMul", x, "classifier.weight"), "classifier.bias");
    }

    /**
     * One encoder layer on {@code [tokens, hidden]}. Query, key and value are one product with the attention
     * scale folded into the query's weights; attention gathers the tokens into rows and its output back.
     */
    private String packedLayer(String x, String bias, String prefix, BertConfig config,
            Map<String, FloatTensor> tensors, boolean int8) {
        float scale = (float) (1.0 / Math.sqrt(config.headSize()));
        String self = prefix + "attention.self.";
        float[][] qkvWeights = {
                scaled(tensors.get(self + "query.weight").values(), scale),
                tensors.get(self + "key.weight").values(),
                tensors.get(self + "value.weight").values()};
        float[][] qkvBiases = {
                scaled(tensors.get(self + "query.bias").values(), scale),
                tensors.get(self + "key.bias").values(),
                tensors.get(self + "value.bias").values()};
        int hidden = config.hiddenSize();
        FloatTensor qkv = new FloatTensor(new long[] {3L * hidden, hidden}, concat(qkvWeights));
        FloatTensor qkvBias = new FloatTensor(new long[] {3L * hidden}, concat(qkvBiases));
        String context = node("Gather", node("Reshape", int8 ? attention(x, bias, self, qkv, qkvBias)
                : fusedAttention(x, bias, self, qkv, qkvBias, config), "const_flat_shape"), "token_slots");
        String attended = int8
                ? layerNorm(node("Add", linear(context, prefix + "attention.output.dense", tensors, true), x),
                        prefix + "attention.output.LayerNorm", config)
                : residualLayerNorm(context, x, prefix + "attention.output", tensors, config);
        String intermediate = linear(attended, prefix + "intermediate.dense", tensors, int8);
        String erf = node("Erf", node("Div", intermediate, "const_sqrt2"));
        String gelu = node("Mul", node("Mul", intermediate, node("Add", erf, "const_one_f")), "const_half");
        if (!int8) {
            return residualLayerNorm(gelu, attended, prefix + "output", tensors, config);
        }
        // the feed-forward output product stays fp32 under int8: its GELU input, one scale per call, lost the most
        // (dev entity agreement with fp32 94.3% -> 96.0% NCBI-disease, 91.4% -> 94.1% BC5CDR; 1.46x -> 1.26x fp32)
        return layerNorm(node("Add", linear(gelu, prefix + "output.dense", tensors, false), attended),
                prefix + "output.LayerNorm", config);
    }

    /**
     * {@code LayerNorm(x W^T + b + residual)} of the fp32 graph as a product and one ONNX Runtime
     * {@code SkipLayerNormalization}, which adds the bias and the residual in its own pass: ONNX Runtime fuses that
     * only on 3-D inputs, and the packed graph is 2-D. 2.2% faster one note per call than Add and
     * LayerNormalization (interleaved per note, 100 NCBI-disease abstracts, 8 rounds, 7 faster), the same entities.
     */
    private String residualLayerNorm(String x, String residual, String prefix, Map<String, FloatTensor> tensors,
            BertConfig config) {
        String dense = prefix + ".dense";
        String product = product(x, dense, tensors.get(dense + ".weight"), tensors.get(dense + ".bias"));
        String output = "t" + counter++;
        graph.message(1, new ProtoWriter().string(1, product).string(1, residual)
                .string(1, prefix + ".LayerNorm.weight").string(1, prefix + ".LayerNorm.bias")
                .string(1, dense + ".bias")
                .string(2, output).string(3, output).string(4, "SkipLayerNormalization").string(7, CONTRIB_DOMAIN)
                .message(5, epsilon(config)));
        return output;
    }

    /**
     * Attention over rows, {@code [rows, row_length, hidden]}, from int8 query, key and value products on the
     * tokens: the products are made once per token, then gathered into rows and split into heads.
     */
    private String attention(String x, String bias, String self, FloatTensor qkv, FloatTensor qkvBias) {
        String rows = node("Gather", linear(x, self + "qkv", qkv, qkvBias, true), "row_tokens");
        String heads = nodeWithInts("Transpose", "perm", new long[] {2, 0, 3, 1, 4},
                node("Reshape", rows, "const_row_qkv_shape"));
        String query = node("Gather", heads, "const_i0");
        String key = nodeWithInts("Transpose", "perm", new long[] {0, 1, 3, 2}, node("Gather", heads, "const_i1"));
        String value = node("Gather", heads, "const_i2");
        String probabilities = nodeWithInt("Softmax", "axis", -1, node("Add", node("MatMul", query, key), bias));
        return nodeWithInts("Transpose", "perm", new long[] {0, 2, 1, 3}, node("MatMul", probabilities, value));
    }

    /**
     * The same attention as one ONNX Runtime {@code com.microsoft.Attention} operator on the tokens gathered into
     * rows: it makes the query, key and value product and the per-head products without the transposes and
     * splits of the plain operators (measured by {@code bench inference --profile}). The scale is already in the
     * query's weights, so the operator's own is 1.
     */
    private String fusedAttention(String x, String mask, String self, FloatTensor qkv, FloatTensor qkvBias,
            BertConfig config) {
        graph.message(5, transposed(self + "qkv.weight", qkv));
        graph.message(5, tensor(self + "qkv.bias", qkvBias.shape(), qkvBias.values()));
        String rows = node("Gather", x, "row_tokens");
        String output = "t" + counter++;
        graph.message(1, nodeProto("Attention", new String[] {output}, rows, self + "qkv.weight", self + "qkv.bias",
                mask)
                .string(7, CONTRIB_DOMAIN)
                .message(5, new ProtoWriter().string(1, "num_heads").varint(3, config.heads()).varint(20, 2))
                .message(5, new ProtoWriter().string(1, "scale").fixed32(2, 1f).varint(20, 1)));
        return output;
    }

    private String linear(String x, String prefix, Map<String, FloatTensor> tensors, boolean int8) {
        return linear(x, prefix, tensors.get(prefix + ".weight"), tensors.get(prefix + ".bias"), int8);
    }

    /**
     * {@code x W^T + b} for a PyTorch {@code [out, in]} weight, in fp32 or as ONNX Runtime's dynamic quantisation
     * writes it: {@code DynamicQuantizeLinear} (uint8 input, its scale and zero point), {@code MatMulInteger} with
     * the int8 weight (zero point 0), and the int32 result scaled back by input scale times column scale, a
     * pattern that ONNX Runtime fuses into one {@code DynamicQuantizeMatMul}.
     */
    private String linear(String x, String prefix, FloatTensor weight, FloatTensor bias, boolean int8) {
        if (!int8) {
            return node("Add", product(x, prefix, weight, bias), prefix + ".bias");
        }
        graph.message(5, tensor(prefix + ".bias", bias.shape(), bias.values()));
        int out = (int) weight.shape()[0];
        int in = (int) weight.shape()[1];
        float[] values = weight.values();
        float[] scales = new float[out];
        byte[] quantised = new byte[in * out];
        for (int o = 0; o < out; o++) {
            float max = 0;
            for (int i = 0; i < in; i++) {
                max = Math.max(max, Math.abs(values[o * in + i]));
            }
            scales[o] = max > 0 ? max / WEIGHT_RANGE : 1f;
            for (int i = 0; i < in; i++) {
                quantised[i * out + o] = (byte) Math.round(values[o * in + i] / scales[o]);
            }
        }
        graph.message(5, new ProtoWriter().varint(1, in).varint(1, out).varint(2, INT8)
                .string(8, prefix + ".weight_int8").bytes(9, quantised));
        graph.message(5, tensor(prefix + ".weight_scale", new long[] {out}, scales));
        String quantisedX = "t" + counter++;
        String xScale = "t" + counter++;
        String xZeroPoint = "t" + counter++;
        node("DynamicQuantizeLinear", new String[] {quantisedX, xScale, xZeroPoint}, x);
        String product = node("MatMulInteger", quantisedX, prefix + ".weight_int8", xZeroPoint);
        String scale = node("Mul", xScale, prefix + ".weight_scale");
        return node("Add", node("Mul", nodeWithInt("Cast", "to", FLOAT, product), scale), prefix + ".bias");
    }

    /**
     * The fp32 {@code x W^T} for a PyTorch {@code [out, in]} weight; writes the weight, transposed, and the bias as
     * {@code prefix.bias} for the node that adds it.
     */
    private String product(String x, String prefix, FloatTensor weight, FloatTensor bias) {
        graph.message(5, tensor(prefix + ".bias", bias.shape(), bias.values()));
        graph.message(5, transposed(prefix + ".weight", weight));
        return node("MatMul", x, prefix + ".weight");
    }

    private static float[] scaled(float[] values, float factor) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] * factor;
        }
        return result;
    }

    private static float[] concat(float[][] parts) {
        int length = 0;
        for (float[] part : parts) {
            length += part.length;
        }
        float[] result = new float[length];
        int offset = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, result, offset, part.length);
            offset += part.length;
        }
        return result;
    }

    private String layer(String x, String additive, String prefix, BertConfig config) {
        String query = heads(linear(x, prefix + "attention.self.query"), new long[] {0, 2, 1, 3});
        String key = heads(linear(x, prefix + "attention.self.key"), new long[] {0, 2, 3, 1});
        String value = heads(linear(x, prefix + "attention.self.value"), new long[] {0, 2, 1, 3});
        String scores = node("Add", node("Mul", node("MatMul", query, key), "const_scale"), additive);
        String probabilities = nodeWithInt("Softmax", "axis", -1, scores);
        String context = nodeWithInts("Transpose", "perm", new long[] {0, 2, 1, 3}, node("MatMul", probabilities, value));
        context = node("Reshape", context, "const_hidden_shape");
        String attended = layerNorm(node("Add", linear(context, prefix + "attention.output.dense"), x),
                prefix + "attention.output.LayerNorm", config);
        String intermediate = linear(attended, prefix + "intermediate.dense");
        String erf = node("Erf", node("Div", intermediate, "const_sqrt2"));
        String gelu = node("Mul", node("Mul", intermediate, node("Add", erf, "const_one_f")), "const_half");
        return layerNorm(node("Add", linear(gelu, prefix + "output.dense"), attended), prefix + "output.LayerNorm",
                config);
    }

    private String heads(String x, long[] perm) {
        return nodeWithInts("Transpose", "perm", perm, node("Reshape", x, "const_heads_shape"));
    }

    private String linear(String x, String prefix) {
        return node("Add", node("MatMul", x, prefix + ".weight"), prefix + ".bias");
    }

    private String layerNorm(String x, String prefix, BertConfig config) {
        String output = "t" + counter++;
        ProtoWriter node = new ProtoWriter().string(1, x).string(1, prefix + ".weight").string(1, prefix + ".bias")
                .string(2, output).string(3, output).string(4, "LayerNormalization")
                .message(5, new ProtoWriter().string(1, "axis").varint(3, -1).varint(20, 2))
                .message(5, epsilon(config));
        graph.message(1, node);
        return output;
    }

    /** The {@code epsilon} attribute (type FLOAT) of both layer normalisations. */
    private static ProtoWriter epsilon(BertConfig config) {
        return new ProtoWriter().string(1, "epsilon").fixed32(2, (float) config.layerNormEps()).varint(20, 1);
    }

    private String node(String op, String... inputs) {
        String output = "t" + counter++;
        node(op, new String[] {output}, inputs);
        return output;
    }

    private void node(String op, String[] outputs, String... inputs) {
        graph.message(1, nodeProto(op, outputs, inputs));
    }

    private ProtoWriter nodeProto(String op, String[] outputs, String... inputs) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.string(1, input);
        }
        for (String output : outputs) {
            node.string(2, output);
        }
        return node.string(3, outputs[0]).string(4, op);
    }

    private String nodeWithInt(String op, String attribute, long value, String... inputs) {
        String output = "t" + counter++;
        graph.message(1, nodeProto(op, new String[] {output}, inputs)
                .message(5, new ProtoWriter().string(1, attribute).varint(3, value).varint(20, 2)));
        return output;
    }

    private String nodeWithInts(String op, String attribute, long[] values, String... inputs) {
        String output = "t" + counter++;
        ProtoWriter attributeProto = new ProtoWriter().string(1, attribute);
        for (long value : values) {
            attributeProto.varint(8, value);
        }
        attributeProto.varint(20, 7);
        graph.message(1, nodeProto(op, new String[] {output}, inputs).message(5, attributeProto));
        return output;
    }

    private static ProtoWriter transposed(String name, FloatTensor tensor) {
        int rows = (int) tensor.shape()[0];
        int cols = (int) tensor.shape()[1];
        float[] values = tensor.values();
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return tensor(name, new long[] {cols, rows}, out);
    }

    private static ProtoWriter tensor(String name, long[] shape, float[] values) {
        ProtoWriter tensor = new ProtoWriter();
        for (long d : shape) {
            tensor.varint(1, d);
        }
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return tensor.varint(2, FLOAT).string(8, name).bytes(9, data.array());
    }

    private static ProtoWriter int64s(String name, long[] shape, long... values) {
        ProtoWriter tensor = new ProtoWriter();
        for (long d : shape) {
            tensor.varint(1, d);
        }
        ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        return tensor.varint(2, INT64).string(8, name).bytes(9, data.array());
    }

    private static ProtoWriter valueInfo(String name, int elementType, String... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (String dim : dims) {
            ProtoWriter dimension = new ProtoWriter();
            if (dim.chars().allMatch(Character::isDigit)) {
                dimension.varint(1, Long.parseLong(dim));
            } else {
                dimension.string(2, dim);
            }
            shape.message(1, dimension);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elementType).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
}
