package io.github.meddistill.student.internal;

/** A dense float32 tensor in row-major order, as read from a checkpoint file. Arrays are not copied. */
public record FloatTensor(long[] shape, float[] values) {

    public FloatTensor {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " needs " + count
                    + " values, got " + values.length);
        }
    }
}
