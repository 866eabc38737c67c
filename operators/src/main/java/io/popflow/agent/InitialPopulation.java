package io.popflow.agent;

import io.popflow.config.PopulationConfig;
import io.popflow.math.RandomStreams;
import io.popflow.math.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/** The agents a run starts with: one seed per agent, initial h drawn from the space by the run's seed (or its grid). */
public final class InitialPopulation {
    private InitialPopulation() {}

    /** The commands that create the agents, in agent order. */
    public static List<AgentCommand> seeds(PopulationConfig config) {
        List<InitialHyperparameters> draws = draws(config);
        List<AgentCommand> seeds = new ArrayList<>(draws.size());
        for (int agent = 0; agent < draws.size(); agent++) {
            seeds.add(AgentCommand.seed(agent, draws.get(agent)));
        }
        return seeds;
    }

    /** Every agent's initial h, in agent order: drawn from the run's seed, or the grid's points in turn. */
    public static List<InitialHyperparameters> draws(PopulationConfig config) {
        SplitMix64 rng = RandomStreams.INITIAL_HYPERPARAMETERS.generator(config.seed());
        List<InitialHyperparameters> draws = new ArrayList<>(config.population());
        for (int agent = 0; agent < config.population(); agent++) {
            draws.add(new InitialHyperparameters(
                    config.space().isGrid()
                            ? config.space().gridPoint(agent)
                            : config.space().sample(rng)));
        }
        return draws;
    }

    /** The seed of agent {@code id}'s own random stream. */
    public static long agentSeed(PopulationConfig config, int id) {
        return RandomStreams.AGENT.seed(config.seed(), id);
    }
}
