package io.popflow.loop;

import io.popflow.agent.AgentEffects;
import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentReport;
import io.popflow.agent.AgentState;
import io.popflow.agent.Directive;
import io.popflow.agent.FinalAgent;
import io.popflow.agent.GenerationReports;
import io.popflow.agent.InitialHyperparameters;
import io.popflow.agent.InitialPopulation;
import io.popflow.agent.MemberSource;
import io.popflow.agent.SearchDistributions;
import io.popflow.agent.WeightTransfer;
import io.popflow.config.PopulationConfig;
import io.popflow.es.DistributionReplica;
import io.popflow.es.StrategyStates;
import java.util.ArrayList;
import java.util.List;

/**
 * An evolution-strategy run in a plain loop on one thread: the same members ({@link
 * AgentLifecycle}), the same distribution ({@link SearchDistributions}, {@link DistributionReplica})
 * and the same directives as the Flink job, so the job's result can be checked against it bit for
 * bit, and many seeded runs made in the time of a few jobs.
 */
public final class PlainEsLoop {
    private final PopulationConfig config;

    public PlainEsLoop(PopulationConfig config) {
        if (!config.isEvolutionStrategy() || !config.isBounded()) {
            throw new IllegalArgumentException("the plain ES loop runs bounded evolution-strategy runs");
        }
        this.config = config;
    }

    /**
     * What a run produced.
     *
     * @param reports every member's reports, generation by generation
     * @param finals every agent's final record (all hold the final mean), by agent id
     * @param distributionDigest {@link StrategyStates#digest} of the final distribution
     * @param finalMean the final distribution's mean as float weights
     */
    public record Result(
            List<AgentReport> reports, List<FinalAgent> finals, long distributionDigest, float[] finalMean) {}

    public Result run() {
        AgentLifecycle lifecycle = new AgentLifecycle(config);
        DistributionReplica distribution = SearchDistributions.of(config, lifecycle.learner());
        lifecycle.withMembers(new MemberSource() {
            @Override
            public float[] member(int generation, int agent) {
                return distribution.member(agent);
            }

            @Override
            public float[] mean(int generation) {
                return distribution.mean();
            }
        });
        int n = config.population();
        List<InitialHyperparameters> draws = InitialPopulation.draws(config);
        AgentState[] agents = new AgentState[n];
        for (int id = 0; id < n; id++) {
            agents[id] = lifecycle.create(id, draws.get(id), InitialPopulation.agentSeed(config, id));
        }
        List<AgentReport> all = new ArrayList<>();
        List<FinalAgent> finals = new ArrayList<>();
        for (int g = 0; g < config.generations(); g++) {
            List<AgentReport> reports = new ArrayList<>();
            Effects fx = new Effects(reports, finals);
            for (AgentState s : agents) {
                while (lifecycle.train(s, Integer.MAX_VALUE, fx)) {
                    // the member's inner steps
                }
            }
            all.addAll(reports);
            SearchDistributions.tell(config, distribution, GenerationReports.of(g, reports));
            boolean last = g == config.generations() - 1;
            for (AgentState s : agents) {
                Directive.Action action = last ? new Directive.TakeMean(s.id == 0) : new Directive.Sample();
                lifecycle.onDirective(s, Directive.of(g, action), fx);
            }
        }
        return new Result(all, finals, StrategyStates.digest(distribution.strategy()), distribution.mean());
    }

    private record Effects(List<AgentReport> reports, List<FinalAgent> finals) implements AgentEffects {
        @Override
        public void report(AgentReport report) {
            reports.add(report);
        }

        @Override
        public void send(int recipient, WeightTransfer transfer) {
            throw new IllegalStateException("members of an evolution strategy never send weights");
        }

        @Override
        public void finish(FinalAgent agent) {
            finals.add(agent);
        }
    }
}
