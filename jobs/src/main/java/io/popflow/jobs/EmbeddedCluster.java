package io.popflow.jobs;

import io.popflow.agent.AgentReport;
import io.popflow.agent.FinalAgent;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.memory.CollectingSink;
import io.popflow.connectors.memory.GenerationClockSink;
import io.popflow.es.DistributionSummary;
import io.popflow.jobs.config.RunConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * One embedded MiniCluster, started once, that runs population jobs one after another and hands
 * back their agent reports (with arrival times): for the theory checks and the benchmarks, which
 * run dozens of jobs.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private final int slots;
    private final Path checkpointDir;

    /**
     * @param slots task slots (the largest parallelism a run may have)
     * @param checkpointDir where checkpoints go, or null for the job manager's memory
     */
    public EmbeddedCluster(int slots, Path checkpointDir) throws Exception {
        this.slots = slots;
        this.checkpointDir = checkpointDir;
        this.cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(new Configuration())
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
        cluster.start();
    }

    /** Every agent report of one run of {@code config}, in arrival order. */
    public List<AgentReport> run(PopulationConfig config) throws Exception {
        return submit(config).await().reports().stream()
                .map(CollectingSink.Arrival::value)
                .toList();
    }

    /** Starts a run of {@code config} that keeps every report, and returns at once. */
    public Run submit(PopulationConfig config) throws Exception {
        return submit(config, true);
    }

    /**
     * Starts a run of {@code config} and returns at once; without {@code keepReports} only report
     * counts and generation end times are kept (for large populations whose memory is measured).
     */
    public Run submit(PopulationConfig config, boolean keepReports) throws Exception {
        return submit(config, keepReports, sinks -> PopulationTrainingJob.withInJvmFeedback(config, sinks));
    }

    /**
     * Starts {@code run} as its configuration describes it (feedback edge, Kafka sinks and example
     * input, whose topics must exist), keeping every report, and returns at once.
     */
    public Run submit(RunConfig run) throws Exception {
        return submit(run.population(), true, sinks -> JobAssembly.job(run, sinks));
    }

    private Run submit(PopulationConfig config, boolean keepReports, Function<JobSinks, PopulationTrainingJob> job)
            throws Exception {
        if (config.parallelism() > slots) {
            throw new IllegalArgumentException("parallelism " + config.parallelism() + " > " + slots + " slots");
        }
        String key = "embedded-" + UUID.randomUUID();
        Configuration conf = new Configuration();
        if (checkpointDir != null) {
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    checkpointDir.toUri().toString());
        }
        // a measured run that fails must say so: a restart would replay reports into the collecting
        // sink (measured: a DQN population's checkpoints beyond the job manager's memory limit
        // restarted the job over and over, silently)
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(config.parallelism());
        Sink<AgentReport> reports = keepReports ? new CollectingSink<>(key) : new GenerationClockSink(key);
        Sink<FinalAgent> finals = keepReports ? new CollectingSink<>(finalsKey(key)) : new DiscardingSink<>();
        JobSinks sinks = JobSinks.of(reports, new DiscardingSink<>(), new DiscardingSink<>(), finals);
        if (keepReports) {
            sinks = sinks.withDistributions(new CollectingSink<>(distributionsKey(key)));
        }
        job.apply(sinks).build(env);
        JobGraph graph = env.getStreamGraph().getJobGraph();
        JobID id = cluster.submitJob(graph).get().getJobID();
        return new Run(id, key, keepReports, config.generations());
    }

    private static String finalsKey(String key) {
        return key + "/final-agents";
    }

    private static String distributionsKey(String key) {
        return key + "/distribution";
    }

    /** A submitted run. */
    public final class Run {
        private final JobID id;
        private final String key;
        private final boolean keepReports;
        private final int generations;

        private Run(JobID id, String key, boolean keepReports, int generations) {
            this.id = id;
            this.key = key;
            this.keepReports = keepReports;
            this.generations = generations;
        }

        public JobID id() {
            return id;
        }

        /** Reports that have arrived so far. */
        public int reportsSoFar() {
            return keepReports
                    ? CollectingSink.count(key)
                    : GenerationClockSink.clock(key).count().get();
        }

        /**
         * Mean size in bytes of the run's recent completed checkpoints (those Flink's statistics still
         * hold, ten by default), 0 before the first: one checkpoint's size varies with the weight copies
         * in flight when it is taken.
         */
        public double recentCheckpointBytes() throws Exception {
            return cluster
                    .getExecutionGraph(id)
                    .get(1, TimeUnit.MINUTES)
                    .getCheckpointStatsSnapshot()
                    .getHistory()
                    .getCheckpoints()
                    .stream()
                    .filter(c -> c instanceof org.apache.flink.runtime.checkpoint.CompletedCheckpointStats)
                    .mapToLong(org.apache.flink.runtime.checkpoint.AbstractCheckpointStats::getStateSize)
                    .average()
                    .orElse(0);
        }

        /** Checkpoints of the run completed so far. */
        public long completedCheckpoints() throws Exception {
            return cluster.getExecutionGraph(id)
                    .get(1, TimeUnit.MINUTES)
                    .getCheckpointStatsSnapshot()
                    .getCounts()
                    .getNumberOfCompletedCheckpoints();
        }

        /** Triggers a checkpoint and waits for it to complete. */
        public void checkpoint() throws Exception {
            cluster.triggerCheckpoint(id).get(5, TimeUnit.MINUTES);
        }

        /** Waits for the end of the run. */
        public Finished await() throws Exception {
            JobResult result = cluster.requestJobResult(id).get();
            if (!result.isSuccess()) {
                throw new IllegalStateException(
                        "run " + id + " failed",
                        result.getSerializedThrowable().map(t -> (Throwable) t).orElse(null));
            }
            CheckpointStatsSnapshot stats =
                    cluster.getArchivedExecutionGraph(id).get().getCheckpointStatsSnapshot();
            long[] ends = new long[generations];
            List<CollectingSink.Arrival<AgentReport>> reports;
            List<FinalAgent> finals = List.of();
            List<DistributionSummary> distributions = List.of();
            int count;
            if (keepReports) {
                finals = CollectingSink.drain(finalsKey(key));
                distributions = CollectingSink.drain(distributionsKey(key));
                reports = CollectingSink.drainArrivals(key);
                count = reports.size();
                for (CollectingSink.Arrival<AgentReport> a : reports) {
                    ends[a.value().generation()] = Math.max(ends[a.value().generation()], a.nanos());
                }
            } else {
                reports = List.of();
                GenerationClockSink.Clock clock = GenerationClockSink.remove(key);
                count = clock.count().get();
                clock.lastArrival().forEach((g, nanos) -> ends[g] = nanos);
            }
            return new Finished(reports, count, ends, stats, finals, distributions);
        }
    }

    /**
     * A finished run.
     *
     * @param reports every agent report, with arrival time (empty if the run kept none)
     * @param reportCount how many reports arrived
     * @param generationEnds {@link System#nanoTime()} of each generation's last report
     * @param checkpoints the run's checkpoint statistics
     * @param finals every agent's final record (empty if the run kept no reports)
     * @param distributions an evolution strategy's distribution records, by generation (empty otherwise)
     */
    public record Finished(
            List<CollectingSink.Arrival<AgentReport>> reports,
            int reportCount,
            long[] generationEnds,
            CheckpointStatsSnapshot checkpoints,
            List<FinalAgent> finals,
            List<DistributionSummary> distributions) {}

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
