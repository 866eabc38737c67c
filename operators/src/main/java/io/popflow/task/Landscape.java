package io.popflow.task;

/** A test function g(θ) to minimise; fitness is −g. */
public enum Landscape {
    /** g(θ) = s |θ − c|²: the effective fitness is exactly quadratic in h (closed-forms §4). */
    SPHERE,
    /**
     * Himmelblau's function (x² + y − 11)² + (x + y² − 7)², four minima with g = 0 at (3, 2),
     * (−2.805118, 3.131312), (−3.779310, −3.283186), (3.584428, −1.848126) (closed-forms §7).
     */
    HIMMELBLAU
}
