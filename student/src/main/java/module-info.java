/**
 * BERT students on DJL: training, inference, saved students and pretrained encoders. The PyTorch and ONNX Runtime
 * engines are runtime dependencies that DJL finds itself. {@code io.github.meddistill.student.internal} is not a
 * published API.
 */
module io.github.meddistill.student {
    requires transitive io.github.meddistill.core;
    requires transitive ai.djl.api;
    requires ai.djl.tokenizers;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.github.meddistill.student;
}
