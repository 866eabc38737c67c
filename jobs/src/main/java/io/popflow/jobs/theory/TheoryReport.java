package io.popflow.jobs.theory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The theory table, for the console and as {@code theory.json}. */
public final class TheoryReport {
    public static final String FILE = "theory.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TheoryReport() {}

    public static String table(List<CheckResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT, "%-82s %13s %13s %11s  %s%n", "check", "closed form", "measured", "tolerance", "pass"));
        for (CheckResult r : results) {
            String verdict = r.gating() ? (r.pass() ? "yes" : "NO") : (r.pass() ? "helps" : "does not help");
            sb.append(String.format(
                    Locale.ROOT,
                    "%-82s %13.6g %13.6g %11.3g  %s%n",
                    r.name(),
                    r.expected(),
                    r.measured(),
                    r.tolerance(),
                    verdict));
        }
        long checks = results.stream().filter(CheckResult::gating).count();
        long passed = results.stream().filter(r -> r.gating() && r.pass()).count();
        long helps = results.stream().filter(r -> !r.gating() && r.pass()).count();
        sb.append(String.format(
                Locale.ROOT,
                "%d of %d checks pass; %d of %d estimator comparisons show a gain over last",
                passed,
                checks,
                helps,
                results.size() - checks));
        return sb.toString();
    }

    /** One object per check: name, expected, measured, tolerance, pass, note, and points where there are. */
    public static ArrayNode json(List<CheckResult> results) {
        ArrayNode checks = JSON.createArrayNode();
        for (CheckResult r : results) {
            ObjectNode o = checks.addObject();
            o.put("name", r.name());
            o.put("expected", r.expected());
            o.put("measured", r.measured());
            o.put("tolerance", r.tolerance());
            o.put("pass", r.pass());
            o.put("kind", r.gating() ? "check" : "comparison");
            o.put("note", r.note());
            if (r.points() != null) {
                o.set("points", r.points());
            }
        }
        return checks;
    }

    public static void write(List<CheckResult> results, Path file) throws IOException {
        JSON.writeValue(file.toFile(), json(results));
    }
}
