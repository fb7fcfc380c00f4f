package io.github.meddistill.student.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.meddistill.core.NonRetriableException;

/**
 * Reads the float initializers of a BERT-family ONNX graph (as exported by HF Optimum / torch.onnx) with
 * HuggingFace parameter names. A minimal protobuf wire-format reader: only {@code ModelProto.graph}, its
 * {@code node} and {@code initializer} fields are decoded.
 *
 * <p>Biases and LayerNorm tensors already carry HF names. Weight matrices are anonymous
 * ({@code onnx::MatMul_123}); they are named after the MatMul node that consumes them
 * ({@code /encoder/layer.0/attention/self/query/MatMul} becomes
 * {@code encoder.layer.0.attention.self.query.weight}) and transposed from ONNX's {@code [in, out]} to
 * PyTorch's {@code [out, in]}. Integer tensors (e.g. {@code embeddings.position_ids}) are skipped.
 */
public final class OnnxWeights {

    private static final int FLOAT = 1;
    private static final int FLOAT16 = 10;
    private static final int BFLOAT16 = 16;

    private OnnxWeights() {
    }

    /**
     * The float tensors of the graph by HF name, in graph order.
     *
     * @param model the bytes of a {@code .onnx} file
     * @param source a name for error messages (file or resource)
     */
    public static Map<String, FloatTensor> read(byte[] model, String source) {
        try {
            return readUnchecked(model, source);
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            throw new NonRetriableException("not a valid ONNX model (protobuf could not be read): " + source, e);
        }
    }

    private static Map<String, FloatTensor> readUnchecked(byte[] model, String source) {
        ProtoReader modelReader = new ProtoReader(model, 0, model.length);
        ProtoReader graph = null;
        while (modelReader.hasMore()) {
            int tag = modelReader.readTag();
            if (tag >>> 3 == 7 && (tag & 7) == 2) {
                graph = modelReader.readMessage();
            } else {
                modelReader.skip(tag);
            }
        }
        if (graph == null) {
            throw new NonRetriableException("ONNX model has no graph: " + source);
        }
        Map<String, String> consumerOfWeight = new HashMap<>();
        List<RawTensor> raw = new ArrayList<>();
        while (graph.hasMore()) {
            int tag = graph.readTag();
            int field = tag >>> 3;
            if (field == 1 && (tag & 7) == 2) {
                readNode(graph.readMessage(), consumerOfWeight);
            } else if (field == 5 && (tag & 7) == 2) {
                raw.add(readTensor(graph.readMessage()));
            } else {
                graph.skip(tag);
            }
        }
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (RawTensor tensor : raw) {
            if (tensor.dataType != FLOAT && tensor.dataType != FLOAT16 && tensor.dataType != BFLOAT16) {
                continue;
            }
            float[] values = tensor.floats();
            long[] shape = tensor.dims;
            String name = tensor.name;
            String consumer = consumerOfWeight.get(name);
            if (consumer != null && shape.length == 2) {
                name = consumer.substring(1, consumer.length() - "/MatMul".length()).replace('/', '.') + ".weight";
                values = transpose(values, (int) shape[0], (int) shape[1]);
                shape = new long[] {shape[1], shape[0]};
            }
            if (name.startsWith("onnx::")) {
                throw new NonRetriableException("cannot name ONNX initializer " + tensor.name + " in " + source
                        + ": expected every anonymous tensor to be the weight of a MatMul node");
            }
            tensors.put(name, new FloatTensor(shape, values));
        }
        return tensors;
    }

    private static void readNode(ProtoReader node, Map<String, String> consumerOfWeight) {
        List<String> inputs = new ArrayList<>();
        String name = "";
        String opType = "";
        while (node.hasMore()) {
            int tag = node.readTag();
            switch (tag >>> 3) {
                case 1 -> inputs.add(node.readString());
                case 3 -> name = node.readString();
                case 4 -> opType = node.readString();
                default -> node.skip(tag);
            }
        }
        if (opType.equals("MatMul") && name.endsWith("/MatMul") && name.startsWith("/")) {
            for (String input : inputs) {
                if (input.startsWith("onnx::MatMul")) {
                    consumerOfWeight.put(input, name);
                }
            }
        }
    }

    private static RawTensor readTensor(ProtoReader tensor) {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        byte[] rawData = null;
        List<Float> floatData = new ArrayList<>();
        while (tensor.hasMore()) {
            int tag = tensor.readTag();
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == 1 && wire == 0) {
                dims.add(tensor.readVarint());
            } else if (field == 1 && wire == 2) {
                ProtoReader packed = tensor.readMessage();
                while (packed.hasMore()) {
                    dims.add(packed.readVarint());
                }
            } else if (field == 2 && wire == 0) {
                dataType = (int) tensor.readVarint();
            } else if (field == 4 && wire == 2) {
                ProtoReader packed = tensor.readMessage();
                while (packed.hasMore()) {
                    floatData.add(Float.intBitsToFloat(packed.readFixed32()));
                }
            } else if (field == 4 && wire == 5) {
                floatData.add(Float.intBitsToFloat(tensor.readFixed32()));
            } else if (field == 8 && wire == 2) {
                name = tensor.readString();
            } else if (field == 9 && wire == 2) {
                rawData = tensor.readBytes();
            } else if (field == 14 && wire == 0 && tensor.readVarint() == 1) {
                throw new NonRetriableException("ONNX tensor " + name + " uses external data, which is not supported;"
                        + " re-export the model with all weights inside the .onnx file");
            } else {
                tensor.skip(tag);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new RawTensor(name, dataType, shape, rawData, floatData);
    }

    private static float[] transpose(float[] values, int rows, int cols) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }

    private record RawTensor(String name, int dataType, long[] dims, byte[] rawData, List<Float> floatData) {

        float[] floats() {
            long count = 1;
            for (long d : dims) {
                count *= d;
            }
            if (rawData == null) {
                if (floatData.size() != count) {
                    throw new NonRetriableException("ONNX tensor " + name + " has " + floatData.size()
                            + " values, expected " + count);
                }
                float[] out = new float[floatData.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = floatData.get(i);
                }
                return out;
            }
            ByteBuffer buffer = ByteBuffer.wrap(rawData).order(ByteOrder.LITTLE_ENDIAN);
            int bytesPerValue = dataType == FLOAT ? 4 : 2;
            if (rawData.length != count * bytesPerValue) {
                throw new NonRetriableException("ONNX tensor " + name + " has " + rawData.length + " bytes, expected "
                        + count * bytesPerValue);
            }
            float[] out = new float[(int) count];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (dataType) {
                    case FLOAT -> buffer.getFloat();
                    case BFLOAT16 -> HalfFloats.bfloat16ToFloat(buffer.getShort());
                    default -> HalfFloats.float16ToFloat(buffer.getShort());
                };
            }
            return out;
        }
    }

    /** Just enough of the protobuf wire format: varints, fixed32, length-delimited fields. */
    private static final class ProtoReader {
        private final byte[] data;
        private int position;
        private final int end;

        ProtoReader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int readTag() {
            return (int) readVarint();
        }

        long readVarint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new IllegalStateException("truncated varint");
                }
                byte b = data[position++];
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalStateException("malformed varint");
        }

        int readFixed32() {
            int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8 | (data[position + 2] & 0xFF) << 16
                    | (data[position + 3] & 0xFF) << 24;
            position += 4;
            return value;
        }

        ProtoReader readMessage() {
            int length = checkedLength();
            ProtoReader sub = new ProtoReader(data, position, position + length);
            position += length;
            return sub;
        }

        byte[] readBytes() {
            int length = checkedLength();
            byte[] bytes = new byte[length];
            System.arraycopy(data, position, bytes, 0, length);
            position += length;
            return bytes;
        }

        String readString() {
            int length = checkedLength();
            String s = new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }

        private int checkedLength() {
            long length = readVarint();
            if (length < 0 || position + length > end) {
                throw new IllegalStateException("length-delimited field runs past its message");
            }
            return (int) length;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> readVarint();
                case 1 -> position += 8;
                case 2 -> {
                    int length = checkedLength();
                    position += length;
                }
                case 5 -> position += 4;
                default -> throw new IllegalStateException("unsupported wire type " + (tag & 7));
            }
        }
    }
}
