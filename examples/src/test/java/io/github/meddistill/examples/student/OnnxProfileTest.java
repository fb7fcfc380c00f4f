package io.github.meddistill.examples.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxProfileTest {

    @Test
    void should_sum_kernel_times_by_operator_type_and_scale_out_the_warm_up_when_reading_a_trace() throws Exception {
        // given: a trace in ONNX Runtime's format, two timed calls and one warm-up (3 calls), 40 ms of wall time
        JsonNode trace = new ObjectMapper().readTree("""
                [{"cat": "Session", "name": "model_run", "dur": 60000},
                 {"cat": "Node", "name": "MatMul_1_kernel_time", "dur": 30000, "args": {"op_name": "MatMul"}},
                 {"cat": "Node", "name": "MatMul_2_kernel_time", "dur": 15000, "args": {"op_name": "MatMul"}},
                 {"cat": "Node", "name": "Softmax_kernel_time", "dur": 6000, "args": {"op_name": "Softmax"}},
                 {"cat": "Node", "name": "Softmax_fence_before", "dur": 900, "args": {"op_name": "Softmax"}}]
                """);

        // when
        List<OnnxProfile.OperatorTime> times = OnnxProfile.operators(trace, 40, 3, 2);

        // then: (30 + 15) ms * 2/3 = 30 ms of MatMul, 4 ms of Softmax, the rest of the 40 ms outside kernels
        assertThat(times).extracting(OnnxProfile.OperatorTime::operator).containsExactly("MatMul", "Softmax",
                "(outside kernels: tokenising, decoding, session)");
        assertThat(times.get(0).millis()).isCloseTo(30, within(1e-9));
        assertThat(times.get(0).share()).isCloseTo(0.75, within(1e-9));
        assertThat(times.get(1).millis()).isCloseTo(4, within(1e-9));
        assertThat(times.get(2).millis()).isCloseTo(6, within(1e-9));
    }
}
