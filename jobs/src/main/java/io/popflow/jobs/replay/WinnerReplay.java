package io.popflow.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.AgentReport;
import io.popflow.agent.FinalAgent;
import io.popflow.config.PopulationConfig;
import io.popflow.connectors.json.RecordJson;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.RunSummary;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.jobs.report.WinnerLineage;
import io.popflow.jobs.run.AtomicFiles;
import io.popflow.jobs.run.JsonDocument;
import io.popflow.jobs.run.JsonLines;
import io.popflow.jobs.run.RunFolder;
import io.popflow.loop.LineReplay;
import io.popflow.option.InvalidOptionException;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.LineOfDescent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code popflow replay RUN_DIR}: the final best agent of a finished run, retrained alone along its
 * line of descent ({@link LineReplay}) from what the run logged: its configuration, every agent
 * report's h and stream position, and the lineage. Writes the replayed line next to the run's, one
 * line per generation ({@value #LINE_FILE}), and the verdict ({@value #SUMMARY_FILE}).
 */
public final class WinnerReplay {
    public static final String LINE_FILE = "replay.jsonl";
    public static final String SUMMARY_FILE = "replay.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WinnerReplay() {}

    /**
     * What the replay found.
     *
     * @param winner the run's final best agent
     * @param firstGeneration where its line begins (0, or after the latest reset of its weights)
     * @param generations generations replayed
     * @param copies copies of the line's weights from one agent into another
     * @param paramsSha256 digest of the replayed final weights
     * @param originalSha256 digest of the winner's final weights in the run
     * @param firstDifference the first generation whose replayed report differs from the run's (stream
     *     position or fitness), -1 if none
     * @param seconds wall time of the replay
     */
    public record Outcome(
            int winner,
            int firstGeneration,
            int generations,
            int copies,
            String paramsSha256,
            String originalSha256,
            int firstDifference,
            double seconds) {

        public boolean identical() {
            return paramsSha256.equals(originalSha256) && firstDifference < 0;
        }
    }

    /** Replays the winner of the finished run in {@code folder}; refuses, naming why, a run it cannot replay. */
    public static Outcome run(Path folder) throws IOException {
        RunFolder run = new RunFolder(folder);
        refuseUnless(Files.isDirectory(folder), folder, "no such folder");
        refuseUnless(
                Files.exists(run.config()),
                folder,
                "it holds no " + RunFolder.CONFIG_FILE + ": not a popflow run's output folder");
        Path summaryFile = folder.resolve(RunSummary.FILE);
        refuseUnless(
                Files.exists(summaryFile),
                folder,
                "it holds no " + RunSummary.FILE
                        + ": the run has not ended (or was killed); replay needs a finished run");
        JsonNode summary = JsonDocument.read(summaryFile);
        PopulationConfig config =
                ConfigLoader.parse(ConfigLoader.file(run.config())).population();
        String stoppedAt = summary.path("stopped").path("generation").asText();
        refuseUnless(
                !summary.has("stopped"),
                folder,
                "the run was stopped at generation " + stoppedAt + " before its end; "
                        + (config.isBounded()
                                ? "resume it to its end (popflow train --resume " + folder + ") and replay it then"
                                : "it has no end (generations: 0): give it one, resume it to it (popflow train --resume "
                                        + folder + " --generations N, N above " + stoppedAt + ") and replay it then"));
        LineReplay.whyNot(config).ifPresent(reason -> refuseUnless(false, folder, reason));

        List<JsonNode> reports = JsonLines.read(folder.resolve(JobSinks.REPORTS_FILE));
        Map<Long, JsonNode> byKey = new HashMap<>();
        for (JsonNode r : reports) {
            refuseUnless(
                    r.hasNonNull("rng_state"),
                    folder,
                    "its reports have no rng_state: the run was made by a "
                            + "popflow older than replay; run it again to replay it");
            byKey.put(
                    LineOfDescent.key(
                            r.get("generation").asInt(), r.get("agent").asInt()),
                    r);
        }
        int winner = summary.get("best_agent").asInt();
        int last = summary.get("generations").asInt() - 1;
        LineOfDescent line = WinnerLineage.trace(winner, last, JsonLines.read(folder.resolve(JobSinks.LINEAGE_FILE)));
        HyperparameterSpace space = config.space();
        List<LineReplay.Step> steps;
        try {
            steps = LineReplay.steps(line, (g, a) -> {
                JsonNode r = byKey.get(LineOfDescent.key(g, a));
                return r == null
                        ? null
                        : new LineReplay.Logged(
                                hyperparameters(r, space),
                                HexFormat.fromHexDigitsToLong(r.get("rng_state").asText()),
                                r.get("steps").asLong());
            });
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(
                    "RUN_DIR", "cannot replay " + folder + ": " + e.getMessage() + " in " + JobSinks.REPORTS_FILE);
        }

        long start = System.nanoTime();
        LineReplay.Result result = new LineReplay(config).run(steps);
        double seconds = (System.nanoTime() - start) / 1e9;

        RecordJson json = new RecordJson(space);
        int firstDifference = -1;
        int copies = 0;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            LineReplay.Step step = steps.get(i);
            AgentReport replayed = result.reports().get(i);
            JsonNode original = byKey.get(LineOfDescent.key(step.generation(), step.agent()));
            ObjectNode row = (ObjectNode) JSON.readTree(json.report(replayed));
            row.remove("decision_latency_ms");
            row.put("arrival", step.arrival().getClass().getSimpleName().toLowerCase(Locale.ROOT));
            if (step.arrival() instanceof LineReplay.Copied) {
                row.put("copied_from", line.agents()[step.generation() - 1]);
                copies++;
            }
            boolean same = row.get("rng_state").equals(original.get("rng_state"))
                    && row.get("raw_fitness").equals(original.get("raw_fitness"))
                    && row.get("train_loss").equals(original.get("train_loss"));
            row.put("identical", same);
            ObjectNode inRun = row.putObject("original");
            for (String field : new String[] {
                "fitness",
                "raw_fitness",
                "train_loss",
                "validation_loss",
                "validation_accuracy",
                "episode_return",
                "rng_state"
            }) {
                if (original.has(field)) {
                    inRun.set(field, original.get(field));
                }
            }
            if (!same && firstDifference < 0) {
                firstDifference = step.generation();
            }
            rows.add(JSON.writeValueAsString(row));
        }
        AtomicFiles.writeLines(folder.resolve(LINE_FILE), rows);
        String originalSha = summary.get("params_sha256").asText();
        Outcome outcome = new Outcome(
                winner,
                line.firstGeneration(),
                steps.size(),
                copies,
                result.last().paramsSha256(),
                originalSha,
                firstDifference,
                seconds);
        writeSummary(folder.resolve(SUMMARY_FILE), outcome, result.last());
        return outcome;
    }

    private static void writeSummary(Path file, Outcome o, FinalAgent last) throws IOException {
        ObjectNode s = JSON.createObjectNode();
        s.put("winner", o.winner());
        s.put("first_generation", o.firstGeneration());
        s.put("generations_replayed", o.generations());
        s.put("copies", o.copies());
        s.put("params_sha256", o.paramsSha256());
        s.put("original_params_sha256", o.originalSha256());
        s.put("identical", o.identical());
        if (o.firstDifference() >= 0) {
            s.put("first_difference", o.firstDifference());
        } else {
            s.putNull("first_difference");
        }
        ObjectNode test = s.putObject("test");
        number(test, "loss", last.testLoss());
        number(test, "accuracy", last.testAccuracy());
        number(test, "return", last.testReturn());
        number(test, "mae", last.testMae());
        number(test, "r2", last.testR2());
        s.put("wall_time_seconds", Math.round(o.seconds() * 100) / 100.0);
        AtomicFiles.write(
                file, JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(s));
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        }
    }

    /** A report's h in the space's order (RecordJson writes them by name). */
    private static double[] hyperparameters(JsonNode report, HyperparameterSpace space) {
        double[] h = new double[space.size()];
        JsonNode byName = report.get("hyperparameters");
        for (int i = 0; i < h.length; i++) {
            JsonNode v = byName.get(space.name(i));
            h[i] = v == null || v.isNull() ? Double.NaN : v.asDouble();
        }
        return h;
    }

    private static void refuseUnless(boolean ok, Path folder, String reason) {
        InvalidOptionException.require(ok, "RUN_DIR", "cannot replay " + folder + ": " + reason);
    }
}
