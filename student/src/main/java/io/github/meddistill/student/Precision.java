package io.github.meddistill.student;

/** The number format of a student's matrix products at inference time. */
public enum Precision {

    /** float32 weights and activations, as trained: the reference. */
    FP32,

    /**
     * Dynamic int8 quantisation on ONNX Runtime: the weights of every projection and feed-forward matrix are
     * rounded to signed integers with one scale per output column, each product's input is quantised to uint8
     * on the fly with its own scale, and the products run as integer matrix multiplications ({@code
     * MatMulInteger}); embeddings, LayerNorm, attention scores and the classifier stay float32. About twice the
     * notes per second of {@link #FP32} on CPUs without int8 dot-product instructions; entities can differ
     * slightly (see the README's speed section for the measured F1 change).
     */
    INT8
}
