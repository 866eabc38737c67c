package io.popflow.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.popflow.math.SplitMix64;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * CMA-ES against pycma 4.4.0 as measured for this project (reference/pycma: the script and how): 10-D, σ₀ = 0.5,
 * default population 10, target f < 1e-8, 10 seeds; the median number of function evaluations to
 * reach the target.
 */
class CmaEsTest {
    private static final int N = 10;

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

    private static double median(ToDoubleFunction<double[]> f, double start, String name) {
        int[] evals = new int[10];
        int reached = 0;
        for (int s = 0; s < 10; s++) {
            evals[s] = evaluationsToTarget(f, start, 1_000 + s, 100_000);
            if (evals[s] > 0) {
                reached++;
            }
        }
        int[] ok = Arrays.stream(evals).filter(e -> e > 0).sorted().toArray();
        double median = ok.length % 2 == 1 ? ok[ok.length / 2] : (ok[ok.length / 2 - 1] + ok[ok.length / 2]) / 2.0;
        System.out.println("CMA-ES " + name + ": median evaluations " + median + " (" + reached + " of 10 reached) "
                + Arrays.toString(evals));
        return median;
    }

    /** pycma: median 1,265 (1,170-1,370); within 20% of its median. */
    @Test
    void sphere() {
        assertThat(median(CmaEsTest::sphere, 0.5, "sphere")).isBetween(0.8 * 1_265, 1.2 * 1_265);
    }

    /** pycma: median 3,955 (3,690-4,460), with active covariance; within 20% of its median. */
    @Test
    void ellipsoid() {
        assertThat(median(CmaEsTest::ellipsoid, 0.5, "ellipsoid")).isBetween(0.8 * 3_955, 1.2 * 3_955);
    }

    /** pycma: median 4,980 (4,590-6,270; 9 of 10 reached); within 20% of its median. */
    @Test
    void rosenbrock() {
        assertThat(median(CmaEsTest::rosenbrock, 0.0, "rosenbrock")).isBetween(0.8 * 4_980, 1.2 * 4_980);
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
     * Apache Commons Math's CMAESOptimizer (commons-math3 3.6.1, active covariance on, population
     * 10, stop at f <= 1e-8) on the same problems, for the record beside pycma's and popflow's:
     * median evaluations sphere 1,271, ellipsoid 4,216 over 10 seeds (popflow 1,245 and 3,880;
     * pycma 1,265 and 3,955). Asserted: every run reaches the target.
     */
    @Test
    void commonsMathOnTheSameProblems() {
        for (String name : new String[] {"sphere", "ellipsoid"}) {
            ToDoubleFunction<double[]> f = name.equals("sphere") ? CmaEsTest::sphere : CmaEsTest::ellipsoid;
            int[] evals = new int[10];
            for (int s = 0; s < 10; s++) {
                double[] start = new double[N];
                Arrays.fill(start, 0.5);
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
                                new org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction(f::applyAsDouble),
                                org.apache.commons.math3.optim.nonlinear.scalar.GoalType.MINIMIZE,
                                new org.apache.commons.math3.optim.InitialGuess(start),
                                new org.apache.commons.math3.optim.SimpleBounds(lower, upper),
                                new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer.Sigma(sigma),
                                new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer
                                        .PopulationSize(10))
                        .getValue();
                assertThat(reached).isLessThanOrEqualTo(1e-8);
                evals[s] = cma.getEvaluations();
            }
            int[] sorted = evals.clone();
            Arrays.sort(sorted);
            System.out.println("Commons Math CMAESOptimizer " + name + ": median evaluations "
                    + (sorted[4] + sorted[5]) / 2.0 + " " + Arrays.toString(evals));
        }
    }
}
