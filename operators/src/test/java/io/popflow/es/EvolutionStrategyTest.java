package io.popflow.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.math.SplitMix64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The common ask/tell-by-seed interface and the strategies' state bytes. */
class EvolutionStrategyTest {
    private static final int N = 10;
    private static final int D = 6;

    private static double sphere(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    private static EvolutionStrategy build(StrategySettings.Kind kind) {
        double[] m0 = new double[D];
        java.util.Arrays.fill(m0, 0.5);
        return StrategySettings.of(kind).build(m0, N);
    }

    private static void generation(EvolutionStrategy es, long seed) {
        double[] f = new double[N];
        double[] x = new double[D];
        for (int k = 0; k < N; k++) {
            es.member(seed, k, x);
            f[k] = -sphere(x);
        }
        es.tell(seed, f);
    }

    @ParameterizedTest
    @EnumSource(value = StrategySettings.Kind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aRestoredStrategyContinuesBitForBit(StrategySettings.Kind kind) {
        EvolutionStrategy original = build(kind);
        for (int g = 0; g < 7; g++) {
            generation(original, SplitMix64.derive(1, g));
        }
        EvolutionStrategy restored = StrategyStates.decodeInto(StrategyStates.encode(original), build(kind));
        assertThat(restored.generation()).isEqualTo(7);
        for (int g = 7; g < 40; g++) {
            generation(original, SplitMix64.derive(1, g));
            generation(restored, SplitMix64.derive(1, g));
        }
        assertThat(StrategyStates.encode(restored)).isEqualTo(StrategyStates.encode(original));
        assertThat(StrategyStates.digest(restored)).isEqualTo(StrategyStates.digest(original));
        // and it learned something: the sphere's value at the mean fell from 6 x 0.25
        assertThat(sphere(original.mean())).isLessThan(1.5 / 2);
    }

    @ParameterizedTest
    @EnumSource(value = StrategySettings.Kind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void membersAreAFunctionOfStateSeedAndIndex(StrategySettings.Kind kind) {
        EvolutionStrategy a = build(kind);
        EvolutionStrategy b = build(kind);
        double[] x = new double[D];
        double[] y = new double[D];
        a.member(42, 3, x);
        b.member(42, 3, y);
        assertThat(x).isEqualTo(y);
        b.member(42, 4, y);
        assertThat(x).isNotEqualTo(y);
    }

    @ParameterizedTest
    @EnumSource(value = StrategySettings.Kind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aDivergedMemberRanksLastAndPoisonsNothing(StrategySettings.Kind kind) {
        EvolutionStrategy es = build(kind);
        double[] f = new double[N];
        double[] x = new double[D];
        for (int k = 0; k < N; k++) {
            es.member(5, k, x);
            f[k] = k == 2 ? Double.NaN : k == 3 ? Double.NEGATIVE_INFINITY : -sphere(x);
        }
        es.tell(5, f);
        for (double m : es.mean()) {
            assertThat(m).isFinite();
        }
        assertThat(es.sigma()).isFinite().isPositive();
    }

    /** Members that did not move in training leave the Lamarckian update the seed's, bit for bit. */
    @ParameterizedTest
    @EnumSource(value = StrategySettings.Kind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void untrainedMembersMakeTheLamarckianUpdateTheSeeds(StrategySettings.Kind kind) {
        EvolutionStrategy bySeed = build(kind);
        EvolutionStrategy bySolutions = build(kind);
        for (int g = 0; g < 5; g++) {
            long seed = SplitMix64.derive(3, g);
            double[][] x = new double[N][D];
            double[] f = new double[N];
            for (int k = 0; k < N; k++) {
                bySeed.member(seed, k, x[k]);
                f[k] = -sphere(x[k]);
            }
            bySeed.tell(seed, f);
            bySolutions.tellSolutions(seed, x, f);
        }
        assertThat(StrategyStates.encode(bySolutions)).isEqualTo(StrategyStates.encode(bySeed));
    }

    /** The mean inherits the members' mean training displacement on top of the seed's update. */
    @ParameterizedTest
    @EnumSource(value = StrategySettings.Kind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void theMeanInheritsTheMeanTrainingDisplacement(StrategySettings.Kind kind) {
        EvolutionStrategy bySeed = build(kind);
        EvolutionStrategy lamarckian = build(kind);
        double[][] x = new double[N][D];
        double[] f = new double[N];
        for (int k = 0; k < N; k++) {
            bySeed.member(11, k, x[k]);
            f[k] = -sphere(x[k]);
            x[k][0] += 0.25 * k; // member k's training moved its first coordinate by k/4: a mean of 1.125
        }
        bySeed.tell(11, f);
        lamarckian.tellSolutions(11, x, f);
        assertThat(lamarckian.mean()[0] - bySeed.mean()[0])
                .isCloseTo(1.125, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(lamarckian.mean()[1]).isEqualTo(bySeed.mean()[1]);
        assertThat(lamarckian.sigma()).isEqualTo(bySeed.sigma());
    }

    @ParameterizedTest
    @EnumSource(value = StrategySettings.Kind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aDivergedTrainedMemberIsReplacedByItsDrawnOne(StrategySettings.Kind kind) {
        EvolutionStrategy es = build(kind);
        double[][] x = new double[N][D];
        double[] f = new double[N];
        for (int k = 0; k < N; k++) {
            es.member(9, k, x[k]);
            f[k] = -sphere(x[k]);
        }
        x[4][2] = Float.NaN;
        f[4] = Double.NaN;
        es.tellSolutions(9, x, f);
        for (double m : es.mean()) {
            assertThat(m).isFinite();
        }
        assertThat(es.sigma()).isFinite().isPositive();
    }

    @org.junit.jupiter.api.Test
    void aStateOfAnotherShapeOrFormatIsRefused() {
        byte[] cma = StrategyStates.encode(build(StrategySettings.Kind.CMA_ES));
        assertThatThrownBy(() -> StrategyStates.decodeInto(cma, build(StrategySettings.Kind.SNES)))
                .hasMessage("the stored strategy state is CmaEs with 10 members of dimension 6, the run's strategy Snes"
                        + " with 10 of dimension 6");
        byte[] future = cma.clone();
        future[3] = 9;
        assertThatThrownBy(() -> StrategyStates.decodeInto(future, build(StrategySettings.Kind.CMA_ES)))
                .hasMessage("strategy state format 9 is not one this popflow reads (1)");
    }
}
