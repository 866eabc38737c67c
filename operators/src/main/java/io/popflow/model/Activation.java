package io.popflow.model;

/** Hidden-layer nonlinearity. Both derivatives are written in terms of the output a = f(z). */
public enum Activation {
    RELU {
        @Override
        float apply(float z) {
            return z > 0 ? z : 0f;
        }

        @Override
        float derivativeFromOutput(float a) {
            return a > 0 ? 1f : 0f;
        }
    },
    TANH {
        @Override
        float apply(float z) {
            return (float) Math.tanh(z);
        }

        @Override
        float derivativeFromOutput(float a) {
            return 1f - a * a;
        }
    };

    abstract float apply(float z);

    /** f'(z) given a = f(z), so the backward pass needs no copy of the pre-activations. */
    abstract float derivativeFromOutput(float a);
}
