package io.popflow.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.jobs.run.Plural;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The winner's hyperparameter schedule for the console in run-length form: consecutive
 * generations that trained with the same h on one line ({@code generations 0-11: lr=0.002400
 * ...}), with the agents that held the weights and the copies between them. h changes only
 * where the population copies or mutates, so a 60-generation schedule takes a few lines;
 * summary.json keeps every generation.
 */
public final class CompactSchedule {
    private CompactSchedule() {}

    /** One line per run of equal h, oldest first, from summary.json's {@code schedule} entries. */
    public static List<String> lines(JsonNode schedule) {
        return last(schedule, Integer.MAX_VALUE);
    }

    /**
     * The last {@code max} runs' lines, after one that counts the generations left out (they are
     * in {@code summary.json}).
     */
    public static List<String> last(JsonNode schedule, int max) {
        List<int[]> runs = new ArrayList<>();
        int start = 0;
        while (start < schedule.size()) {
            int end = start;
            while (end + 1 < schedule.size()
                    && schedule.get(end + 1)
                            .get("hyperparameters")
                            .equals(schedule.get(start).get("hyperparameters"))) {
                end++;
            }
            runs.add(new int[] {start, end});
            start = end + 1;
        }
        List<String> lines = new ArrayList<>();
        int skip = Math.max(0, runs.size() - max);
        if (skip > 0) {
            int skipped = skip == runs.size() ? schedule.size() : runs.get(skip)[0];
            lines.add("... " + Plural.of(skipped, "earlier generation") + " in " + RunSummary.FILE);
        }
        for (int[] run : runs.subList(skip, runs.size())) {
            lines.add(line(schedule, run[0], run[1]));
        }
        return lines;
    }

    private static String line(JsonNode schedule, int start, int end) {
        int first = schedule.get(start).get("generation").asInt();
        int last = schedule.get(end).get("generation").asInt();
        StringBuilder sb =
                new StringBuilder(first == last ? "generation " + first : "generations " + first + "-" + last);
        sb.append(": ")
                .append(hyperparameters(schedule.get(start).get("hyperparameters")))
                .append("  (");
        // a new holder of the weights begins at the run's first entry and at every copy inside it
        for (int i = start; i <= end; i++) {
            JsonNode e = schedule.get(i);
            if (i > start && !e.has("copied_from")) {
                continue;
            }
            if (i > start) {
                sb.append("; from generation ")
                        .append(e.get("generation").asInt())
                        .append(' ');
            }
            sb.append("agent ").append(e.get("agent").asInt());
            if (e.has("copied_from")) {
                sb.append(" <- copied from ")
                        .append(e.get("copied_from"))
                        .append(' ')
                        .append(e.get("mutations"));
            }
        }
        return sb.append(')').toString();
    }

    /** {@code name=value} pairs as the progress line writes them: whole numbers as they are, others to 4 digits. */
    static String hyperparameters(JsonNode h) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            sb.append(f.getKey())
                    .append('=')
                    .append(
                            v.isIntegralNumber()
                                    ? v.asText()
                                    : v.isNumber() ? String.format(Locale.ROOT, "%.4g", v.asDouble()) : v.asText());
            if (it.hasNext()) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }
}
