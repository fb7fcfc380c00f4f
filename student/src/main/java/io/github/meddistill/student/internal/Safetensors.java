package io.github.meddistill.student.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.core.io.AtomicFiles;

/**
 * Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header, raw
 * little-endian tensors). F32, F16 and BF16 tensors are read as float32, converted in Java; integer tensors
 * (such as {@code position_ids}) are skipped since the model does not need them.
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /** The dtype and shape of one tensor, as its file's header states them. */
    public record Entry(String dtype, long[] shape) {

        /** {@code F32 [2, 3]}. */
        @Override
        public String toString() {
            return dtype + " " + Arrays.toString(shape);
        }
    }

    /** Every tensor's dtype and shape by name, in header order, without reading the data. */
    public static Map<String, Entry> header(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = readHeader(channel, file).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("__metadata__")) {
                    entries.put(field.getKey(), new Entry(field.getValue().path("dtype").asText(),
                            shape(field.getValue())));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new NonRetriableException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The float tensors of a {@code .safetensors} file by name, in header order. */
    public static Map<String, FloatTensor> read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            JsonNode header = readHeader(channel, file);
            long dataStart = 8 + headerLength(channel);
            Map<String, FloatTensor> tensors = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("__metadata__")) {
                    continue;
                }
                FloatTensor tensor = readTensor(channel, dataStart, channel.size(), field.getKey(), field.getValue(), file);
                if (tensor != null) {
                    tensors.put(field.getKey(), tensor);
                }
            }
            return tensors;
        } catch (IOException e) {
            throw new NonRetriableException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long headerLength(FileChannel channel) throws IOException {
        ByteBuffer lengthBuffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBuffer, 0);
        return lengthBuffer.flip().getLong();
    }

    private static JsonNode readHeader(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        long headerLength = size < 8 ? -1 : headerLength(channel);
        if (headerLength <= 0 || 8 + headerLength > size) {
            throw new NonRetriableException("not a safetensors file: " + file + " (header length " + headerLength
                    + ", file size " + size + ")");
        }
        ByteBuffer headerBuffer = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBuffer, 8);
        JsonNode header = JSON.readTree(new String(headerBuffer.array(), StandardCharsets.UTF_8));
        if (header == null || !header.isObject()) {
            throw new NonRetriableException("not a safetensors file: " + file + " (its header is not a JSON object)");
        }
        return header;
    }

    private static long[] shape(JsonNode info) {
        JsonNode shapeNode = info.path("shape");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
        }
        return shape;
    }

    private static FloatTensor readTensor(FileChannel channel, long dataStart, long fileSize, String name,
            JsonNode info, Path file) throws IOException {
        String dtype = info.path("dtype").asText();
        int bytesPerValue = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
        if (bytesPerValue == 0) {
            return null;
        }
        long[] shape = shape(info);
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        long begin = info.path("data_offsets").path(0).asLong(-1);
        long end = info.path("data_offsets").path(1).asLong(-1);
        if (begin < 0 || end - begin != count * bytesPerValue || dataStart + end > fileSize) {
            throw new NonRetriableException("tensor " + name + " in " + file + " has data_offsets [" + begin + ", " + end
                    + "], expected " + count * bytesPerValue + " bytes of " + dtype + " inside the file");
        }
        ByteBuffer data = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, data, dataStart + begin);
        data.flip();
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case "F32" -> data.getFloat();
                case "BF16" -> HalfFloats.bfloat16ToFloat(data.getShort());
                default -> HalfFloats.float16ToFloat(data.getShort());
            };
        }
        return new FloatTensor(shape, values);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += read;
        }
    }

    /** Writes float32 tensors in the given order, with string metadata; the file appears only when complete. */
    public static void write(Path file, Map<String, FloatTensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, FloatTensor> entry : tensors.entrySet()) {
            ObjectNode info = header.putObject(entry.getKey());
            info.put("dtype", "F32");
            var shape = info.putArray("shape");
            for (long d : entry.getValue().shape()) {
                shape.add(d);
            }
            long bytes = 4L * entry.getValue().values().length;
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (headerBytes.length + 7) / 8 * 8;
        byte[] headerPadded = new byte[padded];
        Arrays.fill(headerPadded, (byte) ' ');
        System.arraycopy(headerBytes, 0, headerPadded, 0, headerBytes.length);
        try {
            AtomicFiles.write(file, out -> {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
                out.write(length.array());
                out.write(headerPadded);
                for (FloatTensor tensor : tensors.values()) {
                    ByteBuffer data = ByteBuffer.allocate(4 * tensor.values().length).order(ByteOrder.LITTLE_ENDIAN);
                    data.asFloatBuffer().put(tensor.values());
                    out.write(data.array());
                }
            });
        } catch (IOException e) {
            throw new NonRetriableException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
