package io.github.meddistill.spark;

/** The engine that runs a saved student on the executors. */
public enum StudentEngine {

    /** {@code BertStudent.load}: PyTorch, on the executor's first GPU if it has one, else its CPU. */
    PYTORCH,

    /** {@code OnnxStudent.load}: ONNX Runtime on the CPU; the saved directory must hold a {@code model.onnx}. */
    ONNX_RUNTIME
}
