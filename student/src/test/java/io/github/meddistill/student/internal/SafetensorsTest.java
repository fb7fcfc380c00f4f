package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.meddistill.core.NonRetriableException;

class SafetensorsTest {

    @Test
    void should_read_back_the_same_tensors_when_written() throws Exception {
        Path file = Files.createTempFile("t", ".safetensors");
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", new FloatTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f}));
        tensors.put("a.bias", new FloatTensor(new long[] {3}, new float[] {0.25f, 0, Float.MIN_VALUE}));

        Safetensors.write(file, tensors, Map.of("format", "pt"));
        Map<String, FloatTensor> read = Safetensors.read(file);

        assertThat(read.keySet()).containsExactly("a.weight", "a.bias");
        assertThat(read.get("a.weight").shape()).containsExactly(2, 3);
        assertThat(read.get("a.weight").values()).containsExactly(1, 2, 3, 4, 5, -6.5f);
        assertThat(read.get("a.bias").values()).containsExactly(0.25f, 0, Float.MIN_VALUE);
        Files.delete(file);
    }

    @Test
    void should_convert_bf16_and_f16_to_float32_and_skip_integer_tensors(@TempDir Path dir) throws Exception {
        // given: bf16 [1.0, -2.5], f16 [0.5, 65504, subnormal 2^-24], i64 position ids
        String header = "{\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[4,10]},"
                + "\"position_ids\":{\"dtype\":\"I64\",\"shape\":[1,2],\"data_offsets\":[10,26]}}";
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + headerBytes.length + 26).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(headerBytes.length).put(headerBytes);
        buffer.putShort((short) 0x3F80).putShort((short) 0xC020);
        buffer.putShort((short) 0x3800).putShort((short) 0x7BFF).putShort((short) 0x0001);
        buffer.putLong(0).putLong(1);
        Path file = dir.resolve("model.safetensors");
        Files.write(file, buffer.array());

        // when
        Map<String, FloatTensor> read = Safetensors.read(file);

        // then
        assertThat(read.keySet()).containsExactly("b", "h");
        assertThat(read.get("b").values()).containsExactly(1.0f, -2.5f);
        assertThat(read.get("h").values()).containsExactly(0.5f, 65504f, (float) Math.pow(2, -24));
    }

    @Test
    void should_name_the_file_when_the_header_is_broken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, '{'});

        assertThatThrownBy(() -> Safetensors.read(file)).isInstanceOf(NonRetriableException.class)
                .hasMessageContaining("bad.safetensors");
    }
}
