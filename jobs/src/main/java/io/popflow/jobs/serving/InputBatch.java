package io.popflow.jobs.serving;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one scoring call, as the graph's input tensors: each value checked against its column (a
 * missing value where the model cannot fill one in, a category it never saw) and put at its
 * column's place along its input's last axis.
 */
public final class InputBatch {
    /** Where a row's value of a model column came from, for a refusal's line ({@code data.csv:7:3 (colour)}). */
    @FunctionalInterface
    public interface Where {
        String at(int row, int column);
    }

    private final ScoringModel model;
    private final int rows;
    private final boolean ignoreUnknown;
    private final Map<String, float[]> numbers = new HashMap<>();
    private final Map<String, String[]> texts = new HashMap<>();

    /** @param ignoreUnknown score a category not seen in training as "no category" instead of refusing it */
    InputBatch(ScoringModel model, int rows, boolean ignoreUnknown) {
        this.model = model;
        this.rows = rows;
        this.ignoreUnknown = ignoreUnknown;
        for (Map.Entry<String, ScoringModel.GraphInput> e : model.inputs().entrySet()) {
            int size = rows * e.getValue().width();
            if (e.getValue().text()) {
                texts.put(e.getKey(), new String[size]);
            } else {
                numbers.put(e.getKey(), new float[size]);
            }
        }
    }

    public int rows() {
        return rows;
    }

    /** Row {@code row}'s value of the model's numeric column {@code column}; NaN is missing. */
    public void number(int row, int column, double value, Where where) {
        ModelMetadata.Column c = model.metadata().columns().get(column);
        if (Double.isNaN(value) && !model.metadata().imputes()) {
            throw missing(where.at(row, column));
        }
        numbers.get(c.input())[row * model.inputs().get(c.input()).width() + c.index()] = (float) value;
    }

    /** Row {@code row}'s value of the model's text column {@code column}; null or "" is missing. */
    public void text(int row, int column, String value, Where where) {
        ModelMetadata.Column c = model.metadata().columns().get(column);
        String category = value == null ? "" : value;
        if (category.isEmpty() && !model.metadata().imputes()) {
            throw missing(where.at(row, column));
        }
        List<String> known = c.categories() == null ? List.of() : c.categories();
        if (!category.isEmpty() && !known.contains(category)) {
            if (!ignoreUnknown) {
                throw new RefusedInputException(where.at(row, column) + ": category '" + category + "' was not seen in "
                        + "training (the model knows " + String.join(", ", known)
                        + "); --unknown ignore scores it as no category");
            }
            category = "";
        }
        texts.get(c.input())[row * model.inputs().get(c.input()).width() + c.index()] = category;
    }

    private RefusedInputException missing(String where) {
        return new RefusedInputException(where + ": missing value ("
                + (model.metadata().missing() == null
                        ? "the model has no value to fill in"
                        : "the model's run refused missing values; one trained with table.missing: impute fills them in")
                + ")");
    }

    /** The graph's inputs; the caller closes them. */
    Map<String, OnnxTensor> tensors(OrtEnvironment env) throws OrtException {
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (Map.Entry<String, ScoringModel.GraphInput> e : model.inputs().entrySet()) {
                long[] shape = {rows, e.getValue().width()};
                tensors.put(
                        e.getKey(),
                        e.getValue().text()
                                ? OnnxTensor.createTensor(env, texts.get(e.getKey()), shape)
                                : OnnxTensor.createTensor(env, FloatBuffer.wrap(numbers.get(e.getKey())), shape));
            }
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        }
        return tensors;
    }
}
