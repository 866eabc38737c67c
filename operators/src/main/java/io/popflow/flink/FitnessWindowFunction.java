package io.popflow.flink;

import io.popflow.agent.AgentReport;
import io.popflow.agent.GenerationReports;
import io.popflow.slow.GenerationSummary;
import io.popflow.slow.PopulationStatistics;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.GlobalWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Closes a generation: fired with one report per live agent (a count window on the generation
 * number), it emits the reports as one table for selection, and the population's statistics on
 * {@link #SUMMARIES}.
 */
public final class FitnessWindowFunction extends ProcessWindowFunction<AgentReport, GenerationReports, Integer, GlobalWindow> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<GenerationSummary> SUMMARIES =
            new OutputTag<>("generation-summaries", TypeInformation.of(GenerationSummary.class));

    private final String[] hyperparameterNames;

    public FitnessWindowFunction(String[] hyperparameterNames) {
        this.hyperparameterNames = hyperparameterNames.clone();
    }

    @Override
    public void process(Integer generation, Context context, Iterable<AgentReport> reports, Collector<GenerationReports> out) {
        GenerationReports table = GenerationReports.of(generation, reports);
        context.output(SUMMARIES, PopulationStatistics.summarize(table.table(), hyperparameterNames, table.agentSteps()));
        out.collect(table);
    }
}
