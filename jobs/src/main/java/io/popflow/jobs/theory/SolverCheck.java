package io.popflow.jobs.theory;

import io.popflow.theory.GaussianReplicatorOde;
import io.popflow.theory.Grid;
import io.popflow.theory.ReplicatorMutatorSolver;
import java.util.List;

/** Item 2: the reduced solver against the exact Gaussian solutions (closed-forms §4). */
final class SolverCheck {
    private SolverCheck() {}

    static List<CheckResult> run() {
        Grid grid = new Grid(-3, 3, 1200);
        double a = 2;
        double d = 0.05;
        double m0 = -0.5;
        double v0 = 0.02;
        double[] fitness = grid.sample(h -> -a * (h - 1) * (h - 1));
        double[] rho0 = grid.gaussian(m0, v0);
        double[] rho = ReplicatorMutatorSolver.solve(grid, rho0, fitness, d, 3, 0.005);
        GaussianReplicatorOde.Moments exact = GaussianReplicatorOde.quadratic(a, 1, d, m0, v0, 3);
        double mass = Math.abs(grid.mass(rho) - grid.mass(rho0)) / grid.mass(rho0);
        double[] linear =
                ReplicatorMutatorSolver.solve(grid, grid.gaussian(-1, 0.05), grid.sample(h -> h), d, 2, 0.005);
        GaussianReplicatorOde.Moments linearExact = GaussianReplicatorOde.linear(d, -1, 0.05, 2);
        String note = "tolerance 1e-3 relative; grid 1200 cells, step 0.005";
        return List.of(
                CheckResult.within(
                        "solver: variance at t=3, quadratic F (a=2, D=0.05)",
                        exact.variance(),
                        grid.variance(rho),
                        1e-3 * exact.variance(),
                        note),
                CheckResult.within(
                        "solver: mean at t=3, quadratic F (a=2, D=0.05)",
                        exact.mean(),
                        grid.mean(rho),
                        1e-3 * Math.abs(exact.mean()),
                        note),
                CheckResult.within(
                        "solver: relative mass change over t=3", 0, mass, 1e-9, "no-flux ends, exact selection"),
                CheckResult.within(
                        "solver: variance V0+2Dt at t=2, linear F",
                        linearExact.variance(),
                        grid.variance(linear),
                        1e-3 * linearExact.variance(),
                        note));
    }
}
