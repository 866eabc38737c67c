package io.popflow.agent;

import io.popflow.config.PopulationConfig;
import io.popflow.es.DistributionReplica;
import io.popflow.es.EsGeneration;
import io.popflow.es.StrategySettings;
import io.popflow.math.RandomStreams;
import io.popflow.math.SplitMix64;
import java.util.Arrays;

/**
 * An evolution-strategy run's search distribution, as the slow operator, every trainer subtask and
 * the plain loop build and tell it: the strategy of the config, its initial mean a constant
 * ({@code strategy.initial_mean}) or the learner's weight initialization drawn from the run's own
 * stream, and the noise seeds of the run.
 */
public final class SearchDistributions {
    private SearchDistributions() {}

    /**
     * Tells {@code distribution} generation {@code reports}: from the fitness alone, or with
     * Lamarckian inheritance from the members' reported (trained) weights too.
     */
    public static EsGeneration tell(
            PopulationConfig config, DistributionReplica distribution, GenerationReports reports) {
        double[] fitness = reports.table().fitnessByAgent(config.population());
        long nextSeed = noiseSeed(config, reports.table().generation() + 1);
        return config.strategy().isLamarckian()
                ? distribution.tellTrained(reports.paramsByAgent(), fitness, nextSeed)
                : distribution.tell(fitness, nextSeed);
    }

    /** The distribution of generation 0; {@code learner} is the run's (it only initializes weights). */
    public static DistributionReplica of(PopulationConfig config, Learner learner) {
        StrategySettings s = config.strategy();
        double[] mean0 = new double[learner.dimension()];
        if (s.hasInitialMean()) {
            Arrays.fill(mean0, s.initialMean());
        } else {
            AgentState blank = new AgentState();
            learner.initialize(blank, new SplitMix64(RandomStreams.ES_INITIAL_MEAN.seed(config.seed())));
            for (int i = 0; i < mean0.length; i++) {
                mean0[i] = blank.params[i];
            }
        }
        return new DistributionReplica(s.build(mean0, config.population()), noiseSeed(config, 0));
    }

    /** The noise seed of generation {@code generation}. */
    public static long noiseSeed(PopulationConfig config, int generation) {
        return RandomStreams.ES_NOISE.seed(config.seed(), generation);
    }
}
