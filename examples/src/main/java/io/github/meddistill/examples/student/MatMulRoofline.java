package io.github.meddistill.examples.student;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;

/**
 * The fp32 roofline of the inference benchmark: GFLOP/s of one {@code 1024 x 1024} by {@code 1024 x 1024} matrix
 * product on ONNX Runtime (MLAS), the engine the students run on, with the intra-op threads the students get (or of
 * an {@code m x k} by {@code k x n} product, to see what MLAS reaches at a student's own shapes). One
 * measurement is the best of 5 timed products after 2 warm-up ones (about 0.1 s); the benchmark takes many of them,
 * interleaved with the systems it measures. Not thread-safe; close it.
 */
final class MatMulRoofline implements AutoCloseable {

    private static final int SQUARE = 1024;

    private final int m;
    private final int k;
    private final int n;
    private final Model model;
    private final Predictor<NDList, NDList> predictor;
    private final NDManager manager;
    private final NDList inputs;

    MatMulRoofline(int intraOpThreads) {
        this(intraOpThreads, SQUARE, SQUARE, SQUARE);
    }

    MatMulRoofline(int intraOpThreads, int m, int k, int n) {
        this.m = m;
        this.k = k;
        this.n = n;
        model = Model.newInstance("roofline", Device.cpu(), "OnnxRuntime");
        try {
            model.load(new ByteArrayInputStream(graph()), Map.of("interOpNumThreads", "1",
                    "intraOpNumThreads", String.valueOf(intraOpThreads)));
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new IllegalStateException("cannot load the matmul graph: " + e.getMessage(), e);
        }
        predictor = model.newPredictor(new NoopTranslator());
        manager = model.getNDManager().newSubManager();
        java.util.Random random = new java.util.Random(1);
        NDArray a = manager.create(randomValues(random, m * k), new Shape(m, k));
        a.setName("a");
        NDArray b = manager.create(randomValues(random, k * n), new Shape(k, n));
        b.setName("b");
        inputs = new NDList(a, b);
    }

    /** One measurement in GFLOP/s. */
    double measure() {
        double best = 0;
        for (int i = 0; i < 7; i++) {
            try (NDManager round = manager.newSubManager()) {
                long started = System.nanoTime();
                NDList out = predictor.predict(inputs);
                double seconds = (System.nanoTime() - started) / 1e9;
                out.attach(round);
                if (i >= 2) {
                    best = Math.max(best, 2.0 * m * k * n / seconds / 1e9);
                }
            } catch (TranslateException e) {
                throw new IllegalStateException("matmul failed: " + e.getMessage(), e);
            }
        }
        return best;
    }

    @Override
    public void close() {
        manager.close();
        predictor.close();
        model.close();
    }

    private static float[] randomValues(java.util.Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2 * random.nextFloat() - 1;
        }
        return values;
    }

    /** ModelProto (IR 8, opset 17) of {@code c = MatMul(a, b)} on float {@code [m, k]} and {@code [k, n]} inputs. */
    private byte[] graph() {
        byte[] node = new Proto().string(1, "a").string(1, "b").string(2, "c").string(4, "MatMul").bytes();
        Proto graph = new Proto().message(1, node).string(2, "matmul");
        graph.message(11, valueInfo("a", m, k));
        graph.message(11, valueInfo("b", k, n));
        graph.message(12, valueInfo("c", m, n));
        return new Proto().varint(1, 8).string(2, "meddistill-bench").message(7, graph.bytes())
                .message(8, new Proto().string(1, "").varint(2, 17).bytes()).bytes();
    }

    private static byte[] valueInfo(String name, int rows, int columns) {
        byte[] shape = new Proto().message(1, new Proto().varint(1, rows).bytes())
                .message(1, new Proto().varint(1, columns).bytes()).bytes();
        byte[] tensor = new Proto().varint(1, 1).message(2, shape).bytes();
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor).bytes()).bytes();
    }

    /** The few protobuf wire forms the graph needs. */
    private static final class Proto {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((field << 3) | 0);
            raw(value);
            return this;
        }

        Proto string(int field, String value) {
            return message(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, byte[] value) {
            raw((field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
