package io.popflow.loop;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentEffects;
import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentReport;
import io.popflow.agent.AgentState;
import io.popflow.agent.FinalAgent;
import io.popflow.agent.GenerationDecision;
import io.popflow.agent.GenerationReports;
import io.popflow.agent.InitialHyperparameters;
import io.popflow.agent.InitialPopulation;
import io.popflow.agent.WeightTransfer;
import io.popflow.config.PopulationConfig;
import io.popflow.math.RandomStreams;
import io.popflow.slow.FitnessTable;
import io.popflow.slow.LineageEvent;
import io.popflow.slow.Pb2Data;
import io.popflow.slow.PopulationStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A synchronous population run in a plain loop: the same agents ({@link AgentLifecycle}), the same
 * slow step ({@link PopulationStep}) and the same directives as the Flink job, on {@code threads}
 * threads that each own the agents {@code id mod threads} and their own task instance, with
 * decisions and weight copies passed in memory.
 */
public final class PlainPopulationLoop {
    private final PopulationConfig config;
    private final int threads;

    public PlainPopulationLoop(PopulationConfig config, int threads) {
        if (!config.isBounded() || config.asynchronous()) {
            throw new IllegalArgumentException("the plain loop runs bounded synchronous populations");
        }
        this.config = config;
        this.threads = threads;
    }

    /**
     * What a run produced.
     *
     * @param reports every agent's reports, generation by generation
     * @param finals every agent's final record, by agent id
     * @param generationEndNanos {@link System#nanoTime()} when each generation's last report was made
     * @param lineage every exploit-and-explore event, generation by generation
     */
    public record Result(
            List<AgentReport> reports,
            List<FinalAgent> finals,
            long[] generationEndNanos,
            List<LineageEvent> lineage) {}

    public Result run() throws Exception {
        int n = config.population();
        AgentLifecycle[] lifecycles = new AgentLifecycle[threads];
        for (int t = 0; t < threads; t++) {
            lifecycles[t] = new AgentLifecycle(config);
        }
        AgentState[] agents = new AgentState[n];
        List<InitialHyperparameters> draws = InitialPopulation.draws(config);
        for (int id = 0; id < n; id++) {
            agents[id] = lifecycles[id % threads].create(id, draws.get(id), InitialPopulation.agentSeed(config, id));
        }
        PopulationStep step = config.populationStep();
        List<AgentReport> allReports = Collections.synchronizedList(new ArrayList<>());
        List<FinalAgent> finals = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] ends = new long[config.generations()];
        List<LineageEvent> lineage = new ArrayList<>();
        Pb2Data[] pb2 = {step.initialData()};
        try {
            for (int g = 0; g < config.generations(); g++) {
                List<AgentReport> reports = Collections.synchronizedList(new ArrayList<>());
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        Effects fx = new Effects(reports, null, finals);
                        for (int id = thread; id < n; id += threads) {
                            while (lifecycles[thread].train(agents[id], config.chunkSteps(), fx)) {
                                // the agent's whole window, chunk by chunk
                            }
                        }
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                ends[g] = System.nanoTime();
                allReports.addAll(reports);
                GenerationReports table = GenerationReports.of(g, reports);
                decide(table, g, step, agents, lifecycles, finals, lineage, pb2);
            }
        } finally {
            pool.shutdownNow();
        }
        List<FinalAgent> byAgent = new ArrayList<>(finals);
        byAgent.sort(java.util.Comparator.comparingInt(FinalAgent::agent));
        return new Result(allReports, byAgent, ends, lineage);
    }

    private void decide(
            GenerationReports reports,
            int g,
            PopulationStep step,
            AgentState[] agents,
            AgentLifecycle[] lifecycles,
            List<FinalAgent> finals,
            List<LineageEvent> lineage,
            Pb2Data[] pb2) {
        FitnessTable table = reports.table();
        GenerationDecision decision;
        if (g >= config.generations() - 1) {
            decision = GenerationDecision.stop(table);
        } else {
            PopulationStep.Decision d =
                    step.decide(table, reports.params(), pb2[0], RandomStreams.SELECTION.generator(config.seed(), g));
            pb2[0] = d.data();
            d.changes().forEach(e -> lineage.add(LineageEvent.of(g, e)));
            decision = GenerationDecision.of(table, d);
        }
        List<AgentCommand.Decide> commands = decision.directives();
        List<AgentCommand.Transfer> transfers = new ArrayList<>();
        Effects fx = new Effects(null, transfers, finals);
        for (AgentCommand.Decide c : commands) {
            lifecycles[c.agent() % threads].onDirective(agents[c.agent()], c.directive(), fx);
        }
        for (AgentCommand.Transfer c : transfers) {
            lifecycles[c.agent() % threads].onTransfer(agents[c.agent()], c.transfer(), fx);
        }
    }

    private record Effects(List<AgentReport> reports, List<AgentCommand.Transfer> transfers, List<FinalAgent> finals)
            implements AgentEffects {
        @Override
        public void report(AgentReport report) {
            reports.add(report);
        }

        @Override
        public void send(int recipient, WeightTransfer transfer) {
            transfers.add(new AgentCommand.Transfer(recipient, transfer, 0));
        }

        @Override
        public void finish(FinalAgent agent) {
            finals.add(agent);
        }
    }
}
