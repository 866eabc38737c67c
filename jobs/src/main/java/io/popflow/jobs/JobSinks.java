package io.popflow.jobs;

import io.popflow.agent.AgentReport;
import io.popflow.agent.FinalAgent;
import io.popflow.connectors.console.ProgressSink;
import io.popflow.connectors.file.JsonLinesFileSink;
import io.popflow.connectors.json.RecordJson;
import io.popflow.slow.GenerationSummary;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.LineageEvent;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where a population job writes: agent reports, generation summaries, lineage events and final
 * agents, plus any number of extra summary sinks (progress). Tests and other deployments plug in
 * their own.
 */
public record JobSinks(
        Sink<AgentReport> reports,
        Sink<GenerationSummary> summaries,
        Sink<LineageEvent> lineage,
        Sink<FinalAgent> finalAgents,
        List<Sink<GenerationSummary>> progress) {

    public static final String REPORTS_FILE = "reports.jsonl";
    public static final String GENERATIONS_FILE = "generations.jsonl";
    public static final String LINEAGE_FILE = "lineage.jsonl";
    public static final String FINAL_AGENTS_FILE = "final-agents.jsonl";

    /**
     * The embedded default: JSON Lines files in {@code folder}, exactly once, and a progress line
     * per generation on standard output if {@code progress}.
     */
    public static JobSinks files(Path folder, HyperparameterSpace space, int generations, boolean progress) {
        RecordJson json = new RecordJson(space);
        return new JobSinks(
                new JsonLinesFileSink<>(folder.resolve(REPORTS_FILE), json::report),
                new JsonLinesFileSink<>(folder.resolve(GENERATIONS_FILE), json::summary),
                new JsonLinesFileSink<>(folder.resolve(LINEAGE_FILE), json::lineage),
                new JsonLinesFileSink<>(folder.resolve(FINAL_AGENTS_FILE), json::finalAgent),
                progress ? List.of(new ProgressSink(space, generations)) : List.of());
    }
}
