package io.popflow.jobs;

import io.popflow.agent.AgentReport;
import io.popflow.agent.AgentWeights;
import io.popflow.agent.FinalAgent;
import io.popflow.connectors.console.ProgressSink;
import io.popflow.connectors.file.JsonLinesFileSink;
import io.popflow.connectors.json.RecordJson;
import io.popflow.es.DistributionSummary;
import io.popflow.slow.GenerationSummary;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.LineageEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where a population job writes: agent reports, generation summaries, lineage events and final
 * agents, each to any number of sinks (files, Kafka, progress on the console, a test's collector).
 */
public record JobSinks(
        List<Sink<AgentReport>> reports,
        List<Sink<GenerationSummary>> summaries,
        List<Sink<LineageEvent>> lineage,
        List<Sink<FinalAgent>> finalAgents,
        List<Sink<DistributionSummary>> distributions,
        List<Sink<AgentWeights>> finalWeights,
        List<Sink<AgentWeights>> champions) {

    public static final String REPORTS_FILE = "reports.jsonl";
    public static final String GENERATIONS_FILE = "generations.jsonl";
    public static final String LINEAGE_FILE = "lineage.jsonl";
    public static final String FINAL_AGENTS_FILE = "final-agents.jsonl";
    /** An evolution strategy's search distribution, generation by generation. */
    public static final String DISTRIBUTION_FILE = "distribution.jsonl";
    /** Every agent's final weights, which the run's model is exported from. */
    public static final String FINAL_WEIGHTS_FILE = "final-weights.jsonl";

    public JobSinks {
        reports = List.copyOf(reports);
        summaries = List.copyOf(summaries);
        lineage = List.copyOf(lineage);
        finalAgents = List.copyOf(finalAgents);
        distributions = List.copyOf(distributions);
        finalWeights = List.copyOf(finalWeights);
        champions = List.copyOf(champions);
    }

    /** Sinks that keep no final weights (a run with them exports no model). */
    public JobSinks(
            List<Sink<AgentReport>> reports,
            List<Sink<GenerationSummary>> summaries,
            List<Sink<LineageEvent>> lineage,
            List<Sink<FinalAgent>> finalAgents,
            List<Sink<DistributionSummary>> distributions) {
        this(reports, summaries, lineage, finalAgents, distributions, List.of(), List.of());
    }

    /** These sinks, and {@code sink} for an evolution strategy's distribution records too. */
    public JobSinks withDistributions(Sink<DistributionSummary> sink) {
        return new JobSinks(
                reports,
                summaries,
                lineage,
                finalAgents,
                concat(distributions, List.of(sink)),
                finalWeights,
                champions);
    }

    /** These sinks, and {@code sink} for every agent's final weights too. */
    public JobSinks withFinalWeights(Sink<AgentWeights> sink) {
        return new JobSinks(
                reports,
                summaries,
                lineage,
                finalAgents,
                distributions,
                concat(finalWeights, List.of(sink)),
                champions);
    }

    /** These sinks, and {@code sink} for the run's champions too. */
    public JobSinks withChampions(Sink<AgentWeights> sink) {
        return new JobSinks(
                reports,
                summaries,
                lineage,
                finalAgents,
                distributions,
                finalWeights,
                concat(champions, List.of(sink)));
    }

    /** One sink for each kind of record. */
    public static JobSinks of(
            Sink<AgentReport> reports,
            Sink<GenerationSummary> summaries,
            Sink<LineageEvent> lineage,
            Sink<FinalAgent> finalAgents) {
        return new JobSinks(List.of(reports), List.of(summaries), List.of(lineage), List.of(finalAgents), List.of());
    }

    /**
     * The embedded default: JSON Lines files in {@code folder}, exactly once, and a progress line
     * per generation on standard output if {@code progress}.
     */
    public static JobSinks files(Path folder, HyperparameterSpace space, int generations, boolean progress) {
        return files(folder, space, generations, progress, 0);
    }

    /** As above; {@code members}: an evolution strategy's members per generation, for the progress line (0: none). */
    public static JobSinks files(
            Path folder, HyperparameterSpace space, int generations, boolean progress, int members) {
        RecordJson json = new RecordJson(space);
        JobSinks files = of(
                        new JsonLinesFileSink<>(folder.resolve(REPORTS_FILE), json::report),
                        new JsonLinesFileSink<>(folder.resolve(GENERATIONS_FILE), json::summary),
                        new JsonLinesFileSink<>(folder.resolve(LINEAGE_FILE), json::lineage),
                        new JsonLinesFileSink<>(folder.resolve(FINAL_AGENTS_FILE), json::finalAgent))
                .withDistributions(new JsonLinesFileSink<>(folder.resolve(DISTRIBUTION_FILE), json::distribution))
                .withFinalWeights(new JsonLinesFileSink<>(folder.resolve(FINAL_WEIGHTS_FILE), json::finalWeights));
        return progress ? files.withSummaries(new ProgressSink(space, generations, members)) : files;
    }

    /** These sinks and {@code other}'s. */
    public JobSinks with(JobSinks other) {
        return new JobSinks(
                concat(reports, other.reports),
                concat(summaries, other.summaries),
                concat(lineage, other.lineage),
                concat(finalAgents, other.finalAgents),
                concat(distributions, other.distributions),
                concat(finalWeights, other.finalWeights),
                concat(champions, other.champions));
    }

    /** These sinks, and {@code extra} for the generation summaries too. */
    @SafeVarargs
    @SuppressWarnings("varargs") // extra goes only to List.of, itself @SafeVarargs
    public final JobSinks withSummaries(Sink<GenerationSummary>... extra) {
        return new JobSinks(
                reports,
                concat(summaries, List.of(extra)),
                lineage,
                finalAgents,
                distributions,
                finalWeights,
                champions);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
