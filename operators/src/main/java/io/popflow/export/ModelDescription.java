package io.popflow.export;

import java.util.List;
import java.util.Map;

/**
 * What an exported model takes and gives, for a consumer that has only its files: the columns a
 * row holds and the graph input each feeds, and what the outputs mean.
 *
 * @param kind what the model predicts
 * @param task the run's task name
 * @param columns a row's values in order, each with the graph input it feeds
 * @param labelColumn a table's label or target column, which a file to score may hold (null if none)
 * @param missing a table's missing-value rule ({@code refuse} or {@code impute}; null if none)
 * @param delimiter the training file's separator ({@code comma}, {@code semicolon} or {@code tab}; null if none)
 * @param header whether the training file's first line named its columns (null if none)
 * @param classes a classification's labels, in the order of its probabilities (empty otherwise)
 * @param target a regression's target (null otherwise)
 * @param actions a Q-network's actions, by index (empty otherwise)
 * @param outputs each graph output's name and meaning
 */
public record ModelDescription(
        Kind kind,
        String task,
        List<Column> columns,
        String labelColumn,
        String missing,
        String delimiter,
        Boolean header,
        List<String> classes,
        Target target,
        List<String> actions,
        Map<String, String> outputs) {

    /** What a model predicts. */
    public enum Kind {
        CLASSIFICATION,
        REGRESSION,
        Q_NETWORK;

        /** As in the description's JSON. */
        public String jsonName() {
            return name().toLowerCase();
        }
    }

    /**
     * One value of a row.
     *
     * @param name its column name
     * @param type {@code number} or {@code text}
     * @param input the graph input it feeds
     * @param index its place along that input's last axis
     * @param categories a text column's categories seen in training (empty for a number)
     */
    public record Column(String name, String type, String input, int index, List<String> categories) {
        public static final String NUMBER = "number";
        public static final String TEXT = "text";
    }

    /** A regression's target: its column and the units predictions are in. */
    public record Target(String name, String units) {}

    public ModelDescription {
        columns = List.copyOf(columns);
        classes = List.copyOf(classes);
        actions = List.copyOf(actions);
        outputs = Map.copyOf(outputs);
    }
}
