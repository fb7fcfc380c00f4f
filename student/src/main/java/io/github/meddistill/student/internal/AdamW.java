package io.github.meddistill.student.internal;

import java.util.HashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * AdamW (decoupled weight decay, bias-corrected moments) updating parameters in place. Like HF, biases and
 * LayerNorm weights are not decayed. {@link #updateRows} is the lazy variant for embedding tables (as TensorFlow's
 * LazyAdam and PyTorch's SparseAdam): only the rows a batch used are updated, so a step costs the batch's
 * vocabulary instead of the whole table. Not thread-safe; one instance per training run.
 */
public final class AdamW {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<String, NDArray[]> moments = new HashMap<>();
    private int steps;

    public AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Starts a step: advances the bias-correction counter. */
    public void beginStep() {
        steps++;
    }

    /**
     * Updates {@code parameter} from {@code gradient} (already clipped) with learning rate {@code lr}. Moment
     * arrays live in the parameter's manager; temporaries go to the gradient's manager, to be closed by the caller.
     */
    public void update(String name, NDArray parameter, NDArray gradient, double lr) {
        NDArray[] state = momentsOf(name, parameter);
        apply(name, state[0], state[1], untracked(parameter, gradient.getManager()), gradient, lr);
    }

    /**
     * Updates only the rows {@code rows} (a 1-D int64 array of distinct row indices) of the 2-D {@code parameter},
     * from {@code rowGradients} (already clipped; one row per index). The other rows, whose gradient is zero,
     * keep their values and moments.
     */
    public void updateRows(String name, NDArray parameter, NDArray rows, NDArray rowGradients, double lr) {
        NDArray[] state = momentsOf(name, parameter);
        NDIndex index = new NDIndex("{}", rows);
        NDManager temporary = rowGradients.getManager();
        NDArray table = untracked(parameter, temporary);
        NDArray m = state[0].get(index);
        NDArray v = state[1].get(index);
        NDArray weights = table.get(index);
        m.attach(temporary);
        v.attach(temporary);
        weights.attach(temporary);
        apply(name, m, v, weights, rowGradients, lr);
        state[0].set(index, m);
        state[1].set(index, v);
        table.set(index, weights);
    }

    /**
     * A view of {@code parameter} that shares its storage but not its gradient, in {@code temporary}, for in-place
     * updates. Autograd refuses in-place changes of a leaf that requires a gradient whenever gradient recording
     * is on, and recording is a per-thread setting that PyTorch turns on for every thread but the one that loaded
     * the engine: without this, training failed on any other thread.
     */
    public static NDArray untracked(NDArray parameter, NDManager temporary) {
        NDArray view = parameter.stopGradient();
        view.attach(temporary);
        return view;
    }

    /** The two moment arrays of a parameter, zero on first use, in the parameter's manager. */
    private NDArray[] momentsOf(String name, NDArray parameter) {
        NDManager owner = parameter.getManager();
        return moments.computeIfAbsent(name, key -> new NDArray[] {
                owner.zeros(parameter.getShape()), owner.zeros(parameter.getShape())});
    }

    /** One AdamW step on {@code weights} and its moments, all in place; temporaries go to the gradient's manager. */
    private void apply(String name, NDArray m, NDArray v, NDArray weights, NDArray gradient, double lr) {
        m.muli((float) beta1).addi(gradient.mul((float) (1 - beta1)));
        v.muli((float) beta2).addi(gradient.square().muli((float) (1 - beta2)));
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        if (weightDecay > 0 && decays(name)) {
            weights.muli((float) (1 - lr * weightDecay));
        }
        NDManager temporary = gradient.getManager();
        NDArray denominator = v.div((float) correction2);
        denominator.attach(temporary);
        denominator = denominator.sqrt().addi((float) epsilon);
        NDArray step = m.div(denominator);
        step.attach(temporary);
        weights.subi(step.muli((float) (lr / correction1)));
    }

    private static boolean decays(String name) {
        return !name.endsWith(".bias") && !name.contains("LayerNorm");
    }
}
