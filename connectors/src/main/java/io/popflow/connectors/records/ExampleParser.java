package io.popflow.connectors.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.data.TableParser;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Decodes one training record (the bytes of a Kafka value) and checks it against its {@link
 * ExampleFormat}, in this order: parseable, width, label, finite, magnitude. Never throws on bad
 * input: the answer names the first check that failed, for the dead-letter record.
 */
public final class ExampleParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A decimal CSV number; Java's own parser would also take "0x1p3" and "1d". */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity)");

    private final ExampleFormat format;

    public ExampleParser(ExampleFormat format) {
        this.format = format;
    }

    /** A decoded example, or why there is none. */
    public record Result(float[] features, int label, Rejection rejection, String detail) {
        static Result reject(Rejection why, String detail) {
            return new Result(null, -1, why, detail);
        }

        public boolean accepted() {
            return rejection == null;
        }
    }

    public Result parse(byte[] value) {
        if (value == null || value.length == 0) {
            return Result.reject(Rejection.EMPTY, "no value");
        }
        double[] numbers;
        double label;
        try {
            if (format.encoding() != ExampleFormat.Encoding.JSON) {
                double[] fields = delimited(utf8(value), format.encoding() == ExampleFormat.Encoding.TSV ? '\t' : ',');
                if (fields.length != format.features() + 1) {
                    return Result.reject(
                            Rejection.WRONG_WIDTH, (fields.length - 1) + " features, expected " + format.features());
                }
                numbers = Arrays.copyOf(fields, format.features());
                label = fields[format.features()];
            } else {
                JsonNode node = JSON.readTree(value);
                if (node == null || !node.isObject() || !node.path("features").isArray() || !node.has("label")) {
                    return Result.reject(Rejection.UNPARSEABLE, "expected {\"features\": [...], \"label\": k}");
                }
                JsonNode f = node.get("features");
                numbers = new double[f.size()];
                for (int i = 0; i < numbers.length; i++) {
                    if (!f.get(i).isNumber()) {
                        return Result.reject(
                                Rejection.UNPARSEABLE,
                                "feature " + i + " is not a number: "
                                        + clip(f.get(i).toString()));
                    }
                    numbers[i] = f.get(i).asDouble();
                }
                if (numbers.length != format.features()) {
                    return Result.reject(
                            Rejection.WRONG_WIDTH, numbers.length + " features, expected " + format.features());
                }
                if (!node.get("label").isNumber()) {
                    return Result.reject(
                            Rejection.BAD_LABEL,
                            "label is not a number: " + clip(node.get("label").toString()));
                }
                label = node.get("label").asDouble();
            }
        } catch (NumberFormatException e) {
            return Result.reject(Rejection.UNPARSEABLE, "not a number: " + clip(e.getMessage()));
        } catch (TableParser.BadTableException e) {
            return Result.reject(Rejection.UNPARSEABLE, e.getMessage());
        } catch (CharacterCodingException e) {
            return Result.reject(Rejection.UNPARSEABLE, "not UTF-8 text");
        } catch (IOException e) {
            return Result.reject(Rejection.UNPARSEABLE, "not JSON: " + clip(e.getMessage()));
        }
        if (label != Math.rint(label) || label < 0 || label >= format.classes()) {
            return Result.reject(
                    Rejection.BAD_LABEL, "label " + label + " is not an integer in [0, " + format.classes() + ")");
        }
        float[] features = new float[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            double v = numbers[i];
            if (!Double.isFinite(v)) {
                return Result.reject(Rejection.NON_FINITE, "feature " + i + " is " + v);
            }
            if (Math.abs(v) > format.maxAbs()) {
                return Result.reject(
                        Rejection.ABSURD_MAGNITUDE, "feature " + i + " is " + v + ", beyond " + format.maxAbs());
            }
            features[i] = (float) v;
        }
        return new Result(features, (int) label, null, null);
    }

    private static String utf8(byte[] value) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(value))
                .toString();
    }

    /** A CSV or TSV record's numbers, its values read as a table's (quotes, escaped quotes, trimmed). */
    private static double[] delimited(String line, char delimiter) {
        String[] fields = TableParser.values(line, delimiter);
        double[] numbers = new double[fields.length];
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (!DECIMAL.matcher(f).matches()) {
                throw new NumberFormatException("field " + i + " '" + clip(f) + "'");
            }
            numbers[i] = Double.parseDouble(f);
        }
        return numbers;
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
