package io.github.meddistill.student;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.meddistill.core.NonRetriableException;
import io.github.meddistill.student.internal.FloatTensor;
import io.github.meddistill.student.internal.Safetensors;

/**
 * How far apart the weights of two saved students are: to check that two runs with the same seed trained the same
 * model, or to see how much a run changed.
 *
 * @param elements weights compared (the same tensors in both)
 * @param differing weights whose float values are not bit-identical
 * @param maxAbsolute the largest absolute difference, 0 when every weight is identical
 */
public record WeightDifference(long elements, long differing, double maxAbsolute) {

    /** Whether every weight is bit-identical. */
    public boolean identical() {
        return differing == 0;
    }

    /**
     * Compares the {@code model.safetensors} of two saved student directories.
     *
     * @throws NonRetriableException when they do not hold the same tensor names and shapes
     */
    public static WeightDifference between(Path savedA, Path savedB) {
        Path a = savedA.resolve("model.safetensors");
        Path b = savedB.resolve("model.safetensors");
        return between(Safetensors.read(a), Safetensors.read(b), a + " and " + b);
    }

    static WeightDifference between(Map<String, FloatTensor> a, Map<String, FloatTensor> b, String what) {
        if (!a.keySet().equals(b.keySet())) {
            Set<String> onlyOne = new TreeSet<>(a.keySet());
            onlyOne.addAll(b.keySet());
            Set<String> both = new TreeSet<>(a.keySet());
            both.retainAll(b.keySet());
            onlyOne.removeAll(both);
            throw new NonRetriableException(what + " do not hold the same tensors; in one only: " + onlyOne);
        }
        long elements = 0;
        long differing = 0;
        double max = 0;
        for (Map.Entry<String, FloatTensor> entry : a.entrySet()) {
            FloatTensor x = entry.getValue();
            FloatTensor y = b.get(entry.getKey());
            if (!Arrays.equals(x.shape(), y.shape())) {
                throw new NonRetriableException(what + ": tensor " + entry.getKey() + " has shapes "
                        + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()));
            }
            float[] u = x.values();
            float[] v = y.values();
            elements += u.length;
            for (int i = 0; i < u.length; i++) {
                if (Float.floatToRawIntBits(u[i]) != Float.floatToRawIntBits(v[i])) {
                    differing++;
                    max = Math.max(max, Math.abs((double) u[i] - v[i]));
                }
            }
        }
        return new WeightDifference(elements, differing, max);
    }
}
