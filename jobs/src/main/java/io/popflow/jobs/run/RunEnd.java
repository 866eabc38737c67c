package io.popflow.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.agent.AgentState;
import io.popflow.agent.AgentWeights;
import io.popflow.agent.FinalAgent;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.json.RecordJson;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.RunSummary;
import io.popflow.jobs.config.RunConfig;
import io.popflow.jobs.model.ModelFiles;
import io.popflow.jobs.model.RunModels;
import io.popflow.task.StreamTaskSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.util.ExceptionUtils;

/**
 * What the command line does when a run's job ends: a finished run's summary; for a stopped run the
 * agents of its savepoint ({@code final-agents.jsonl}), a summary of the state at the stop and the
 * command that resumes it; for a failed run its cause in one line and where it can resume from.
 */
public final class RunEnd {
    /** Exit code of a run whose job failed (2 is for invalid input, refused before any job). */
    public static final int FAILED = 1;

    private RunEnd() {}

    /**
     * Writes the end-of-run files of a run that finished or was stopped at {@code savepoint}
     * (null if it finished), prints its summary and returns the exit code.
     *
     * @param stepsBefore fast steps the population had taken when this command started it (a resumed
     *     run's throughput counts only its own)
     * @param out the command's output, err its errors
     */
    public static int write(
            RunFolder folder,
            RunConfig run,
            Path savepoint,
            long stepsBefore,
            Duration wall,
            PrintWriter out,
            PrintWriter err)
            throws Exception {
        PopulationConfig config = run.population();
        Path summaryFile = folder.path().resolve(RunSummary.FILE);
        if (savepoint == null) {
            if (!config.isBounded()) {
                return 0;
            }
            String diverged = everyAgentDiverged(folder, config);
            if (diverged != null) {
                err.println(diverged);
                return FAILED;
            }
            RunSummary summary = RunSummary.read(folder.path(), config, wall).resumedAt(stepsBefore, wall);
            summary.write(summaryFile);
            out.println(summary.describe());
            out.println("summary: " + summaryFile.toAbsolutePath());
            printModel(out, RunModels.writeBest(folder.path(), config, run.runId()));
            return 0;
        }
        int best = writeSavepointAgents(folder, config, savepoint);
        RunSummary summary = RunSummary.readStopped(folder.path(), config, wall, best, savepoint)
                .resumedAt(stepsBefore, wall);
        summary.write(summaryFile);
        out.println(summary.describe());
        out.println("summary: " + summaryFile.toAbsolutePath());
        printModel(out, RunModels.writeBest(folder.path(), config, run.runId()));
        out.println("popflow: stopped with a savepoint at " + savepoint);
        out.println("popflow: resume with: " + resumeCommand(folder, null));
        return 0;
    }

    /**
     * The line that ends a run whose last generation has every agent diverged (no best agent is left
     * to test, and a summary of it would be a 0 %), or null. An evolution strategy ends on its mean,
     * not on its members: not asked.
     */
    static String everyAgentDiverged(RunFolder folder, PopulationConfig config) throws IOException {
        JsonNode last = config.isEvolutionStrategy()
                ? null
                : folder.lastGenerationSummary().orElse(null);
        if (last == null
                || last.get("diverged").asInt() < last.get("population").asInt()) {
            return null;
        }
        return "popflow: the run failed: every agent of its last generation ("
                + (last.get("generation").asInt() + 1)
                + " of " + config.generations() + ") diverged, its loss or weights no longer finite numbers, so no "
                + "agent is left to test; a likely reason is a learning rate too large for the task "
                + "(hyperparameters.lr or hyperparam_mutations.lr)";
    }

    /**
     * Writes a final record and final weights for every agent of the savepoint (the job's own for
     * the agents that ended before it, see {@link #afterTheJobsOwn}) and returns the best agent:
     * the best of the last generation the run summarised, whose test performance is measured as at
     * a run's end.
     */
    static int writeSavepointAgents(RunFolder folder, PopulationConfig config, Path savepoint) throws Exception {
        List<AgentState> agents = SavepointAgents.read(savepoint);
        boolean fixedData = !(config.task() instanceof StreamTaskSpec);
        AgentLifecycle lifecycle = new AgentLifecycle(config);
        int best = folder.lastGenerationSummary()
                .map(g -> g.get("best_agent").asInt())
                .orElse(agents.isEmpty() ? -1 : agents.get(0).id);
        RecordJson json = new RecordJson(config.space());
        Map<Integer, String> lines = new LinkedHashMap<>();
        Map<Integer, String> weights = new LinkedHashMap<>();
        for (AgentState s : agents) {
            FinalAgent f = fixedData
                    ? lifecycle.finalRecord(s, s.id == best)
                    : new FinalAgent(
                            s.id,
                            s.generation,
                            s.steps,
                            s.hyperparameters.clone(),
                            Double.NaN,
                            AgentLifecycle.sha256(s.params),
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            s.directivesApplied,
                            s.transfersApplied,
                            s.duplicatesIgnored);
            lines.put(s.id, json.finalAgent(f));
            weights.put(
                    s.id,
                    json.finalWeights(
                            new AgentWeights(s.id, s.generation, f.fitness(), s.hyperparameters, s.params, s.rng)));
        }
        Path finals = folder.path().resolve(JobSinks.FINAL_AGENTS_FILE);
        AtomicFiles.writeLines(finals, afterTheJobsOwn(finals, lines));
        Path finalWeights = folder.path().resolve(JobSinks.FINAL_WEIGHTS_FILE);
        AtomicFiles.writeLines(finalWeights, afterTheJobsOwn(finalWeights, weights));
        return best;
    }

    /**
     * The lines of {@code file} for a stopped run: the job's own first, as they are (the agents that
     * ended before the savepoint), then the savepoint's of the other agents. A resumed job's sink cuts
     * its file back to its length at the savepoint, which is the end of the job's own lines only if
     * they are still first and unchanged: a file written anew would be cut inside one of its lines,
     * and the job's next line glued to that line's start.
     */
    static List<String> afterTheJobsOwn(Path file, Map<Integer, String> savepointLines) throws IOException {
        List<String> all = new ArrayList<>();
        Set<Integer> ended = new HashSet<>();
        for (JsonLines.Line line : JsonLines.lines(file)) {
            all.add(line.text());
            ended.add(line.json().get("agent").asInt());
        }
        savepointLines.forEach((agent, line) -> {
            if (!ended.contains(agent)) {
                all.add(line);
            }
        });
        return all;
    }

    /** The line that says where the run's model is (none for a task without one). */
    private static void printModel(PrintWriter out, Path model) {
        if (model != null) {
            out.println("model: " + model.toAbsolutePath() + " (and "
                    + ModelFiles.descriptionOf(model).getFileName() + "; score a CSV with: popflow predict " + model
                    + " FILE.csv)");
        }
    }

    /** Reports a failed job in one line, with where the run can resume from, and returns the exit code. */
    public static int failed(Exception e, RunFolder folder, RunConfig run, PrintWriter err) {
        Throwable root = ExceptionUtils.stripExecutionException(e);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // the job's own failure, once Flink's restarts (restart_attempts) are spent, or its cancellation
        err.println("popflow: the run failed: " + root.getClass().getSimpleName() + ": " + root.getMessage());
        err.println("popflow: " + whereToGoOn(folder, run));
        return FAILED;
    }

    /** What a run that ended early can do next: resume from its newest snapshot, or start again where it has none. */
    public static String whereToGoOn(RunFolder folder, RunConfig run) {
        try {
            if (folder.latestSnapshot(run.checkpointDir()).isPresent()) {
                return "its newest checkpoint is kept; resume with: " + resumeCommand(folder, null);
            }
        } catch (IOException e) {
            return "its snapshots cannot be read (" + IoErrors.reason(e) + ")";
        }
        return "it completed no checkpoint, so there is nothing to resume: the command that started it starts it "
                + "again in " + folder.path();
    }

    /** The command that resumes the run in {@code folder} (from {@code snapshot}, or its newest). */
    public static String resumeCommand(RunFolder folder, Path snapshot) {
        String launcher = System.getProperty("popflow.launcher", "popflow");
        return launcher + " train --resume " + folder.path()
                + (snapshot == null ? "" : " --from-savepoint " + snapshot);
    }
}
