package io.github.meddistill.student;

/** The number format of a student's matrix products at inference time. */
public enum Precision {

    /** float32 weights and activations, as trained: the reference. */
    FP32,

    /**
     * Dynamic int8 quantisation on ONNX Runtime: the weights of every projection and feed-forward matrix are
     * rounded to signed integers with one scale per output column, each product's input is quantised to uint8
     * on the fly with its own scale, and the products run as integer matrix multiplications ({@code
     * MatMulInteger}); embeddings, LayerNorm, attention scores and the classifier stay float32. Measured 1.65-1.75x
     * the notes per second of {@link #FP32} on 2 AVX2 cores without int8 dot-product instructions, strict F1
     * -0.006 on NCBI-disease test and -0.003 on BC5CDR test with a MiniLM student (bench inference).
     */
    INT8
}
