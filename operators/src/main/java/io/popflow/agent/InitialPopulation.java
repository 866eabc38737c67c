package io.popflow.agent;

import io.popflow.config.PopulationConfig;
import io.popflow.math.SplitMix64;
import io.popflow.math.Streams;
import java.util.ArrayList;
import java.util.List;

/** The agents a run starts with: one seed per agent, initial h drawn from the space by the run's seed. */
public final class InitialPopulation {
    private InitialPopulation() {}

    public static List<AgentCommand> seeds(PopulationConfig config) {
        SplitMix64 rng = Streams.INITIAL_HYPERPARAMETERS.generator(config.seed());
        List<AgentCommand> seeds = new ArrayList<>(config.population());
        for (int agent = 0; agent < config.population(); agent++) {
            seeds.add(AgentCommand.seed(agent, new Seed(config.space().sample(rng))));
        }
        return seeds;
    }

    /** The seed of agent {@code id}'s own random stream. */
    public static long agentSeed(PopulationConfig config, int id) {
        return Streams.AGENT.seed(config.seed(), id);
    }
}
