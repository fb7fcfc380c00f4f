package io.github.meddistill.student.internal;

import java.util.HashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * AdamW (decoupled weight decay, bias-corrected moments) updating parameters in place. Like HF, biases and
 * LayerNorm weights are not decayed. Not thread-safe; one instance per training run.
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
        NDManager owner = parameter.getManager();
        NDArray[] state = moments.computeIfAbsent(name, key -> new NDArray[] {
                owner.zeros(parameter.getShape()), owner.zeros(parameter.getShape())});
        NDArray m = state[0];
        NDArray v = state[1];
        m.muli((float) beta1).addi(gradient.mul((float) (1 - beta1)));
        v.muli((float) beta2).addi(gradient.square().muli((float) (1 - beta2)));
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        if (weightDecay > 0 && decays(name)) {
            parameter.muli((float) (1 - lr * weightDecay));
        }
        NDManager temporary = gradient.getManager();
        NDArray denominator = v.div((float) correction2);
        denominator.attach(temporary);
        denominator = denominator.sqrt().addi((float) epsilon);
        NDArray step = m.div(denominator);
        step.attach(temporary);
        parameter.subi(step.muli((float) (lr / correction1)));
    }

    private static boolean decays(String name) {
        return !name.endsWith(".bias") && !name.contains("LayerNorm");
    }
}
