package io.popflow.jobs.serving;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.popflow.jobs.model.ModelFiles;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An exported model loaded into an ONNX Runtime session, scoring batches of rows. Loading checks
 * that the .json's columns and the graph's inputs agree (every input fed, each place along its
 * last axis by one column of its type) and that the graph has the outputs its kind names. A session
 * scores from many threads at once (ONNX Runtime's {@code run} is thread-safe).
 */
public final class ScoringModel implements AutoCloseable {
    /** A graph input: its width along the last axis, and whether it holds text. */
    record GraphInput(int width, boolean text) {}

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final ModelPair pair;
    private final OrtSession session;
    private final Map<String, GraphInput> inputs;

    private ScoringModel(ModelPair pair, OrtSession session, Map<String, GraphInput> inputs) {
        this.pair = pair;
        this.session = session;
        this.inputs = inputs;
    }

    /** Loads {@code X.onnx} with the {@code X.json} beside it. */
    public static ScoringModel load(Path onnxFile) {
        return load(ModelPair.read(onnxFile, 10, 100));
    }

    /** Loads a pair already read; refuses bytes that are not an ONNX model, or a .json that does not fit it. */
    public static ScoringModel load(ModelPair pair) {
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // parallelism comes from concurrent requests (serve's threads): one thread per run avoids
            // oversubscribing the cores with ONNX Runtime's own pools
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = ENV.createSession(pair.onnx(), options);
        } catch (OrtException e) {
            throw new RefusedInputException(
                    pair.onnxFile() + ": not a model ONNX Runtime can load (" + reason(e) + ")");
        }
        try {
            return new ScoringModel(pair, session, inputs(pair, session));
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof RefusedInputException r) {
                throw r;
            }
            throw new RefusedInputException(
                    pair.onnxFile() + ": cannot read the graph's inputs (" + e.getMessage() + ")");
        }
    }

    /** ONNX Runtime's words, without its "Error code - ORT_... - message: " prefix. */
    static String reason(OrtException e) {
        String m = ModelMetadata.firstLine(e.getMessage());
        int at = m.indexOf("message: ");
        return (at < 0 ? m : m.substring(at + "message: ".length())).replaceAll("\\.$", "");
    }

    private static Map<String, GraphInput> inputs(ModelPair pair, OrtSession session) throws OrtException {
        String source = ModelFiles.descriptionOf(pair.onnxFile()).toString();
        Map<String, NodeInfo> graph = session.getInputInfo();
        Map<String, GraphInput> inputs = new LinkedHashMap<>();
        Map<String, BitSet> fed = new LinkedHashMap<>();
        for (ModelMetadata.Column c : pair.metadata().columns()) {
            NodeInfo node = graph.get(c.input());
            if (node == null || !(node.getInfo() instanceof TensorInfo t)) {
                throw new RefusedInputException(source + ": column '" + c.name() + "' feeds input '" + c.input()
                        + "', which the graph does not have (its inputs: " + String.join(", ", graph.keySet()) + ")");
            }
            boolean text = t.type == OnnxJavaType.STRING;
            if (text != c.isText()) {
                throw new RefusedInputException(source + ": column '" + c.name() + "' is " + c.type() + ", but input '"
                        + c.input() + "' holds " + t.type);
            }
            long[] shape = t.getShape();
            long width = shape.length == 0 ? -1 : shape[shape.length - 1];
            if (width <= 0 || c.index() < 0 || c.index() >= width) {
                throw new RefusedInputException(source + ": column '" + c.name() + "' is at " + c.index()
                        + " of input '" + c.input() + "', whose last axis is " + width + " wide");
            }
            inputs.put(c.input(), new GraphInput((int) width, text));
            BitSet places = fed.computeIfAbsent(c.input(), k -> new BitSet());
            if (places.get(c.index())) {
                throw new RefusedInputException(
                        source + ": two columns at " + c.index() + " of input '" + c.input() + "'");
            }
            places.set(c.index());
        }
        for (String name : graph.keySet()) {
            if (!inputs.containsKey(name)
                    || fed.get(name).cardinality() != inputs.get(name).width()) {
                throw new RefusedInputException(source + ": the graph's input '" + name + "' is not fed by its columns"
                        + (inputs.containsKey(name) ? " at every place" : ""));
            }
        }
        Set<String> outputs = session.getOutputNames();
        for (String needed : outputsOf(pair.metadata().kind())) {
            if (!outputs.contains(needed)) {
                throw new RefusedInputException(
                        pair.onnxFile() + ": a " + pair.metadata().kind() + " model without the output '" + needed
                                + "' (its outputs: " + String.join(", ", outputs) + ")");
            }
        }
        return inputs;
    }

    private static String[] outputsOf(String kind) {
        return switch (kind) {
            case ModelMetadata.CLASSIFICATION -> new String[] {"label", "probabilities"};
            case ModelMetadata.REGRESSION -> new String[] {"prediction"};
            default -> new String[] {"q_values", "action"};
        };
    }

    public ModelMetadata metadata() {
        return pair.metadata();
    }

    public ModelPair pair() {
        return pair;
    }

    Map<String, GraphInput> inputs() {
        return inputs;
    }

    /** An empty batch of {@code rows} rows to fill. */
    public InputBatch batch(int rows, boolean ignoreUnknown) {
        return new InputBatch(this, rows, ignoreUnknown);
    }

    /** Scores a filled batch. */
    public Predictions score(InputBatch batch) throws OrtException {
        Map<String, OnnxTensor> tensors = batch.tensors(ENV);
        try (OrtSession.Result result = session.run(tensors)) {
            return switch (metadata().kind()) {
                case ModelMetadata.CLASSIFICATION ->
                    new Predictions(
                            (String[]) value(result, "label"),
                            (float[][]) value(result, "probabilities"),
                            null,
                            null,
                            null);
                case ModelMetadata.REGRESSION ->
                    new Predictions(null, null, column((float[][]) value(result, "prediction")), null, null);
                default ->
                    new Predictions(
                            null, null, null, (long[]) value(result, "action"), (float[][]) value(result, "q_values"));
            };
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private static Object value(OrtSession.Result result, String name) throws OrtException {
        OnnxValue v = result.get(name).orElseThrow(() -> new IllegalStateException("the graph gave no " + name));
        return v.getValue();
    }

    private static float[] column(float[][] matrix) {
        float[] c = new float[matrix.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = matrix[i][0];
        }
        return c;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // the session's memory is the process's: nothing more to do than to go on
        }
    }
}
