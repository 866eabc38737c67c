package io.popflow.theory;

/**
 * Finite-volume solver of the replicator-mutator equation ∂ₜρ = (F − F̄)ρ + DΔρ on a bounded 1-D
 * interval or 2-D box with no-flux boundaries, F̄ = ∫Fρ / ∫ρ.
 *
 * <p>One step of length τ is a Strang splitting: selection over τ/2, diffusion over τ, selection
 * over τ/2. Selection is solved exactly, ρ ← ρ e^{Fτ}, rescaled to the mass it had (which is what
 * the −F̄ρ term does). Diffusion is Crank-Nicolson on the cell averages, with zero flux through the
 * ends, in sub-steps with Dτ/Δx² ≤ 1 so that it keeps densities non-negative (plain Crank-Nicolson
 * rings on rough data); in 2-D it is split by direction. Both parts conserve mass to rounding: the
 * diffusion matrices have zero column sums. The scheme is second order in τ and in the cell width.
 */
public final class ReplicatorMutatorSolver {
    private ReplicatorMutatorSolver() {}

    /** ρ after time {@code time} in steps of at most {@code maxStep}; F is given at the cell centres. */
    public static double[] solve(
            Grid grid, double[] rho0, double[] fitness, double diffusion, double time, double maxStep) {
        int steps = Math.max(1, (int) Math.ceil(time / maxStep - 1e-12));
        double tau = time / steps;
        double[] rho = rho0.clone();
        double[] scratch = new double[grid.n()];
        for (int s = 0; s < steps; s++) {
            select(rho, fitness, tau / 2, grid.dx());
            diffuse(rho, 0, 1, grid.n(), diffusion * tau / (grid.dx() * grid.dx()), scratch);
            select(rho, fitness, tau / 2, grid.dx());
        }
        return rho;
    }

    /**
     * 2-D: ρ[i][j] on {@code x} × {@code y} cells, F likewise; the same splitting, diffusion first
     * along x then along y.
     */
    public static double[][] solve(
            Grid x, Grid y, double[][] rho0, double[][] fitness, double diffusion, double time, double maxStep) {
        int steps = Math.max(1, (int) Math.ceil(time / maxStep - 1e-12));
        double tau = time / steps;
        int nx = x.n();
        int ny = y.n();
        double[] rho = new double[nx * ny];
        double[] f = new double[nx * ny];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                rho[i * ny + j] = rho0[i][j];
                f[i * ny + j] = fitness[i][j];
            }
        }
        double cellArea = x.dx() * y.dx();
        double[] scratch = new double[Math.max(nx, ny)];
        for (int s = 0; s < steps; s++) {
            select(rho, f, tau / 2, cellArea);
            for (int j = 0; j < ny; j++) {
                diffuseStrided(rho, j, ny, nx, diffusion * tau / (x.dx() * x.dx()), scratch);
            }
            for (int i = 0; i < nx; i++) {
                diffuse(rho, i * ny, 1, ny, diffusion * tau / (y.dx() * y.dx()), scratch);
            }
            select(rho, f, tau / 2, cellArea);
        }
        double[][] out = new double[nx][ny];
        for (int i = 0; i < nx; i++) {
            System.arraycopy(rho, i * ny, out[i], 0, ny);
        }
        return out;
    }

    /** Exact selection over time τ: ρ ← ρ e^{Fτ}, rescaled to its previous mass. */
    static void select(double[] rho, double[] fitness, double tau, double cell) {
        double max = Double.NEGATIVE_INFINITY;
        for (double f : fitness) {
            max = Math.max(max, f);
        }
        double before = 0;
        double after = 0;
        for (int k = 0; k < rho.length; k++) {
            before += rho[k];
            rho[k] *= Math.exp((fitness[k] - max) * tau);
            after += rho[k];
        }
        double scale = before / after;
        for (int k = 0; k < rho.length; k++) {
            rho[k] *= scale;
        }
    }

    private static void diffuseStrided(double[] rho, int start, int stride, int n, double r, double[] scratch) {
        double[] line = new double[n];
        for (int i = 0; i < n; i++) {
            line[i] = rho[start + i * stride];
        }
        diffuse(line, 0, 1, n, r, scratch);
        for (int i = 0; i < n; i++) {
            rho[start + i * stride] = line[i];
        }
    }

    /**
     * Diffusion ∂ₜρ = D∂²ρ over τ on the n cells rho[start + k·stride], r = Dτ/Δx², with zero flux
     * at both ends: Crank-Nicolson steps (I − r/2 L) ρ' = (I + r/2 L) ρ, L the no-flux second
     * difference, each with r ≤ 1, solved by the Thomas algorithm.
     */
    static void diffuse(double[] rho, int start, int stride, int n, double r, double[] scratch) {
        int substeps = (int) Math.ceil(r);
        for (int k = 0; k < substeps; k++) {
            crankNicolson(rho, start, stride, n, r / substeps, scratch);
        }
    }

    private static void crankNicolson(double[] rho, int start, int stride, int n, double r, double[] scratch) {
        double h = r / 2;
        double[] rhs = new double[n];
        for (int i = 0; i < n; i++) {
            double c = rho[start + i * stride];
            double left = i > 0 ? rho[start + (i - 1) * stride] - c : 0;
            double right = i < n - 1 ? rho[start + (i + 1) * stride] - c : 0;
            rhs[i] = c + h * (left + right);
        }
        // tridiagonal: sub = -h, diag = 1 + h * (number of neighbours), super = -h
        double[] cPrime = scratch;
        double diag0 = 1 + h;
        cPrime[0] = -h / diag0;
        rhs[0] = rhs[0] / diag0;
        for (int i = 1; i < n; i++) {
            double diag = 1 + h * (i < n - 1 ? 2 : 1);
            double m = diag + h * cPrime[i - 1];
            cPrime[i] = -h / m;
            rhs[i] = (rhs[i] + h * rhs[i - 1]) / m;
        }
        for (int i = n - 2; i >= 0; i--) {
            rhs[i] -= cPrime[i] * rhs[i + 1];
        }
        for (int i = 0; i < n; i++) {
            rho[start + i * stride] = rhs[i];
        }
    }
}
