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
 * Writes a {@code BertForTokenClassification} as an ONNX graph (opset 17) with the inputs and output of an HF
 * Optimum export: {@code input_ids}, {@code attention_mask}, {@code token_type_ids} (int64 {@code [batch,
 * sequence]}) to {@code logits} (float {@code [batch, sequence, labels]}). Weight matrices are stored transposed
 * ({@code [in, out]}) for {@code MatMul}, as torch.onnx does.
 */
public final class OnnxExport {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;

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
        ProtoWriter model = new ProtoWriter()
                .varint(1, 8)
                .string(2, "meddistill")
                .message(7, export.graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 17));
        try {
            Files.write(file, model.toByteArray());
        } catch (IOException e) {
            throw new NonRetriableException("cannot write ONNX model " + file + ": " + e.getMessage(), e);
        }
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
                .message(5, new ProtoWriter().string(1, "epsilon").fixed32(2, (float) config.layerNormEps())
                        .varint(20, 1));
        graph.message(1, node);
        return output;
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
