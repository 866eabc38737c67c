package io.popflow.jobs.theory;

import io.popflow.jobs.EmbeddedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs every theory check, in the order of the list. */
public final class TheoryChecks {
    private TheoryChecks() {}

    /** The checks' results; {@code progress} hears each group's name as it starts. */
    public static List<CheckResult> run(TheorySize size, Consumer<String> progress) throws Exception {
        List<CheckResult> results = new ArrayList<>();
        try (EmbeddedCluster runner = new EmbeddedCluster(2, null)) {
            progress.accept("Langevin stationary law");
            results.addAll(LangevinCheck.run(runner, size));
            progress.accept("reduced solver");
            results.addAll(SolverCheck.run());
            progress.accept("equilibrium variance of the running population");
            results.addAll(EquilibriumCheck.run(runner, size));
            progress.accept("large-population and two-time-scale limits");
            results.addAll(LargePopulationCheck.run(runner, size));
            progress.accept("Price equation");
            results.addAll(PriceCheck.run(runner, size));
            progress.accept("effective-fitness estimators");
            results.addAll(EstimatorCheck.run(runner, size));
        }
        return results;
    }
}
