package io.popflow.connectors.records;

import io.popflow.option.Option;
import io.popflow.taskkind.TaskKind;
import java.io.Serializable;
import java.util.List;

/**
 * What a valid training record looks like.
 *
 * @param encoding CSV or TSV ({@code f1,...,fN,label}) or JSON ({@code {"features": [...], "label": k}})
 * @param features the declared number of features
 * @param classes labels must be integers in {@code [0, classes)}
 * @param maxAbs features beyond this magnitude are rejected as absurd (a unit or encoding error
 *     upstream, which would otherwise blow up the agents' gradients)
 */
public record ExampleFormat(Encoding encoding, int features, int classes, double maxAbs) implements Serializable {

    /** CSV and TSV: {@code f1,...,fN,label} with commas or tabs; JSON: {@code {"features": [...], "label": k}}. */
    public enum Encoding {
        CSV,
        TSV,
        JSON
    }

    public static final Option<Encoding> FORMAT = Option.choice(
                    "stream.format",
                    Encoding.class,
                    Encoding.CSV,
                    "stream: how a record is written (csv, tsv: features then label; json: {features, label})")
            .appliesTo(TaskKind.STREAM);
    public static final Option<Double> MAX_ABS = Option.number(
                    "stream.max_abs", 1e6, "stream: a feature beyond ±max_abs makes its record a dead letter")
            .above(0)
            .appliesTo(TaskKind.STREAM);

    public static final List<Option<?>> OPTIONS = List.of(FORMAT, MAX_ABS);

    public ExampleFormat {
        if (features <= 0 || classes < 2 || !(maxAbs > 0)) {
            throw new IllegalArgumentException("features > 0, classes >= 2 and max_abs > 0 required, got " + features
                    + ", " + classes + ", " + maxAbs);
        }
    }
}
