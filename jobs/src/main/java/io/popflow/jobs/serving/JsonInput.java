package io.popflow.jobs.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.popflow.jobs.config.NameSuggestions;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * A {@code POST /predict} body, {@code {"rows": [...]}}, as a batch: each row an object by column
 * name (the model's label column may be there, and is left out) or an array in the model's column
 * order. Numbers must be JSON numbers and text JSON strings; null is a missing value. Refusals name
 * the row (from 0) and the column: {@code row 3 (colour): ...}.
 */
public final class JsonInput {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String SHAPE = "the body must be {\"rows\": [...]}, each row an object by column name "
            + "or an array in the model's column order";

    private JsonInput() {}

    /** The body's rows, checked against the model's columns and put into a batch. */
    public static InputBatch parse(byte[] body, ScoringModel model, boolean ignoreUnknown) {
        JsonNode rows = rowsOf(body);
        ModelMetadata m = model.metadata();
        List<ModelMetadata.Column> columns = m.columns();
        InputBatch batch = model.batch(rows.size(), ignoreUnknown);
        InputBatch.Where where =
                (row, column) -> "row " + row + " (" + columns.get(column).name() + ")";
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            if (row.isArray()) {
                if (row.size() != columns.size()) {
                    throw new RefusedInputException("row " + r + ": " + row.size() + " values, where the model reads "
                            + columns.size() + " (its columns, in order: see GET /model)");
                }
                for (int c = 0; c < columns.size(); c++) {
                    put(batch, r, c, row.get(c), columns.get(c), where);
                }
            } else if (row.isObject()) {
                requireOnlyKnownNames(row, r, m);
                for (int c = 0; c < columns.size(); c++) {
                    JsonNode value = row.get(columns.get(c).name());
                    if (value == null) {
                        throw new RefusedInputException("row " + r + ": no '"
                                + columns.get(c).name() + "', which the model reads (null is a missing value)");
                    }
                    put(batch, r, c, value, columns.get(c), where);
                }
            } else {
                throw new RefusedInputException(
                        "row " + r + ": " + brief(row) + " is neither an object nor an array; " + SHAPE);
            }
        }
        return batch;
    }

    private static JsonNode rowsOf(byte[] body) {
        if (body.length == 0) {
            throw new RefusedInputException("empty body; " + SHAPE);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RefusedInputException(
                    "not JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new RefusedInputException("not JSON: " + ModelMetadata.firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new RefusedInputException("empty body; " + SHAPE);
        }
        JsonNode rows = root.isObject() ? root.get("rows") : null;
        if (rows == null) {
            throw new RefusedInputException((root.isObject() ? "no \"rows\" key" : "not an object") + "; " + SHAPE);
        }
        if (!rows.isArray()) {
            throw new RefusedInputException("\"rows\" is " + brief(rows) + ", not a list; " + SHAPE);
        }
        return rows;
    }

    private static void requireOnlyKnownNames(JsonNode row, int r, ModelMetadata m) {
        List<String> names = m.columnNames();
        for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!names.contains(key) && !key.equals(m.labelColumn())) {
                throw new RefusedInputException("row " + r + ": '" + key + "' is not one of the model's columns"
                        + NameSuggestions.didYouMean(NameSuggestions.closest(key, names)));
            }
        }
    }

    private static void put(
            InputBatch batch, int r, int c, JsonNode value, ModelMetadata.Column column, InputBatch.Where where) {
        if (column.isText()) {
            if (!value.isNull() && !value.isTextual()) {
                throw new RefusedInputException(where.at(r, c) + ": " + brief(value)
                        + " is not text, and the column is " + "text (write a category as a JSON string)");
            }
            batch.text(r, c, value.isNull() ? null : value.textValue(), where);
        } else if (value.isNull()) {
            batch.number(r, c, Double.NaN, where);
        } else if (value.isNumber() && Double.isFinite(value.doubleValue())) {
            batch.number(r, c, value.doubleValue(), where);
        } else if (value.isNumber()) {
            throw new RefusedInputException(where.at(r, c) + ": a number too large to be finite");
        } else {
            throw new RefusedInputException(
                    where.at(r, c) + ": " + brief(value) + " is not a number, and the column is " + "numeric"
                            + (value.isTextual() ? " (write a number as a JSON number, without quotes)" : ""));
        }
    }

    /** A value as the request wrote it, cut short. */
    private static String brief(JsonNode value) {
        String s = value.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
