package io.popflow.export;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.popflow.api.Environment;
import io.popflow.data.DigitsData;
import io.popflow.data.TableEncoding;
import io.popflow.export.ModelDescription.Column;
import io.popflow.export.ModelDescription.Kind;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.DigitsTaskSpec;
import io.popflow.task.StreamTaskSpec;
import io.popflow.task.TableTaskSpec;
import io.popflow.task.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ONNX model of one agent's weights for its run's task: the task's input preparation,
 * the network in the parameter layout of {@link MlpArchitecture}, and the head that turns its
 * outputs into what a user asks for.
 */
public final class ModelExport {
    private ModelExport() {}

    /** Why {@code task} has no model to export, or null if it has one. */
    public static String whyNoModel(TaskSpec task) {
        if (task instanceof DigitsTaskSpec
                || task instanceof TableTaskSpec
                || task instanceof StreamTaskSpec
                || task instanceof ControlTaskSpec) {
            return null;
        }
        return "task " + task.name()
                + " has no model to export: its θ is a point of an analytic function, not a network";
    }

    /**
     * The model of {@code params} for {@code task} in a run of seed {@code runSeed} (a table's
     * encoding is learnt from that run's training rows).
     *
     * @param metadata the ONNX file's metadata properties (run, agent, generation, ...)
     * @throws IllegalArgumentException if the task has no model ({@link #whyNoModel}) or the
     *     weights are not its network's
     */
    public static ExportedModel of(TaskSpec task, long runSeed, float[] params, Map<String, String> metadata) {
        String why = whyNoModel(task);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        if (task instanceof DigitsTaskSpec digits) {
            return digits(digits, params, metadata);
        }
        if (task instanceof StreamTaskSpec stream) {
            return stream(stream, params, metadata);
        }
        if (task instanceof TableTaskSpec table) {
            return table(table, runSeed, params, metadata);
        }
        return qNetwork((ControlTaskSpec) task, params, metadata);
    }

    private static ExportedModel digits(DigitsTaskSpec task, float[] params, Map<String, String> metadata) {
        MlpArchitecture arch = task.architecture();
        OnnxGraph g = new OnnxGraph("popflow-digits");
        String pixels = g.input("pixels", DataType.FLOAT, OnnxGraph.BATCH, DigitsData.FEATURES);
        // the data set's scaling, pixel values 0..16 to [0, 1] (1/16 is exact in binary)
        String scaled =
                g.node("Mul", List.of(pixels, g.floats("pixel_scale", new float[] {1f / 16f})), "scaled", Map.of());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < DigitsData.FEATURES; i++) {
            columns.add(new Column("column" + (i + 1), Column.NUMBER, "pixels", i, List.of()));
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < DigitsData.CLASSES; c++) {
            classes.add(String.valueOf(c));
        }
        return classifier(
                g,
                "digits",
                scaled,
                arch,
                params,
                columns,
                "column" + (DigitsData.FEATURES + 1),
                classes,
                "pixels: 64 values 0..16, row by row (the UCI file's columns 1 to 64)",
                metadata);
    }

    private static ExportedModel stream(StreamTaskSpec task, float[] params, Map<String, String> metadata) {
        MlpArchitecture arch = task.architecture();
        OnnxGraph g = new OnnxGraph("popflow-stream");
        String features = g.input("features", DataType.FLOAT, OnnxGraph.BATCH, task.features());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < task.features(); i++) {
            columns.add(new Column("feature" + (i + 1), Column.NUMBER, "features", i, List.of()));
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < task.classes(); c++) {
            classes.add(String.valueOf(c));
        }
        return classifier(
                g,
                "stream",
                features,
                arch,
                params,
                columns,
                null,
                classes,
                "features: a stream record's " + task.features() + " features, as the run read them",
                metadata);
    }

    private static ExportedModel table(TableTaskSpec task, long runSeed, float[] params, Map<String, String> metadata) {
        TableEncoding encoding = task.encoding(task.parts(runSeed)[0]);
        MlpArchitecture arch = task.architecture(encoding.width());
        OnnxGraph g = new OnnxGraph("popflow-table");
        boolean impute = task.missing() == TableTaskSpec.Missing.IMPUTE;
        List<Column> columns = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (TableEncoding.Feature f : encoding.features()) {
            if (f instanceof TableEncoding.Standardised s) {
                String x = g.input(s.name(), DataType.FLOAT, OnnxGraph.BATCH, 1);
                columns.add(new Column(s.name(), Column.NUMBER, s.name(), 0, List.of()));
                String mean = g.floats("mean", new float[] {(float) s.mean()});
                if (impute) {
                    // an imputed value is the training mean, as in training
                    x = g.node(
                            "Where",
                            List.of(g.node("IsNaN", List.of(x), "missing", Map.of()), mean, x),
                            "imputed",
                            Map.of());
                }
                String centred = g.node("Sub", List.of(x, mean), "centred", Map.of());
                parts.add(g.node(
                        "Div",
                        List.of(centred, g.floats("deviation", new float[] {(float) s.deviation()})),
                        "standardised",
                        Map.of()));
            } else {
                TableEncoding.OneHot h = (TableEncoding.OneHot) f;
                String x = g.input(h.name(), DataType.STRING, OnnxGraph.BATCH, 1);
                columns.add(new Column(h.name(), Column.TEXT, h.name(), 0, h.categories()));
                if (h.categories().isEmpty()) {
                    continue; // no category seen in training: the column gives no input
                }
                // zeros = 1: a category not seen in training (or "") is all zeros, as in training
                String hot = g.node(
                        OnnxGraph.ML_DOMAIN,
                        "OneHotEncoder",
                        List.of(x),
                        "one_hot",
                        Map.of("cats_strings", h.categories(), "zeros", 1L));
                g.declare(
                        hot, DataType.FLOAT, OnnxGraph.BATCH, 1, h.categories().size());
                parts.add(g.node(
                        "Reshape",
                        List.of(hot, g.longs("shape", -1, h.categories().size())),
                        "categories",
                        Map.of()));
            }
        }
        String encoded = parts.size() == 1 ? parts.get(0) : g.node("Concat", parts, "encoded", Map.of("axis", 1L));
        String label = task.table().names()[task.label()];
        String source = task.table().source();
        ExportedModel m;
        if (task.target() == TableTaskSpec.Target.CLASSIFICATION) {
            m = classifier(
                    g,
                    "table",
                    encoded,
                    arch,
                    params,
                    columns,
                    label,
                    List.of(task.classes()),
                    "one input per feature column of " + source + ", named as the column",
                    metadata);
        } else {
            double[] target = encoding.targetStatistics();
            String standardised = mlp(g, encoded, arch, params);
            String scaled = g.node(
                    "Mul",
                    List.of(standardised, g.floats("target_deviation", new float[] {(float) target[1]})),
                    "scaled",
                    Map.of());
            String prediction = g.node(
                    "Add",
                    List.of(scaled, g.floats("target_mean", new float[] {(float) target[0]})),
                    "prediction",
                    Map.of());
            g.output(prediction, "prediction", DataType.FLOAT, OnnxGraph.BATCH, 1);
            Map<String, String> outputs = Map.of("prediction", "the predicted " + label + ", in its own units");
            m = new ExportedModel(
                    g.model("popflow table regression of " + label, metadata).toByteArray(),
                    new ModelDescription(
                            Kind.REGRESSION,
                            "table",
                            columns,
                            label,
                            null,
                            null,
                            null,
                            List.of(),
                            new ModelDescription.Target(label, "the units of column '" + label + "' of " + source),
                            List.of(),
                            outputs));
        }
        ModelDescription d = m.description();
        return new ExportedModel(
                m.onnx(),
                new ModelDescription(
                        d.kind(),
                        d.task(),
                        d.columns(),
                        d.labelColumn(),
                        impute ? "impute" : "refuse",
                        d.delimiter(),
                        d.header(),
                        d.classes(),
                        d.target(),
                        d.actions(),
                        d.outputs()));
    }

    private static ExportedModel qNetwork(ControlTaskSpec task, float[] params, Map<String, String> metadata) {
        Environment env = task.dqn().environment().create();
        MlpArchitecture arch = task.dqn().architecture(env.observationSize(), env.actions());
        OnnxGraph g = new OnnxGraph("popflow-" + task.name());
        String observation = g.input("observation", DataType.FLOAT, OnnxGraph.BATCH, env.observationSize());
        String q = mlp(g, observation, arch, params);
        g.output(q, "q_values", DataType.FLOAT, OnnxGraph.BATCH, env.actions());
        String action = g.node("ArgMax", List.of(q), "action", Map.of("axis", 1L, "keepdims", 0L));
        g.output(action, "action", DataType.INT64, OnnxGraph.BATCH);
        List<Column> columns = new ArrayList<>();
        List<String> names = env.observationNames();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new Column(names.get(i), Column.NUMBER, "observation", i, List.of()));
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("q_values", "the Q-network's value of each action for the observation");
        outputs.put("action", "the greedy action: the index of the largest Q-value (the first on ties)");
        return new ExportedModel(
                g.model("popflow " + task.name() + " Q-network", metadata).toByteArray(),
                new ModelDescription(
                        Kind.Q_NETWORK,
                        task.name(),
                        columns,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        env.actionNames(),
                        outputs));
    }

    /** The network, a softmax over its outputs and the label of the largest. */
    private static ExportedModel classifier(
            OnnxGraph g,
            String task,
            String input,
            MlpArchitecture arch,
            float[] params,
            List<Column> columns,
            String labelColumn,
            List<String> classes,
            String inputs,
            Map<String, String> metadata) {
        String logits = mlp(g, input, arch, params);
        String probabilities = g.node("Softmax", List.of(logits), "probabilities", Map.of("axis", 1L));
        g.output(probabilities, "probabilities", DataType.FLOAT, OnnxGraph.BATCH, classes.size());
        String index = g.node("ArgMax", List.of(logits), "class_index", Map.of("axis", 1L, "keepdims", 0L));
        long[] keys = new long[classes.size()];
        for (int c = 0; c < keys.length; c++) {
            keys[c] = c;
        }
        String label = g.node(
                OnnxGraph.ML_DOMAIN,
                "LabelEncoder",
                List.of(index),
                "label",
                Map.of("keys_int64s", keys, "values_strings", classes, "default_string", ""));
        g.output(label, "label", DataType.STRING, OnnxGraph.BATCH);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("label", "the most probable class, as its label reads in the data");
        outputs.put("probabilities", "each class's probability, in the order of classes");
        return new ExportedModel(
                g.model("popflow " + task + " classifier; " + inputs, metadata).toByteArray(),
                new ModelDescription(
                        Kind.CLASSIFICATION,
                        task,
                        columns,
                        labelColumn,
                        null,
                        null,
                        null,
                        classes,
                        null,
                        List.of(),
                        outputs));
    }

    /**
     * The network's layers on {@code input}: per layer a Gemm with the layer's m x (n + 1)
     * column-major matrix read as an n x m weight matrix (its first n·m values, row-major) and its
     * last m values as the bias; the hidden layers activated, the output linear.
     */
    static String mlp(OnnxGraph g, String input, MlpArchitecture arch, float[] params) {
        if (params.length != arch.parameterCount()) {
            throw new IllegalArgumentException("weights of length " + params.length + " are not those of " + arch + " ("
                    + arch.parameterCount() + " parameters)");
        }
        String x = input;
        for (int l = 0; l < arch.layers(); l++) {
            int n = arch.inputs(l);
            int m = arch.outputs(l);
            int offset = arch.offset(l);
            float[] w = java.util.Arrays.copyOfRange(params, offset, offset + n * m);
            float[] b = java.util.Arrays.copyOfRange(params, offset + n * m, offset + n * m + m);
            x = g.node("Gemm", List.of(x, g.floats("w" + l, w, n, m), g.floats("b" + l, b, m)), "layer" + l, Map.of());
            if (l < arch.layers() - 1) {
                x = g.node(arch.activation() == Activation.RELU ? "Relu" : "Tanh", List.of(x), "hidden" + l, Map.of());
            }
        }
        return x;
    }
}
