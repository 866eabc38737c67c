package io.popflow.jobs.theory;

import io.popflow.agent.AgentReport;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.memory.CollectingSink;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.PopulationTrainingJob;
import java.util.List;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Runs population jobs, one after another, on one embedded MiniCluster (started once: the checks
 * run dozens of jobs) and returns each run's agent reports.
 */
public final class EmbeddedRunner implements AutoCloseable {
    private final MiniCluster cluster;
    private final int slots;
    private long agentSteps;

    public EmbeddedRunner(int slots) throws Exception {
        this.slots = slots;
        this.cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(new Configuration())
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.start();
    }

    /** Every agent report of one run of {@code config}, in arrival order. */
    public List<AgentReport> run(PopulationConfig config) throws Exception {
        if (config.parallelism() > slots) {
            throw new IllegalArgumentException("parallelism " + config.parallelism() + " > " + slots + " slots");
        }
        String key = "theory-" + UUID.randomUUID();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(config.parallelism());
        JobSinks sinks = new JobSinks(new CollectingSink<>(key), new DiscardingSink<>(), new DiscardingSink<>(),
                new DiscardingSink<>(), List.of());
        PopulationTrainingJob.withInJvmFeedback(config, sinks).build(env);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        cluster.executeJobBlocking(graph);
        List<AgentReport> reports = CollectingSink.drain(key);
        agentSteps += (long) config.population() * config.generations() * config.perturbationInterval();
        return reports;
    }

    /** Fast steps run so far. */
    public long agentSteps() {
        return agentSteps;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
