package io.popflow.task;

/** A test function g(θ) to minimise; fitness is −g. */
public enum Landscape {
    /** g(θ) = s |θ − c|²: the effective fitness is exactly quadratic in h (closed-forms §4). */
    SPHERE,
    /**
     * Himmelblau's function (x² + y − 11)² + (x + y² − 7)², four minima with g = 0 at (3, 2),
     * (−2.805118, 3.131312), (−3.779310, −3.283186), (3.584428, −1.848126) (closed-forms §7).
     */
    HIMMELBLAU,
    /**
     * pycma's ellipsoid {@code cma.ff.elli}: Σ 10^(6 i/(d − 1)) θ_i², condition 10⁶ (d ≥ 2); a
     * benchmark for evolution strategies over θ, no closed-form effective fitness.
     */
    ELLIPSOID,
    /** Rosenbrock's function Σ 100(θ_{i+1} − θ_i²)² + (1 − θ_i)², minimum 0 at (1, ..., 1) (d ≥ 2); no closed form. */
    ROSENBROCK;

    /** Whether the effective fitness of this function has a closed form. */
    public boolean hasClosedForm() {
        return this == SPHERE || this == HIMMELBLAU;
    }
}
