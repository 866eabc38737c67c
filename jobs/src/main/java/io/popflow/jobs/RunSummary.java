package io.popflow.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.run.AtomicFiles;
import io.popflow.jobs.run.JsonLines;
import io.popflow.jobs.run.Plural;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.TableTaskSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a finished run produced, read back from its output folder: the best agent, its validation
 * and test performance, its hyperparameter schedule (following its weights back through every
 * copy), and throughput. Written as {@code summary.json} so that scripts can check a run.
 */
public final class RunSummary {
    public static final String FILE = "summary.json";
    /** Lines of the schedule printed on the console (runs of equal h); summary.json has every generation. */
    private static final int CONSOLE_SCHEDULE = 30;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode json;

    private RunSummary(ObjectNode json) {
        this.json = json;
    }

    public ObjectNode json() {
        return json;
    }

    /** Reads the outputs of the finished run in {@code folder}. */
    public static RunSummary read(Path folder, PopulationConfig config, Duration wallTime) throws IOException {
        List<JsonNode> finals = JsonLines.read(folder.resolve(JobSinks.FINAL_AGENTS_FILE));
        JsonNode best = finals.stream()
                .filter(f ->
                        !f.get("test_accuracy").isNull() || !f.get("test_loss").isNull() || f.has("test_return"))
                .findFirst()
                .orElseThrow(() -> new IOException("no final record of a tested best agent in " + folder));
        return read(folder, config, wallTime, finals, best);
    }

    /**
     * Reads the outputs of the run in {@code folder} that was stopped with the savepoint {@code
     * savepoint}, whose agents are in its final records; {@code bestAgent} is the best agent of the
     * last generation it summarised.
     */
    public static RunSummary readStopped(
            Path folder, PopulationConfig config, Duration wallTime, int bestAgent, Path savepoint) throws IOException {
        List<JsonNode> finals = JsonLines.read(folder.resolve(JobSinks.FINAL_AGENTS_FILE));
        JsonNode best = finals.stream()
                .filter(f -> f.get("agent").asInt() == bestAgent)
                .findFirst()
                .orElseThrow(() -> new IOException("no final record of agent " + bestAgent + " in " + folder));
        RunSummary summary = read(folder, config, wallTime, finals, best);
        ObjectNode stopped = summary.json.putObject("stopped");
        stopped.put("savepoint", savepoint.toAbsolutePath().toString());
        stopped.put("generation", best.get("generation").asInt());
        return summary;
    }

    private static RunSummary read(
            Path folder, PopulationConfig config, Duration wallTime, List<JsonNode> finals, JsonNode best)
            throws IOException {
        List<JsonNode> reports = JsonLines.read(folder.resolve(JobSinks.REPORTS_FILE));
        List<JsonNode> lineage = JsonLines.read(folder.resolve(JobSinks.LINEAGE_FILE));
        int bestAgent = best.get("agent").asInt();

        Map<Long, JsonNode> reportByAgentGeneration = new HashMap<>();
        long steps = 0;
        int diverged = 0;
        for (JsonNode r : reports) {
            reportByAgentGeneration.put(
                    key(r.get("agent").asInt(), r.get("generation").asInt()), r);
            if (r.get("diverged").asBoolean()) {
                diverged++;
            }
        }
        for (JsonNode f : finals) {
            steps += f.get("steps").asLong();
        }
        Map<Long, JsonNode> copyByRecipientGeneration = new HashMap<>();
        for (JsonNode e : lineage) {
            copyByRecipientGeneration.put(
                    key(e.get("recipient").asInt(), e.get("generation").asInt()), e);
        }
        // a stopped agent may be part-way through a generation it has not reported yet
        int lastGeneration = best.get("generation").asInt();
        while (lastGeneration >= 0 && !reportByAgentGeneration.containsKey(key(bestAgent, lastGeneration))) {
            lastGeneration--;
        }

        ObjectNode o = JSON.createObjectNode();
        o.put("seed", config.seed());
        o.put("task", config.task().name());
        o.put("population", config.population());
        o.put("generations", lastGeneration + 1);
        o.put("perturbation_interval", config.perturbationInterval());
        o.put("optimizer", config.space().rule().name().toLowerCase(Locale.ROOT));
        o.put("best_agent", bestAgent);
        o.set("best_hyperparameters", best.get("hyperparameters"));
        JsonNode lastReport = reportByAgentGeneration.get(key(bestAgent, lastGeneration));
        if (config.isEvolutionStrategy()) {
            // every agent ends holding the final mean; the last reports are of members, not of it
            lastReport = JSON.createObjectNode().set("fitness", best.get("fitness"));
            ObjectNode strategy = o.putObject("strategy");
            strategy.put("name", config.strategy().kind().name().toLowerCase(Locale.ROOT));
            strategy.put("sigma0", config.strategy().sigma());
            strategy.put("inner_steps", config.strategy().innerSteps());
            strategy.put("members_evaluated", (long) config.population() * (lastGeneration + 1));
            strategy.put(
                    "members_evaluated_per_second",
                    Math.round(config.population() * (lastGeneration + 1) / (wallTime.toNanos() / 1e9) * 10) / 10.0);
        }
        ObjectNode validation = o.putObject("validation");
        validation.set("fitness", lastReport == null ? null : lastReport.get("fitness"));
        validation.set("loss", lastReport == null ? null : lastReport.get("validation_loss"));
        validation.set("accuracy", lastReport == null ? null : lastReport.get("validation_accuracy"));
        ObjectNode test = o.putObject("test");
        test.set("loss", best.get("test_loss"));
        test.set("accuracy", best.get("test_accuracy"));
        if (best.has("test_r2")) {
            test.set("mae", best.get("test_mae"));
            test.set("r2", best.get("test_r2"));
        }
        if (config.task() instanceof TableTaskSpec table) {
            test.put("rows", table.testRows());
            test.put("notice", table.smallTestPart());
        }
        if (config.task() instanceof TableTaskSpec table && table.target() == TableTaskSpec.Target.CLASSIFICATION) {
            ArrayNode classes = o.putArray("classes");
            for (String c : table.classes()) {
                classes.add(c);
            }
        }
        if (best.has("test_return")) {
            test.set("greedy_return", best.get("test_return"));
            o.put("test_episodes", ((ControlTaskSpec) config.task()).testEpisodes());
        }
        o.put("params_sha256", best.get("params_sha256").asText());
        if (!config.isEvolutionStrategy()) {
            o.set("schedule", schedule(bestAgent, lastGeneration, reportByAgentGeneration, copyByRecipientGeneration));
        }
        o.put("lineage_events", lineage.size());
        o.put("diverged_reports", diverged);
        double seconds = wallTime.toNanos() / 1e9;
        o.put("wall_time_seconds", Math.round(seconds * 100) / 100.0);
        o.put("agent_steps", steps);
        o.put("agent_steps_per_second", Math.round(steps / seconds * 10) / 10.0);
        return new RunSummary(o);
    }

    /**
     * The best agent's hyperparameter schedule: generation by generation, the h that trained the
     * weights it ends with. Walking back, a copy at the end of generation g means the weights were
     * the donor's up to g.
     */
    private static ArrayNode schedule(
            int agent, int lastGeneration, Map<Long, JsonNode> reports, Map<Long, JsonNode> copies) {
        List<ObjectNode> entries = new ArrayList<>();
        int current = agent;
        for (int g = lastGeneration; g >= 0; g--) {
            JsonNode r = reports.get(key(current, g));
            if (r == null) {
                break; // a stopped asynchronous run: this donor had not reported yet
            }
            ObjectNode entry = JSON.createObjectNode();
            entry.put("generation", g);
            entry.put("agent", current);
            entry.set("hyperparameters", r.get("hyperparameters"));
            entry.set("fitness", r.get("fitness"));
            JsonNode copy = g > 0 ? copies.get(key(current, g - 1)) : null;
            if (copy != null) {
                entry.set("copied_from", copy.get("donor"));
                entry.set("mutations", copy.get("mutations"));
                if (!copy.get("donor").isNull()) {
                    current = copy.get("donor").asInt();
                }
            }
            entries.add(0, entry);
        }
        ArrayNode out = JSON.createArrayNode();
        entries.forEach(out::add);
        return out;
    }

    private static long key(int agent, int generation) {
        return ((long) agent << 32) | (generation & 0xffffffffL);
    }

    /**
     * For a run resumed when its population had taken {@code stepsBefore} fast steps: throughput
     * counts only the steps of this session's {@code wallTime}.
     */
    public RunSummary resumedAt(long stepsBefore, Duration wallTime) {
        if (stepsBefore > 0) {
            double seconds = wallTime.toNanos() / 1e9;
            json.put("resumed_at_agent_steps", stepsBefore);
            json.put(
                    "agent_steps_per_second",
                    Math.round((json.get("agent_steps").asLong() - stepsBefore) / seconds * 10) / 10.0);
        }
        return this;
    }

    /** Writes the summary to {@code file}, replacing it whole: a halt mid-write leaves the old one or this one. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(json));
    }

    /** A few lines for the console. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        JsonNode test = json.get("test");
        JsonNode validation = json.get("validation");
        JsonNode strategy = json.get("strategy");
        if (strategy != null) {
            sb.append(String.format(
                    Locale.ROOT,
                    "final mean of the %s distribution: %s, validation fitness %s%n",
                    strategy.get("name").asText(),
                    test.has("greedy_return")
                            ? "greedy test return " + number(test.get("greedy_return")) + " (mean of "
                                    + Plural.of(json.get("test_episodes").asLong(), "episode") + ")"
                            : test.get("accuracy").isNull()
                                    ? "test loss " + number(test.get("loss"))
                                    : "test accuracy " + percent(test.get("accuracy")),
                    number(validation.get("fitness"))));
            sb.append(String.format(
                    Locale.ROOT,
                    "%d members evaluated in %.1f s: %.0f members/s",
                    strategy.get("members_evaluated").asLong(),
                    json.get("wall_time_seconds").asDouble(),
                    strategy.get("members_evaluated_per_second").asDouble()));
            if (json.get("agent_steps").asLong() > 0) {
                sb.append(String.format(
                        Locale.ROOT, ", %d inner steps", json.get("agent_steps").asLong()));
            }
            return sb.toString();
        }
        if (test.has("greedy_return")) {
            sb.append(String.format(
                    Locale.ROOT,
                    "best agent %d: greedy test return %s (mean of %s episodes), fitness %s%n",
                    json.get("best_agent").asInt(),
                    number(test.get("greedy_return")),
                    json.get("test_episodes"),
                    number(validation.get("fitness"))));
        } else if (test.has("r2")) {
            sb.append(String.format(
                    Locale.ROOT,
                    "best agent %d: test R² %.4f, MSE %s, MAE %s (the target's units), " + "validation loss %s%n",
                    json.get("best_agent").asInt(),
                    test.get("r2").asDouble(),
                    number(test.get("loss")),
                    number(test.get("mae")),
                    number(validation.get("loss"))));
        } else if (test.get("accuracy").isNull()) {
            sb.append(String.format(
                    Locale.ROOT,
                    "best agent %d: test loss %s, validation loss %s%n",
                    json.get("best_agent").asInt(),
                    number(test.get("loss")),
                    number(validation.get("loss"))));
        } else {
            sb.append(String.format(
                    Locale.ROOT,
                    "best agent %d: test accuracy %s, validation accuracy %s%n",
                    json.get("best_agent").asInt(),
                    percent(test.get("accuracy")),
                    percent(validation.get("accuracy"))));
        }
        sb.append("hyperparameter schedule of its weights (every generation in ")
                .append(FILE)
                .append("):")
                .append(System.lineSeparator());
        for (String line : CompactSchedule.last(json.get("schedule"), CONSOLE_SCHEDULE)) {
            sb.append("  ").append(line).append(System.lineSeparator());
        }
        long before = json.has("resumed_at_agent_steps")
                ? json.get("resumed_at_agent_steps").asLong()
                : 0;
        sb.append(String.format(
                Locale.ROOT,
                "%d agent-steps%s in %.1f s: %.0f agent-steps/s",
                json.get("agent_steps").asLong() - before,
                before > 0 ? " since the resume" : "",
                json.get("wall_time_seconds").asDouble(),
                json.get("agent_steps_per_second").asDouble()));
        return sb.toString();
    }

    /** A loss to five significant digits, or "n/a" where none was measured (a stream has no fixed test set). */
    private static String number(JsonNode v) {
        return v == null || v.isNull() ? "n/a" : String.format(Locale.ROOT, "%.5g", v.asDouble());
    }

    private static String percent(JsonNode v) {
        return v == null || v.isNull() ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v.asDouble());
    }
}
