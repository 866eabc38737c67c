package io.popflow.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.math.SplitMix64;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * CMA-ES against pycma 4.4.0 and Apache Commons Math's CMAESOptimizer on pycma's benchmark (reference/pycma: the
 * scripts and how): 10-D, σ₀ = 0.5, default population 10, target f ≤ 1e-8; how many of the seeds reach the target,
 * and the median number of function evaluations of those that do.
 *
 * <p>The tolerance on a median, {@link #tolerance}: 3 standard errors of the difference of the two medians, from
 * both samples' own spread, plus 5 % for what a choice of constants moves. The standard error of a median of n runs
 * is 1.2533 sd/√n, the normal's (for a median of 10 of pycma's runs it gives 30, 80 and 173, the bootstrap 28, 80
 * and 137, disjoint blocks 28, 87 and 202): with 100 runs a side, about 1 % of the median on the sphere and the
 * ellipsoid, 1.6 % on Rosenbrock. The 5 % are not sampling error:
 * popflow takes its step-size damping d_σ = 1 + c_σ = 1.28 from Hansen's tutorial where pycma takes 2 μ_eff/λ +
 * 0.3 + c_σ = 1.22, and that constant alone moves popflow's medians by 5.0 %, 1.5 % and 2.0 % (measured with
 * pycma's d_σ: 1,225, 3,970 and 5,115). So the bounds are about ±8 % on the sphere and the ellipsoid and ±10 % on
 * Rosenbrock; measured, popflow is 3.2 %, 4.7 % and 4.2 % above pycma (1,290, 4,030 and 5,220), a gap that ten
 * seeds a side, the test's sample before, could not see (their medians' difference has a standard error of 3 %).
 */
class CmaEsTest {
    private static final int N = 10;

    /** The test's sample: popflow's seeds 1,000 to 1,099 (three problems in 3 s); pycma's figures are of 100 too. */
    private static final int SEEDS = 100;

    /** The allowance for a choice of constants (see the class comment). */
    private static final double CONSTANTS = 0.05;

    static double sphere(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    /** Condition 1e6: f = Σ 10^(6 i/(n−1)) x_i². */
    static double ellipsoid(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.pow(1e6, i / (x.length - 1.0)) * x[i] * x[i];
        }
        return s;
    }

    static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }
        return s;
    }

    /** Evaluations until the best of a generation is below 1e-8, or -1 if not within the budget. */
    static int evaluationsToTarget(ToDoubleFunction<double[]> f, double start, long seed, int budget) {
        double[] m0 = new double[N];
        Arrays.fill(m0, start);
        CmaEs es = new CmaEs(m0, 0.5);
        SplitMix64 rng = new SplitMix64(seed);
        int evaluations = 0;
        while (evaluations < budget) {
            double[][] x = es.ask(rng);
            double[] fitness = new double[x.length];
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < x.length; k++) {
                double v = f.applyAsDouble(x[k]);
                fitness[k] = -v;
                best = Math.min(best, v);
            }
            evaluations += x.length;
            if (best < 1e-8) {
                return evaluations;
            }
            es.tell(x, fitness);
        }
        return -1;
    }

    /** The evaluations to the target of every seed (-1: not within the budget). */
    record Runs(String who, int[] evaluations) {
        int reached() {
            return (int) Arrays.stream(evaluations).filter(e -> e > 0).count();
        }

        private int[] reachedSorted() {
            return Arrays.stream(evaluations).filter(e -> e > 0).sorted().toArray();
        }

        double median() {
            int[] ok = reachedSorted();
            return ok.length % 2 == 1 ? ok[ok.length / 2] : (ok[ok.length / 2 - 1] + ok[ok.length / 2]) / 2.0;
        }

        double sd() {
            double mean = Arrays.stream(reachedSorted()).average().orElseThrow();
            double squares = Arrays.stream(reachedSorted())
                    .mapToDouble(e -> (e - mean) * (e - mean))
                    .sum();
            return Math.sqrt(squares / (reached() - 1));
        }

        double medianStandardError() {
            return standardErrorOfMedian(sd(), reached());
        }

        @Override
        public String toString() {
            return who + ": median " + median() + ", sd " + Math.round(sd()) + ", " + reached() + " of "
                    + evaluations.length + " reached";
        }
    }

    /** A median of n draws of spread sd: 1.2533 sd/√n, the normal's √(π/2) sd/√n. */
    static double standardErrorOfMedian(double sd, int n) {
        return Math.sqrt(Math.PI / 2) * sd / Math.sqrt(n);
    }

    /** How far two medians may be apart: 3 standard errors of their difference, and 5 % of the reference's. */
    static double tolerance(double reference, double referenceStandardError, Runs ours) {
        return CONSTANTS * reference + 3 * Math.hypot(referenceStandardError, ours.medianStandardError());
    }

    private static final Map<String, Runs> POPFLOW = new ConcurrentHashMap<>();

    /** popflow on {@code problem}, seeds 1,000 to 1,000 + SEEDS - 1 (computed once for the tests that use it). */
    static Runs popflow(String problem) {
        return POPFLOW.computeIfAbsent(problem, p -> {
            int[] evals = new int[SEEDS];
            for (int s = 0; s < SEEDS; s++) {
                evals[s] = evaluationsToTarget(function(p), start(p), 1_000 + s, 100_000);
            }
            Runs runs = new Runs("popflow " + p, evals);
            System.out.println("CMA-ES " + runs + " " + Arrays.toString(evals));
            return runs;
        });
    }

    static ToDoubleFunction<double[]> function(String problem) {
        return switch (problem) {
            case "sphere" -> CmaEsTest::sphere;
            case "ellipsoid" -> CmaEsTest::ellipsoid;
            case "rosenbrock" -> CmaEsTest::rosenbrock;
            default -> throw new IllegalArgumentException(problem);
        };
    }

    /** pycma's x₀: 0.5 in every coordinate, 0 for Rosenbrock. */
    static double start(String problem) {
        return problem.equals("rosenbrock") ? 0.0 : 0.5;
    }

    /**
     * pycma's median over its seeds 1 to 100 (reference/pycma/pycma_spread.py), with its runs' sd; popflow's median
     * must lie within {@link #tolerance} of it.
     */
    private static void assertMedianNearPycma(String problem, double median, double sd, int reached) {
        Runs ours = popflow(problem);
        double tolerance = tolerance(median, standardErrorOfMedian(sd, reached), ours);
        System.out.printf(
                "%s against pycma's %.0f: tolerance ±%.0f (%.1f %%)%n",
                ours, median, tolerance, 100 * tolerance / median);
        assertThat(ours.median())
                .as("%s against pycma's median %.0f", ours, median)
                .isCloseTo(median, within(tolerance));
    }

    /** pycma: median 1,250, sd 75, 100 of 100 reached. */
    @Test
    void sphere() {
        assertThat(popflow("sphere").reached()).as("seeds reaching the target").isEqualTo(SEEDS);
        assertMedianNearPycma("sphere", 1_250, 75, 100);
    }

    /** pycma: median 3,850, sd 203, 100 of 100 reached, with active covariance as popflow's. */
    @Test
    void ellipsoid() {
        assertThat(popflow("ellipsoid").reached())
                .as("seeds reaching the target")
                .isEqualTo(SEEDS);
        assertMedianNearPycma("ellipsoid", 3_850, 203, 100);
    }

    /**
     * pycma: median 5,010, sd 438, 97 of 100 reached (the others stall in Rosenbrock's local minimum). popflow must
     * reach it on 94 seeds at least: pycma's 97 less two binomial sds (√(100 · 0.03 · 0.97) = 1.7).
     */
    @Test
    void rosenbrock() {
        assertThat(popflow("rosenbrock").reached())
                .as("seeds reaching the target")
                .isGreaterThanOrEqualTo(94);
        assertMedianNearPycma("rosenbrock", 5_010, 438, 97);
    }

    /**
     * On a fixed quadratic ½xᵀAx, C learns the shape of A⁻¹: the eigenvalues of C·A (those of the
     * symmetric A^(1/2) C A^(1/2)) become equal. A is a rotated diag(1, 10, 100, 1000) in 4-D. One
     * generation's C is a noisy estimate (its cond(C·A) measured 2.1 to 6.2 at generations 150 and
     * 300, against cond(A) = 1,000), so the test averages C·A, scaled to unit trace, over
     * generations 101 to 300, which leaves the shape and averages the noise out: cond 1.27 to 1.45
     * over the five seeds; the bound 2 leaves room for other seeds, not for a C that ignores A.
     */
    @Test
    void theCovarianceLearnsTheInverseHessian() {
        org.apache.commons.math3.linear.RealMatrix q = new org.apache.commons.math3.linear.QRDecomposition(
                        new org.apache.commons.math3.linear.Array2DRowRealMatrix(
                                new double[][] {{1, 2, 0, 1}, {0, 1, 3, 1}, {2, 0, 1, 1}, {1, 1, 1, 0}}))
                .getQ();
        org.apache.commons.math3.linear.RealMatrix a = q.multiply(
                        org.apache.commons.math3.linear.MatrixUtils.createRealDiagonalMatrix(
                                new double[] {1, 10, 100, 1000}))
                .multiply(q.transpose());
        org.apache.commons.math3.linear.RealMatrix root =
                new org.apache.commons.math3.linear.EigenDecomposition(a).getSquareRoot();
        for (long seed = 1; seed <= 5; seed++) {
            CmaEs es = new CmaEs(new double[] {1, 1, 1, 1}, 0.5);
            SplitMix64 rng = new SplitMix64(seed);
            org.apache.commons.math3.linear.RealMatrix mean =
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(4, 4);
            for (int g = 1; g <= 300; g++) {
                double[][] x = es.ask(rng);
                double[] fitness = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    org.apache.commons.math3.linear.RealVector v =
                            new org.apache.commons.math3.linear.ArrayRealVector(x[k]);
                    fitness[k] = -0.5 * v.dotProduct(a.operate(v));
                }
                es.tell(x, fitness);
                if (g > 100) {
                    org.apache.commons.math3.linear.RealMatrix ca = root.multiply(
                                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(es.covariance()))
                            .multiply(root);
                    mean = mean.add(ca.scalarMultiply(1 / ca.getTrace()));
                }
            }
            double[] ev = new org.apache.commons.math3.linear.EigenDecomposition(mean).getRealEigenvalues();
            double cond = Arrays.stream(ev).max().orElseThrow()
                    / Arrays.stream(ev).min().orElseThrow();
            System.out.printf("CMA-ES seed %d: cond of the mean C·A = %.3f (cond A = 1000)%n", seed, cond);
            assertThat(cond).isLessThan(2.0);
        }
    }

    /**
     * Apache Commons Math's CMAESOptimizer (commons-math3 3.6.1, active covariance on, population 10, stop at
     * f ≤ 1e-8) on the same problems and as many seeds, a second implementation beside pycma: popflow reaches the
     * target on as many seeds, less two binomial sds, and its median lies within {@link #tolerance} of Commons
     * Math's. Commons Math follows the tutorial's d_σ as popflow does, but an older active update: measured, its
     * medians are 1,220, 4,220 and 5,180 with 100, 100 and 96 of 100 reached (popflow 5.7 % above, 4.5 % below,
     * 0.8 % above).
     */
    @Test
    void asEfficientAsCommonsMathOnTheSameProblems() {
        for (String problem : new String[] {"sphere", "ellipsoid", "rosenbrock"}) {
            Runs theirs = commonsMath(problem);
            Runs ours = popflow(problem);
            double tolerance = tolerance(theirs.median(), theirs.medianStandardError(), ours);
            System.out.println(
                    "Commons Math CMAESOptimizer " + theirs + "; " + ours + ", tolerance ±" + Math.round(tolerance));
            double failures = SEEDS - theirs.reached();
            double binomialSd = Math.sqrt(failures * (SEEDS - failures) / SEEDS);
            assertThat(ours.reached()).as("%s against %s", ours, theirs).isGreaterThanOrEqualTo((int)
                    Math.ceil(theirs.reached() - 2 * binomialSd));
            assertThat(ours.median()).as("%s against %s", ours, theirs).isCloseTo(theirs.median(), within(tolerance));
        }
    }

    /**
     * Commons Math's evaluations to the target, seeds 1,000 to 1,000 + SEEDS - 1, less the one it spends on the
     * initial guess (popflow and pycma evaluate only candidates).
     */
    static Runs commonsMath(String problem) {
        int[] evals = new int[SEEDS];
        for (int s = 0; s < SEEDS; s++) {
            double[] start = new double[N];
            Arrays.fill(start, start(problem));
            double[] sigma = new double[N];
            Arrays.fill(sigma, 0.5);
            double[] lower = new double[N];
            double[] upper = new double[N];
            Arrays.fill(lower, -1e6);
            Arrays.fill(upper, 1e6);
            org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer cma =
                    new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer(
                            100_000,
                            1e-8,
                            true,
                            0,
                            0,
                            new org.apache.commons.math3.random.MersenneTwister(1_000 + s),
                            false,
                            null);
            double reached = cma.optimize(
                            new org.apache.commons.math3.optim.MaxEval(100_000),
                            new org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction(
                                    function(problem)::applyAsDouble),
                            org.apache.commons.math3.optim.nonlinear.scalar.GoalType.MINIMIZE,
                            new org.apache.commons.math3.optim.InitialGuess(start),
                            new org.apache.commons.math3.optim.SimpleBounds(lower, upper),
                            new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer.Sigma(sigma),
                            new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer.PopulationSize(
                                    10))
                    .getValue();
            evals[s] = reached <= 1e-8 ? cma.getEvaluations() - 1 : -1;
        }
        return new Runs("Commons Math " + problem, evals);
    }
}
