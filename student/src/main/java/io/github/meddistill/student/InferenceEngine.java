package io.github.meddistill.student;

/** The DJL engine a loaded student runs its forward passes on (training always runs on PyTorch). */
public enum InferenceEngine {

    /**
     * ONNX Runtime on the CPU ({@link OnnxStudent}): the saved weights become an ONNX graph in memory when the
     * student is loaded, and PyTorch is never loaded. The default of {@link StudentLoader}: on 2 cores it gives
     * more notes per second than PyTorch with the same entities (README, speed section), and it alone offers
     * {@link Precision#INT8}.
     */
    ONNX_RUNTIME,

    /**
     * libtorch ({@link BertStudent}), on the first GPU when the PyTorch engine sees one, else the CPU. The choice
     * on a GPU machine; intra-op threads are libtorch's, set for the whole process with
     * {@code -Dai.djl.pytorch.num_threads=N}.
     */
    PYTORCH
}
