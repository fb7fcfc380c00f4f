package io.github.meddistill.student.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.meddistill.core.NonRetriableException;

class OnnxWeightsTest {

    private static ProtoWriter floatTensor(String name, long[] dims, float... values) {
        ProtoWriter tensor = new ProtoWriter();
        for (long d : dims) {
            tensor.varint(1, d);
        }
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return tensor.varint(2, 1).string(8, name).bytes(9, data.array());
    }

    private static byte[] model(ProtoWriter graph) {
        return new ProtoWriter().varint(1, 8).message(7, graph).toByteArray();
    }

    @Test
    void should_name_and_transpose_matmul_weights_and_skip_integer_tensors_when_reading_a_graph() {
        // given: a MatMul weight [in=2, out=3], a named bias, and an int64 position_ids tensor
        ProtoWriter graph = new ProtoWriter()
                .message(1, new ProtoWriter().string(1, "/embeddings/LayerNorm/output").string(1, "onnx::MatMul_42")
                        .string(2, "q").string(3, "/encoder/layer.0/attention/self/query/MatMul").string(4, "MatMul"))
                .message(5, floatTensor("onnx::MatMul_42", new long[] {2, 3}, 1, 2, 3, 4, 5, 6))
                .message(5, floatTensor("encoder.layer.0.attention.self.query.bias", new long[] {3}, 7, 8, 9))
                .message(5, new ProtoWriter().varint(1, 1).varint(1, 2).varint(2, 7)
                        .string(8, "embeddings.position_ids").bytes(9, new byte[16]));

        // when
        Map<String, FloatTensor> tensors = OnnxWeights.read(model(graph), "test.onnx");

        // then
        assertThat(tensors.keySet()).containsExactly("encoder.layer.0.attention.self.query.weight",
                "encoder.layer.0.attention.self.query.bias");
        FloatTensor weight = tensors.get("encoder.layer.0.attention.self.query.weight");
        assertThat(weight.shape()).containsExactly(3, 2);
        assertThat(weight.values()).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void should_fail_with_the_tensor_name_when_an_anonymous_tensor_has_no_matmul_consumer() {
        ProtoWriter graph = new ProtoWriter().message(5, floatTensor("onnx::Add_7", new long[] {1}, 1));

        assertThatThrownBy(() -> OnnxWeights.read(model(graph), "odd.onnx"))
                .isInstanceOf(NonRetriableException.class).hasMessageContaining("onnx::Add_7").hasMessageContaining("odd.onnx");
    }

    @Test
    void should_report_an_invalid_model_when_the_bytes_are_not_protobuf() {
        assertThatThrownBy(() -> OnnxWeights.read(new byte[] {0x3A, 0x7F, 0x01}, "broken.onnx"))
                .isInstanceOf(NonRetriableException.class).hasMessageContaining("broken.onnx");
    }
}
