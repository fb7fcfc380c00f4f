package io.github.meddistill.student;

import io.github.meddistill.core.SettingsCheck;
import java.nio.file.Path;
import java.util.Objects;

import io.github.meddistill.core.Student;

/**
 * Loads a saved student ({@link BertStudent#save}) for inference, on the engine and at the precision chosen here.
 * The defaults are what measured fastest on CPU with unchanged entities: ONNX Runtime, fp32, an intra-op pool of
 * one thread per available processor.
 * <pre>{@code
 * try (Student student = StudentLoader.defaults().load(Path.of("students/ncbi"))) {
 *     List<Entity> entities = student.extract("Started metformin for type 2 diabetes.");
 * }
 * Student pytorch = StudentLoader.builder().engine(InferenceEngine.PYTORCH).build().load(dir);
 * Student int8 = StudentLoader.builder().precision(Precision.INT8).build().load(dir);
 * }</pre>
 *
 * <p>Immutable and thread-safe; the students it loads are thread-safe as well (one instance serves any number of
 * request threads), and the caller closes them.
 */
public final class StudentLoader {

    private final InferenceEngine engine;
    private final Precision precision;
    private final int intraOpThreads;
    private final Path onnxProfile;

    private StudentLoader(Builder builder) {
        this.engine = builder.engine == null ? InferenceEngine.ONNX_RUNTIME : builder.engine;
        this.precision = builder.precision == null ? Precision.FP32 : builder.precision;
        this.intraOpThreads = builder.intraOpThreads == null ? Runtime.getRuntime().availableProcessors()
                : builder.intraOpThreads;
        this.onnxProfile = builder.onnxProfile;
    }

    /** A loader with every default. */
    public static StudentLoader defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads the student saved in {@code directory}.
     *
     * @throws io.github.meddistill.core.NonRetriableException if the directory does not hold a saved student
     */
    public Student load(Path directory) {
        Objects.requireNonNull(directory, "directory");
        return switch (engine) {
            case ONNX_RUNTIME -> OnnxStudent.load(directory, precision, intraOpThreads, onnxProfile);
            case PYTORCH -> BertStudent.load(directory);
        };
    }

    public InferenceEngine engine() {
        return engine;
    }

    public Precision precision() {
        return precision;
    }

    /** ONNX Runtime's intra-op threads (PyTorch takes its own from {@code -Dai.djl.pytorch.num_threads}). */
    public int intraOpThreads() {
        return intraOpThreads;
    }

    @Override
    public String toString() {
        return "StudentLoader[engine=" + engine + ", precision=" + precision + ", intraOpThreads=" + intraOpThreads
                + "]";
    }

    /** Optional settings; {@link #build()} checks that they go together. */
    public static final class Builder {

        private InferenceEngine engine;
        private Precision precision;
        private Integer intraOpThreads;
        private Path onnxProfile;

        private Builder() {
        }

        /** The engine (default {@link InferenceEngine#ONNX_RUNTIME}). */
        public Builder engine(InferenceEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** The precision of the matrix products (default {@link Precision#FP32}; int8 needs ONNX Runtime). */
        public Builder precision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /** ONNX Runtime's intra-op threads, shared by all callers (default: the available processors). */
        public Builder intraOpThreads(int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Has ONNX Runtime time every operator of each student this loader loads, and write the times as a Chrome
         * trace ({@code <prefix>_<time>.json}, viewable in chrome://tracing) when the student is closed: to see where
         * inference time goes. Off by default; it slows inference slightly.
         */
        public Builder onnxProfile(Path prefix) {
            this.onnxProfile = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that does not fit */
        public StudentLoader build() {
            SettingsCheck check = SettingsCheck.of("the student loader");
            check.require(intraOpThreads == null || intraOpThreads >= 1,
                    "intraOpThreads must be at least 1: " + intraOpThreads);
            boolean pytorch = engine == InferenceEngine.PYTORCH;
            check.require(!pytorch || precision != Precision.INT8,
                    "precision INT8 runs on engine ONNX_RUNTIME only, not PYTORCH");
            check.require(!pytorch || onnxProfile == null, "onnxProfile applies to engine ONNX_RUNTIME, not PYTORCH");
            check.require(!pytorch || intraOpThreads == null, "intraOpThreads applies to engine ONNX_RUNTIME;"
                    + " PYTORCH takes its threads from -Dai.djl.pytorch.num_threads");
            check.throwIfAny();
            return new StudentLoader(this);
        }
    }
}
