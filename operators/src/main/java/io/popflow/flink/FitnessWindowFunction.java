package io.popflow.flink;

import io.popflow.agent.AgentReport;
import io.popflow.agent.GenerationReports;
import io.popflow.slow.GenerationSummary;
import io.popflow.slow.PopulationStatistics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.GlobalWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Closes a generation: fired with one report per live agent (a count window on the generation
 * number), it emits the reports as one table for selection, and the population's statistics on
 * {@link #SUMMARIES}.
 */
public final class FitnessWindowFunction
        extends ProcessWindowFunction<AgentReport, GenerationReports, Integer, GlobalWindow> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<GenerationSummary> SUMMARIES =
            new OutputTag<>("generation-summaries", TypeInformation.of(GenerationSummary.class));

    private final String[] hyperparameterNames;
    /** The latest generation's statistics, for the gauges. */
    private transient volatile GenerationSummary latest;

    public FitnessWindowFunction(String[] hyperparameterNames) {
        this.hyperparameterNames = hyperparameterNames.clone();
    }

    /** popflow's population figures as Flink gauges (README, "Flink metrics"); NaN / -1 before the first generation. */
    @Override
    public void open(OpenContext context) throws Exception {
        super.open(context);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        metrics.gauge("generation", () -> latest == null ? -1 : latest.generation());
        metrics.gauge("bestFitness", () -> latest == null ? Double.NaN : latest.bestFitness());
        metrics.gauge("medianFitness", () -> latest == null ? Double.NaN : latest.fitnessMedian());
        metrics.gauge("divergedAgents", () -> latest == null ? 0 : latest.diverged());
        metrics.gauge("agentSteps", () -> latest == null ? 0L : latest.agentSteps());
    }

    @Override
    public void process(
            Integer generation, Context context, Iterable<AgentReport> reports, Collector<GenerationReports> out) {
        GenerationReports table = GenerationReports.of(generation, reports);
        GenerationSummary summary = PopulationStatistics.summarize(
                table.table(), hyperparameterNames, table.agentSteps(), table.episodeReturnMean());
        latest = summary;
        context.output(SUMMARIES, summary);
        out.collect(table);
    }
}
