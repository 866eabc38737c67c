package io.popflow.jobs;

import io.popflow.agent.AgentCommand;
import io.popflow.agent.AgentReport;
import io.popflow.agent.FinalAgent;
import io.popflow.agent.GenerationReports;
import io.popflow.agent.InitialPopulation;
import io.popflow.config.PopulationConfig;
import io.popflow.flink.AgentCommandRouting;
import io.popflow.flink.AgentPlacement;
import io.popflow.flink.AgentTrainerFactory;
import io.popflow.flink.AgentTrainerOperator;
import io.popflow.flink.AsyncSelectionMutationOperator;
import io.popflow.flink.EvolutionStrategyOperator;
import io.popflow.flink.ExampleFanOut;
import io.popflow.flink.ExampleInput;
import io.popflow.flink.ExplicitTypeInfo;
import io.popflow.flink.FitnessWindowFunction;
import io.popflow.flink.SelectionMutationOperator;
import io.popflow.flink.SlowScaleOperator;
import io.popflow.flink.feedback.FeedbackEdge;
import io.popflow.flink.feedback.InJvmFeedbackEdge;
import io.popflow.slow.GenerationSummary;
import io.popflow.slow.LineageEvent;
import io.popflow.task.StreamTaskSpec;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The population training job: one Flink job whose keyed agents train (fast time scale), whose
 * fitness window and selection-mutation operator decide (slow time scale), and whose decisions flow
 * back through a feedback edge.
 *
 * <pre>
 * agent seeds ─┐                                   ┌─► reports, final agents (sinks)
 *              ├─► keyBy(agent) ─► agent-trainer ──┤
 * feedback ────┘                                   └─► reports ─► keyBy(generation).countWindow(N)
 *   head  ▲                                               ─► fitness-window ─► selection-mutation
 *         └──── feedback tail ◄── directives ∪ weights ◄──────────────────────────────┘
 * </pre>
 *
 * In asynchronous mode the reports go straight to the selection-mutation operator, which decides
 * each agent as it reports. Sinks and the feedback edge are injected; {@link #execute} builds the
 * graph and runs it.
 */
public final class PopulationTrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(PopulationTrainingJob.class);
    /** The agents' operator: its uid names its state in every checkpoint and savepoint. */
    public static final String TRAINER_UID = "agent-trainer";

    private final PopulationConfig config;
    private final JobSinks sinks;
    private final FeedbackEdge<AgentCommand> feedback;
    private final ExampleInput examples;

    public PopulationTrainingJob(PopulationConfig config, JobSinks sinks, FeedbackEdge<AgentCommand> feedback) {
        this(config, sinks, feedback, null);
    }

    /**
     * @param examples where a stream-fed task's examples come from; null for a task with fixed data
     */
    public PopulationTrainingJob(
            PopulationConfig config, JobSinks sinks, FeedbackEdge<AgentCommand> feedback, ExampleInput examples) {
        boolean streamed = config.task() instanceof StreamTaskSpec;
        if (streamed != (examples != null)) {
            throw new IllegalArgumentException(
                    streamed
                            ? "task " + config.task().name() + " needs an example input"
                            : "task " + config.task().name() + " has its own data; got an example input");
        }
        this.config = config;
        this.sinks = sinks;
        this.feedback = feedback;
        this.examples = examples;
    }

    /** The job with the default in-JVM feedback edge. */
    public static PopulationTrainingJob withInJvmFeedback(PopulationConfig config, JobSinks sinks) {
        return new PopulationTrainingJob(
                config, sinks, new InJvmFeedbackEdge<>("feedback", config.parallelism(), new AgentCommandRouting()));
    }

    /** Builds the job graph on {@code env} and runs it to the end. */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute(jobName());
    }

    /** Builds the job graph on {@code env} and submits it. */
    public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync(jobName());
    }

    private String jobName() {
        return "popflow " + config.task().name() + " (seed " + config.seed() + ")";
    }

    /** Adds the population's operators, edges and sinks to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        LOG.info("popflow run: seed {} ({})", config.seed(), config);
        Configuration conf = new Configuration();
        // Every record and state type here has a POJO or explicit serializer; Kryo would be a bug.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(conf);
        env.enableCheckpointing(config.checkpointIntervalMs());
        // The loop is latency-bound: a generation crosses four network hops (trainer -> window ->
        // selection -> tail, head -> trainer), and with Flink's default 100 ms buffer timeout each
        // hop waited for its buffer to fill or time out (measured: ~300 ms per generation of 24
        // agents). Records are flushed as they are written: the loop carries few, latency-bound records.
        env.setBufferTimeout(0);

        TypeInformation<AgentCommand> commandType = ExplicitTypeInfo.commands();
        DataStream<AgentCommand> seeds = env.fromData(InitialPopulation.seeds(config), commandType)
                .name("agent-seeds")
                .uid("agent-seeds");
        DataStream<AgentCommand> fromFeedback = feedback.head(env, commandType);
        DataStream<AgentCommand> commands = seeds.union(fromFeedback);
        if (examples != null) {
            commands = commands.union(examples.examples(env)
                    .flatMap(new ExampleFanOut(config.parallelism()), commandType)
                    .name("examples-to-subtasks")
                    .uid("examples-to-subtasks"));
        }

        SingleOutputStreamOperator<AgentReport> reports = commands.keyBy(
                        new AgentPlacement(config.population(), config.parallelism(), config.maxParallelism()),
                        Types.INT)
                .transform("agent-trainer", ExplicitTypeInfo.reports(), new AgentTrainerFactory(config))
                .uid(TRAINER_UID)
                .setParallelism(config.parallelism())
                .setMaxParallelism(config.maxParallelism());

        SingleOutputStreamOperator<AgentCommand> directives;
        DataStream<GenerationSummary> summaries;
        if (config.asynchronous()) {
            directives = reports.transform(
                            "selection-mutation", commandType, new AsyncSelectionMutationOperator(config))
                    .uid("selection-mutation-async")
                    .setParallelism(1)
                    .setMaxParallelism(1);
            summaries = directives.getSideOutput(AsyncSelectionMutationOperator.SUMMARIES);
        } else {
            SingleOutputStreamOperator<GenerationReports> generations = reports.keyBy(
                            AgentReport::generation, Types.INT)
                    .countWindow(config.population())
                    .process(
                            new FitnessWindowFunction(config.space().names()),
                            TypeInformation.of(GenerationReports.class))
                    .name("fitness-window")
                    .uid("fitness-window")
                    .setParallelism(1);
            directives = config.isEvolutionStrategy()
                    ? generations
                            .transform("evolution-strategy", commandType, new EvolutionStrategyOperator(config))
                            .uid("evolution-strategy")
                    : generations
                            .transform("selection-mutation", commandType, new SelectionMutationOperator(config))
                            .uid("selection-mutation");
            directives.setParallelism(1).setMaxParallelism(1);
            summaries = generations.getSideOutput(FitnessWindowFunction.SUMMARIES);
        }

        feedback.tail(directives.union(reports.getSideOutput(AgentTrainerOperator.WEIGHTS)));

        DataStream<LineageEvent> lineage = directives.getSideOutput(SlowScaleOperator.LINEAGE);
        DataStream<FinalAgent> finals = reports.getSideOutput(AgentTrainerOperator.FINAL);
        sink(reports, sinks.reports(), "reports");
        sink(summaries, sinks.summaries(), "generation-summaries");
        sink(lineage, sinks.lineage(), "lineage");
        sink(finals, sinks.finalAgents(), "final-agents");
        sink(reports.getSideOutput(AgentTrainerOperator.FINAL_WEIGHTS), sinks.finalWeights(), "final-weights");
        if (config.champion() != null) {
            sink(directives.getSideOutput(SlowScaleOperator.CHAMPION), sinks.champions(), "champion");
        }
        if (config.isEvolutionStrategy()) {
            sink(
                    directives.getSideOutput(EvolutionStrategyOperator.DISTRIBUTION),
                    sinks.distributions(),
                    "distribution");
        }
    }

    private static <T> void sink(DataStream<T> stream, List<Sink<T>> sinks, String name) {
        for (int i = 0; i < sinks.size(); i++) {
            String id = name + "-sink" + (i == 0 ? "" : "-" + i);
            stream.sinkTo(sinks.get(i)).name(id).uid(id).setParallelism(1);
        }
    }
}
