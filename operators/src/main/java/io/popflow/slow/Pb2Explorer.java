package io.popflow.slow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * PB2's explore step (Parker-Holder et al. 2020; Ray Tune's {@code PB2}): instead of perturbing the
 * donor's h at random, a recipient gets the h that maximises an upper confidence bound on the
 * fitness change of the next generation, under a Gaussian process fitted to the population's recent
 * changes ({@link Pb2Data}) with a kernel that forgets as time passes ({@link TimeVaryingGp}). The
 * GP's inputs are the generation, the fitness the weights start from and h in the unit cube; its
 * output the standardised change (clipped to ±2, as Ray does). Recipients of the same generation
 * are chosen one after another, each seeing the earlier ones as points already explored (the
 * variance of a second GP that includes them, with the same hyperparameters), so they spread out.
 *
 * <p>Where it departs from Ray's code, for reasons: the bound is μ + √β σ with σ the posterior
 * standard deviation, as in the paper (Ray adds the variance); the query's start fitness is the
 * donor's fitness now, which the recipient's weights start from (Ray uses the donor's previous
 * start); h lives in its domain's coordinate (log scales are searched in the logarithm); the
 * acquisition is maximised over 1,000 candidates drawn from the generation's stream, refined by a
 * pattern search, not by L-BFGS-B from 10 starts. Until two changes have been seen the donor's h is
 * kept, as Ray keeps the donor's config.
 */
public final class Pb2Explorer implements MutationKernel {
    private static final long serialVersionUID = 1L;
    private static final int CANDIDATES = 1_000;
    private static final int MIN_OBSERVATIONS = 2;

    private final HyperparameterSpace space;
    private final int window;

    /** @param window the latest observations the GP is fitted to */
    public Pb2Explorer(HyperparameterSpace space, int window) {
        this.space = space;
        this.window = window;
    }

    /** What it starts a run with. */
    public Pb2Data emptyData() {
        return Pb2Data.empty(window);
    }

    /**
     * PB2 explores only from the population's data, through {@link #round}; asked alone, the donor's
     * h stays.
     */
    @Override
    public Mutated mutate(double[] h, RandomGenerator rng) {
        return new Mutated(h.clone(), new String[] {"pb2: no data, donor's h kept"});
    }

    /** One generation's exploration: the GP is fitted once to {@code data}, then asked once per recipient. */
    public Round round(Pb2Data data, FitnessTable table) {
        return new Round(data, table);
    }

    /** The recipients of one generation, in order. */
    public final class Round {
        private final FitnessTable table;
        private final TimeVaryingGp gp;
        private final double[] t;
        private final double[][] x;
        private final double tLo;
        private final double tSpan;
        private final double fLo;
        private final double fSpan;
        private final double kappa;
        private final List<double[]> chosen = new ArrayList<>();
        private TimeVaryingGp withChosen;

        private Round(Pb2Data data, FitnessTable table) {
            this.table = table;
            List<Pb2Data.Observation> obs = data.observations();
            int n = obs.size();
            if (n < MIN_OBSERVATIONS) {
                gp = null;
                t = null;
                x = null;
                tLo = tSpan = fLo = fSpan = kappa = 0;
                return;
            }
            double t0 = Double.POSITIVE_INFINITY;
            double t1 = Double.NEGATIVE_INFINITY;
            double f0 = Double.POSITIVE_INFINITY;
            double f1 = Double.NEGATIVE_INFINITY;
            double mean = 0;
            for (Pb2Data.Observation o : obs) {
                t0 = Math.min(t0, o.generation());
                t1 = Math.max(t1, o.generation());
                f0 = Math.min(f0, o.startFitness());
                f1 = Math.max(f1, o.startFitness());
                mean += o.change() / n;
            }
            double var = 0;
            for (Pb2Data.Observation o : obs) {
                var += (o.change() - mean) * (o.change() - mean) / n;
            }
            double sd = Math.sqrt(var) + 1e-8;
            tLo = t0;
            tSpan = t1 > t0 ? t1 - t0 : 1;
            fLo = f0;
            fSpan = f1 > f0 ? f1 - f0 : 1;
            t = new double[n];
            x = new double[n][];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                Pb2Data.Observation o = obs.get(i);
                t[i] = (o.generation() - tLo) / tSpan;
                x[i] = input(o.startFitness(), o.coordinates());
                y[i] = Math.max(-2, Math.min(2, (o.change() - mean) / sd));
            }
            gp = TimeVaryingGp.fit(t, x, y);
            withChosen = gp;
            // GP-UCB's β_t = c1 log(c2 t) with Ray's c1 = 0.2, c2 = 0.4, t the data's size
            kappa = Math.sqrt(Math.max(0, 0.2 * Math.log(0.4 * n)));
        }

        /** The fitted GP, or null before there is data enough. */
        public TimeVaryingGp gp() {
            return gp;
        }

        /** The h for a recipient of {@code donorRow}'s weights. */
        public Mutated explore(int donorRow, RandomGenerator rng) {
            double[] donorH = table.hyperparameters()[donorRow];
            if (gp == null) {
                return new Mutated(donorH.clone(), new String[] {"pb2: too few observations yet, donor's h kept"});
            }
            double time = (table.generation() + 1 - tLo) / tSpan;
            double start = table.fitness()[donorRow];
            double[] best = maximise(u -> ucb(time, input(start, u)), space.size(), rng);
            double[] h = Pb2Data.fromUnit(best, space);
            chosen.add(input(start, Pb2Data.unit(h, space)));
            withChosen = withChosen(time);
            String[] ops = new String[h.length];
            for (int i = 0; i < h.length; i++) {
                ops[i] = String.format(Locale.ROOT, "%s pb2 %.6g -> %.6g", space.name(i), donorH[i], h[i]);
            }
            return new Mutated(h, ops);
        }

        /** μ + κ σ: the mean of the data's GP, the spread of the GP that also holds this round's choices. */
        public double ucb(double time, double[] input) {
            return gp.mean(time, input) + kappa * Math.sqrt(withChosen.variance(time, input));
        }

        private TimeVaryingGp withChosen(double time) {
            int n = t.length + chosen.size();
            double[] tt = new double[n];
            double[][] xx = new double[n][];
            double[] yy = new double[n];
            System.arraycopy(t, 0, tt, 0, t.length);
            System.arraycopy(x, 0, xx, 0, x.length);
            for (int i = 0; i < chosen.size(); i++) {
                tt[t.length + i] = time;
                xx[t.length + i] = chosen.get(i);
            }
            // the variance does not depend on y: zeros stand in for the outcomes not seen yet
            return new TimeVaryingGp(tt, xx, yy, gp.hyper());
        }

        private double[] input(double startFitness, double[] unit) {
            double[] in = new double[unit.length + 1];
            in[0] = (startFitness - fLo) / fSpan;
            System.arraycopy(unit, 0, in, 1, unit.length);
            return in;
        }
    }

    /** The maximiser of {@code f} over the unit cube: the best of random candidates, then a pattern search. */
    static double[] maximise(java.util.function.ToDoubleFunction<double[]> f, int d, RandomGenerator rng) {
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            double[] u = new double[d];
            for (int i = 0; i < d; i++) {
                u[i] = rng.nextDouble();
            }
            double v = f.applyAsDouble(u);
            if (v > bestValue) {
                bestValue = v;
                best = u;
            }
        }
        for (double step = 0.02; step > 1e-4; step /= 2) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int i = 0; i < d; i++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double[] u = best.clone();
                        u[i] = Math.max(0, Math.min(1, u[i] + sign * step));
                        double v = f.applyAsDouble(u);
                        if (v > bestValue) {
                            bestValue = v;
                            best = u;
                            moved = true;
                        }
                    }
                }
            }
        }
        return best;
    }
}
