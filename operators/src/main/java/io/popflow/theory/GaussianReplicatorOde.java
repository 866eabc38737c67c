package io.popflow.theory;

/**
 * The exact solution of the replicator-mutator equation from a Gaussian start (closed-forms §4).
 * With quadratic fitness F = −a(h − h*)² the density stays Gaussian, dm/dt = −2aV(m − h*) and
 * dV/dt = 2D − 2aV², solved by V(t) = V∞ tanh(ct + c₀) (coth above equilibrium), V∞ = sqrt(D/a),
 * c = 2 sqrt(aD), c₀ = artanh(V₀/V∞), and m(t) − h* = (m₀ − h*) cosh(c₀)/cosh(ct + c₀) (sinh for
 * coth). With linear fitness F = h: V(t) = V₀ + 2Dt and m(t) = m₀ + V₀t + Dt².
 */
public final class GaussianReplicatorOde {
    private GaussianReplicatorOde() {}

    /** Mean and variance at time t. */
    public record Moments(double mean, double variance) {}

    public static Moments quadratic(double a, double optimum, double diffusion, double m0, double v0, double t) {
        double vInf = Math.sqrt(diffusion / a);
        double c = 2 * Math.sqrt(a * diffusion);
        if (v0 < vInf) {
            double c0 = 0.5 * Math.log((1 + v0 / vInf) / (1 - v0 / vInf));
            return new Moments(
                    optimum + (m0 - optimum) * Math.cosh(c0) / Math.cosh(c * t + c0), vInf * Math.tanh(c * t + c0));
        }
        if (v0 > vInf) {
            double c0 = 0.5 * Math.log((v0 / vInf + 1) / (v0 / vInf - 1));
            return new Moments(
                    optimum + (m0 - optimum) * Math.sinh(c0) / Math.sinh(c * t + c0), vInf / Math.tanh(c * t + c0));
        }
        return new Moments(optimum + (m0 - optimum) * Math.exp(-c * t), vInf);
    }

    public static Moments linear(double diffusion, double m0, double v0, double t) {
        return new Moments(m0 + v0 * t + diffusion * t * t, v0 + 2 * diffusion * t);
    }

    /** The equilibrium variance sqrt(D/a) of the continuous equation. */
    public static double equilibriumVariance(double a, double diffusion) {
        return Math.sqrt(diffusion / a);
    }

    /**
     * The equilibrium variance of the discrete generation map (Boltzmann selection of strength α,
     * then Gaussian mutation of variance 2Dα) with quadratic fitness: V = V/(1 + 2αaV) + 2Dα, whose
     * positive root is V = αD + sqrt(α²D² + D/a); it tends to sqrt(D/a) as α → 0.
     */
    public static double discreteEquilibriumVariance(double a, double diffusion, double alpha) {
        return alpha * diffusion + Math.sqrt(alpha * alpha * diffusion * diffusion + diffusion / a);
    }
}
