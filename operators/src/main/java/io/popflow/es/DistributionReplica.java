package io.popflow.es;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * One copy of a run's search distribution: the strategy's state and the noise seed of the
 * generation whose members it draws. The slow operator holds the authoritative copy and {@link
 * #tell}s it; each trainer subtask holds another and {@link #apply}s the resulting {@link
 * EsGeneration}, the same arithmetic on the same inputs, so both agree bit for bit (the digest
 * checks it) and agents rebuild their members locally.
 */
public final class DistributionReplica {
    private final EvolutionStrategy strategy;
    private final double[] scratch;
    private long seed;

    /** The distribution of generation 0: {@code strategy} as built, drawing with {@code seed0}. */
    public DistributionReplica(EvolutionStrategy strategy, long seed0) {
        this.strategy = strategy;
        this.scratch = new double[strategy.dimension()];
        this.seed = seed0;
    }

    /** The generation whose members this distribution draws. */
    public int generation() {
        return strategy.generation();
    }

    public EvolutionStrategy strategy() {
        return strategy;
    }

    /** Member {@code k} of the current generation as float weights. */
    public float[] member(int k) {
        if (k < 0 || k >= strategy.population()) {
            throw new IllegalArgumentException("member " + k + " of a population of " + strategy.population());
        }
        strategy.member(seed, k, scratch);
        return toFloats(scratch);
    }

    /** The mean as float weights. */
    public float[] mean() {
        return toFloats(strategy.mean());
    }

    /** Tells the current generation's fitness; returns the update every other replica applies. */
    public EsGeneration tell(double[] fitness, long nextSeed) {
        if (fitness.length != strategy.population()) {
            throw new IllegalArgumentException("generation " + generation() + " needs " + strategy.population()
                    + " members' fitness, got " + fitness.length);
        }
        int g = generation();
        long told = seed;
        strategy.tell(told, fitness);
        seed = nextSeed;
        return new EsGeneration(g, told, fitness.clone(), nextSeed, StrategyStates.digest(strategy));
    }

    /**
     * Tells the current generation's members as they were evaluated ({@code trained[k]} for member
     * k: Lamarckian inheritance); the update carries the resulting state for the other replicas.
     */
    public EsGeneration tellTrained(float[][] trained, double[] fitness, long nextSeed) {
        double[][] x = new double[trained.length][];
        for (int k = 0; k < x.length; k++) {
            x[k] = new double[trained[k] == null ? 0 : trained[k].length];
            for (int i = 0; i < x[k].length; i++) {
                x[k][i] = trained[k][i];
            }
        }
        int g = generation();
        long told = seed;
        strategy.tellSolutions(told, x, fitness);
        seed = nextSeed;
        byte[] state = StrategyStates.encode(strategy);
        return new EsGeneration(g, told, fitness.clone(), nextSeed, StrategyStates.digest(state), state);
    }

    /**
     * Applies {@code update} if it is this replica's generation; one already applied (a resent copy)
     * is ignored. Returns whether it was applied.
     *
     * @throws IllegalStateException if the update skips a generation, or the result differs from the
     *     sender's
     */
    public boolean apply(EsGeneration update) {
        if (update.generation() < generation()) {
            return false;
        }
        if (update.generation() > generation() || update.seed() != seed) {
            throw new IllegalStateException("the distribution is at generation " + generation() + " (seed " + seed
                    + "), the update is for generation " + update.generation() + " (seed " + update.seed() + ")");
        }
        if (update.carriesState()) {
            StrategyStates.decodeInto(update.state(), strategy);
        } else {
            strategy.tell(seed, update.fitness());
        }
        seed = update.nextSeed();
        long digest = StrategyStates.digest(strategy);
        if (digest != update.digest()) {
            throw new IllegalStateException(
                    "replica of generation " + update.generation() + " differs from the slow " + "operator's: digest "
                            + Long.toHexString(digest) + " against " + Long.toHexString(update.digest()));
        }
        return true;
    }

    /** The strategy's state bytes and the current seed. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(seed);
            out.write(StrategyStates.encode(strategy));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores {@code bytes} of {@link #encode} into this replica (built with the same settings). */
    public DistributionReplica restore(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            seed = in.readLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StrategyStates.decodeInto(Arrays.copyOfRange(bytes, Long.BYTES, bytes.length), strategy);
        return this;
    }

    /** The generation of {@code bytes} of {@link #encode}. */
    public static int generationOf(byte[] bytes) {
        return StrategyStates.generation(Arrays.copyOfRange(bytes, Long.BYTES, bytes.length));
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
