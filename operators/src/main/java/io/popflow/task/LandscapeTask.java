package io.popflow.task;

import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.HyperparameterValues;
import io.popflow.model.Evaluation;
import java.util.random.RandomGenerator;

/** One landscape task (see {@link LandscapeTaskSpec}). */
public final class LandscapeTask implements AnalyticTask {
    private final LandscapeTaskSpec spec;

    LandscapeTask(LandscapeTaskSpec spec) {
        this.spec = spec;
    }

    @Override
    public int dimension() {
        return spec.dimension();
    }

    @Override
    public void initialize(float[] params, RandomGenerator rng) {
        java.util.Arrays.fill(params, 0f);
    }

    /** ½ k |θ − h|² and its gradient k(θ − h). */
    @Override
    public double lossAndGradient(
            float[] params, float[] gradient, int batchSize, double[] target, RandomGenerator rng) {
        double k = spec.curvature();
        double loss = 0;
        for (int i = 0; i < params.length; i++) {
            double r = params[i] - target[i];
            gradient[i] = (float) (k * r);
            loss += 0.5 * k * r * r;
        }
        return loss;
    }

    /** g(θ) as the loss; no accuracy. */
    @Override
    public Evaluation validate(float[] params) {
        double[] x = new double[params.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = params[i];
        }
        return new Evaluation(g(x), Double.NaN);
    }

    double g(double[] x) {
        if (spec.function() == Landscape.HIMMELBLAU) {
            double u = x[0] * x[0] + x[1] - 11;
            double w = x[0] + x[1] * x[1] - 7;
            return u * u + w * w;
        }
        if (spec.function() == Landscape.ELLIPSOID) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += Math.pow(1e6, i / (x.length - 1.0)) * x[i] * x[i];
            }
            return sum;
        }
        if (spec.function() == Landscape.ROSENBROCK) {
            double sum = 0;
            for (int i = 0; i < x.length - 1; i++) {
                double a = x[i + 1] - x[i] * x[i];
                double b = 1 - x[i];
                sum += 100 * a * a + b * b;
            }
            return sum;
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double r = x[i] - spec.center()[i];
            sum += r * r;
        }
        return spec.sharpness() * sum;
    }

    /**
     * −E[g(θ)] for θ ~ N(m, vI), the stationary law of SGLD on ½k|θ − h|² + ½λ|θ|²: with k' = k + λ,
     * the mean is m = kh/k' and each coordinate's variance v = T / (k'(1 − ηk'/2)) (closed-forms §2).
     * For the sphere E[g] = s(|m − c|² + d v); for Himmelblau, with u = x² + y − 11 and w = x + y² − 7,
     * E[g] = E[u]² + Var u + E[w]² + Var w, where Var x² = 4m_x²v + 2v².
     */
    @Override
    public double closedFormFitness(HyperparameterValues h) {
        if (!spec.function().hasClosedForm()) {
            return Double.NaN;
        }
        FastHyperparameters fast = h.fast();
        double kPrime = spec.curvature() + fast.weightDecay();
        if (fast.learningRate() * kPrime >= 2) {
            return Double.NEGATIVE_INFINITY;
        }
        double v = fast.temperature() / (kPrime * (1 - fast.learningRate() * kPrime / 2));
        double[] m = new double[spec.dimension()];
        for (int i = 0; i < m.length; i++) {
            m[i] = spec.curvature() * h.task()[i] / kPrime;
        }
        return -expectedG(m, v);
    }

    /** E[g(θ)] for θ ~ N(m, vI). */
    double expectedG(double[] m, double v) {
        if (spec.function() == Landscape.HIMMELBLAU) {
            double a = m[0];
            double b = m[1];
            double meanU = a * a + v + b - 11;
            double varU = 4 * a * a * v + 2 * v * v + v;
            double meanW = a + b * b + v - 7;
            double varW = v + 4 * b * b * v + 2 * v * v;
            return meanU * meanU + varU + meanW * meanW + varW;
        }
        double sum = 0;
        for (int i = 0; i < m.length; i++) {
            double r = m[i] - spec.center()[i];
            sum += r * r + v;
        }
        return spec.sharpness() * sum;
    }
}
