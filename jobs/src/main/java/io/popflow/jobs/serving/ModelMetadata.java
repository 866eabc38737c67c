package io.popflow.jobs.serving;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;

/**
 * An exported model's {@code .json}: what the graph's inputs are made of (its columns, in the order
 * a CSV row or JSON array gives them) and what its outputs mean. Keys the reader does not use are
 * ignored, so that the exporter may add some.
 *
 * @param missing {@code impute} if the run filled a missing feature value (the graph does, from a
 *     NaN); anything else (or absent: digits, streams, control tasks) refuses a missing value
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
        int format,
        String runId,
        Integer agent,
        Integer generation,
        String paramsSha256,
        String modelSha256,
        String task,
        String kind,
        List<Column> columns,
        String labelColumn,
        String missing,
        List<String> classes,
        Target target,
        List<String> actions) {

    /** The description's layout this reader knows ({@link io.popflow.jobs.model.ModelFiles#FORMAT}). */
    static final int FORMAT = io.popflow.jobs.model.ModelFiles.FORMAT;

    static final String CLASSIFICATION = "classification";
    static final String REGRESSION = "regression";
    static final String Q_NETWORK = "q_network";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /**
     * One feature column.
     *
     * @param type {@code number} or {@code text}
     * @param input the graph input it feeds
     * @param index its position along that input's last axis
     * @param categories a text column's categories seen in training
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Column(String name, String type, String input, int index, List<String> categories) {
        public boolean isText() {
            return "text".equals(type);
        }
    }

    /** A regression's target: its column's name and units. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String name, String units) {}

    /** Reads a model's .json; {@code source} names it in the message if it cannot be read. */
    public static ModelMetadata parse(byte[] json, String source) {
        ModelMetadata m;
        try {
            m = JSON.readValue(json, ModelMetadata.class);
        } catch (IOException e) {
            throw new RefusedInputException(source + ": not a model description (" + firstLine(e.getMessage()) + ")");
        }
        m.requireComplete(source);
        return m;
    }

    private void requireComplete(String source) {
        if (format > FORMAT) {
            throw new RefusedInputException(source + ": a model description of format " + format + ", newer than this "
                    + "popflow reads (" + FORMAT + ")");
        }
        if (columns == null || columns.isEmpty()) {
            throw new RefusedInputException(source + ": names no columns (not a model description of popflow's)");
        }
        boolean known = switch (String.valueOf(kind)) {
            case CLASSIFICATION -> classes != null && !classes.isEmpty();
            case REGRESSION -> target != null && target.name() != null;
            case Q_NETWORK -> true;
            default -> false;
        };
        if (!known) {
            throw new RefusedInputException(source + ": kind '" + kind + "' without its "
                    + (CLASSIFICATION.equals(kind) ? "classes" : REGRESSION.equals(kind) ? "target" : "meaning")
                    + " (popflow reads classification, regression and q_network models)");
        }
    }

    public boolean imputes() {
        return "impute".equals(missing);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    static String firstLine(String message) {
        String m = String.valueOf(message);
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end);
    }
}
