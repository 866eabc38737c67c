package io.popflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentReport;
import io.popflow.agent.FinalAgent;
import io.popflow.api.CustomOptions;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.loop.PlainPopulationLoop;
import io.popflow.math.SplitMix64;
import io.popflow.task.CustomObjectiveTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.Task;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The user-code quadratic of the bench's overhead figure against popflow's built-in one: the same
 * numbers, bit for bit, so that the figure times the same work. Every comparison is exact (no
 * tolerance): both sides do the same IEEE operations in the same order, the objective in doubles
 * from floats widened exactly, and its results rounded to float where the built-in task rounds.
 */
class QuadraticObjectiveTest {
    private static final ObjectNode BUILT_IN = ConfigLoader.set(
            ConfigLoader.preset("quadratic"),
            "output=unused",
            "population=8",
            "generations=4",
            "perturbation_interval=60",
            "chunk_steps=20",
            "parallelism=2");

    @Test
    void fitnessAndGradientHaveTheirClosedFormValues() {
        QuadraticObjective q = new QuadraticObjective();
        q.configure(new CustomOptions(Map.of(
                "curvature", List.of(2.0, 0.5),
                "train_optimum", List.of(1.0, -1.0),
                "validation_optimum", List.of(0.0, 3.0))));
        double[] w = {0.5, 1.0};
        double[] g = new double[2];
        q.gradient(w, null, new SplitMix64(1), g);

        // ½((0.5 − 0)² + (1 − 3)²) = ½(0.25 + 4); −H(w − a) = (−2·(−0.5), −0.5·2); all exact in binary
        assertThat(q.fitness(w, null)).isEqualTo(-2.125);
        assertThat(g).containsExactly(1.0, -1.0);
        assertThat(q.dimension()).isEqualTo(2);
    }

    @Test
    void theWrappedObjectiveGivesTheBuiltInTasksLossesAndGradientsBitForBit() {
        PopulationConfig builtIn = ConfigLoader.parse(BUILT_IN).population();
        PopulationConfig wrapped = ConfigLoader.parse(QuadraticObjectiveOptions.replacingTheTask(BUILT_IN))
                .population();
        assertThat(wrapped.task()).isInstanceOf(CustomObjectiveTaskSpec.class);
        Task reference = ((QuadraticTaskSpec) builtIn.task()).create(builtIn.seed());
        Task user = ((CustomObjectiveTaskSpec) wrapped.task()).create(wrapped.seed());
        int d = reference.dimension();
        assertThat(user.dimension()).isEqualTo(d);

        float[] first = new float[d];
        float[] second = new float[d];
        reference.initialize(first, new SplitMix64(11));
        user.initialize(second, new SplitMix64(11));
        assertThat(second).containsExactly(first);

        SplitMix64 draws = new SplitMix64(5);
        float[] gReference = new float[d];
        float[] gUser = new float[d];
        for (int k = 0; k < 200; k++) {
            float[] params = new float[d];
            for (int i = 0; i < d; i++) {
                params[i] = (float) (3 * draws.nextGaussian());
            }
            reference.lossAndGradient(params, gReference, 1, new double[0], new SplitMix64(k));
            user.lossAndGradient(params, gUser, 1, new double[0], new SplitMix64(k));
            assertThat(gUser).containsExactly(gReference);
            assertThat(user.validate(params).loss())
                    .isEqualTo(reference.validate(params).loss());
        }
    }

    /**
     * A short PBT run of each (Langevin steps, selection and mutation of weight decay and
     * temperature) in the plain loop. Every agent's fitness, generation by generation, and its
     * final weights agree exactly. Two fields differ by design: {@code train_loss} (an Objective has
     * one fitness, so the step's loss is the validation loss) and {@code true_fitness} (a user's
     * objective has no closed form).
     */
    @Test
    void aShortRunOfEachHasTheSameFitnessTrajectory() throws Exception {
        PopulationConfig builtIn = ConfigLoader.parse(BUILT_IN).population();
        PopulationConfig wrapped = ConfigLoader.parse(QuadraticObjectiveOptions.replacingTheTask(BUILT_IN))
                .population();

        PlainPopulationLoop.Result reference = new PlainPopulationLoop(builtIn, 2).run();
        PlainPopulationLoop.Result user = new PlainPopulationLoop(wrapped, 2).run();

        List<AgentReport> a = sorted(reference.reports());
        List<AgentReport> b = sorted(user.reports());
        assertThat(b).hasSize(8 * 4).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            AgentReport x = a.get(i);
            AgentReport y = b.get(i);
            assertThat(y.agent()).isEqualTo(x.agent());
            assertThat(y.generation()).isEqualTo(x.generation());
            assertThat(y.hyperparameters()).containsExactly(x.hyperparameters());
            assertThat(y.fitness()).as("%s", y).isEqualTo(x.fitness());
            assertThat(y.rawFitness()).isEqualTo(x.rawFitness());
            assertThat(y.rngState()).isEqualTo(x.rngState());
            assertThat(y.trueFitness()).isNaN();
            assertThat(x.trueFitness()).isFinite();
        }
        assertThat(user.finals().stream().map(FinalAgent::paramsSha256))
                .containsExactlyElementsOf(reference.finals().stream()
                        .map(FinalAgent::paramsSha256)
                        .toList());
        // field by field: the events hold arrays, which a record's equals compares by reference
        assertThat(user.lineage())
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(reference.lineage());
        // selection did act: a run without copies would compare agents trained alone
        assertThat(reference.lineage()).isNotEmpty();
    }

    private static List<AgentReport> sorted(List<AgentReport> reports) {
        return reports.stream()
                .sorted(Comparator.comparingInt(AgentReport::generation).thenComparingInt(AgentReport::agent))
                .toList();
    }
}
