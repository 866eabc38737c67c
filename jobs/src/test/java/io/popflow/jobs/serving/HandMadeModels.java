package io.popflow.jobs.serving;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Small ONNX models with weights chosen by hand, written as the exporter's contract says (per-column
 * inputs of a table, the outputs of each kind, a .json beside the .onnx, each file renamed into
 * place, the .json first), built with the ONNX project's own generated protobuf classes. Their
 * outputs are known in closed form, so the tests need no trained network.
 *
 * <p>The table classifier: columns {@code x} and {@code y} (numbers) and {@code colour} (text:
 * red, green), label {@code species} with classes {@code a}, {@code b}; logits {@code
 * [0, w*x + y + 2*[colour=red] - 2*[colour=green]]}, so class b where that sum is positive.
 */
final class HandMadeModels {
    static final ObjectMapper JSON = new ObjectMapper();

    private HandMadeModels() {}

    /** The table classifier with weight {@code w} on x, written as {@code dir/stem.onnx|json}. */
    static Path tableClassifier(Path dir, String stem, float w, String missing) throws IOException {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("hand-made classifier");
        g.addInput(value("x", TensorProto.DataType.FLOAT, 1));
        g.addInput(value("y", TensorProto.DataType.FLOAT, 1));
        g.addInput(value("colour", TensorProto.DataType.STRING, 1));
        g.addInitializer(floats("W", new long[] {4, 2}, 0, w, 0, 1, 0, 2, 0, -2));
        g.addInitializer(floats("zero", new long[] {1}, 0));
        g.addInitializer(longs("width2", -1, 2));
        g.addInitializer(strings("classes", "a", "b"));
        // a missing number (NaN) is 0, as an imputing run's graph fills in its training mean
        g.addNode(node("IsNaN", List.of("x"), "x_nan"));
        g.addNode(node("Where", List.of("x_nan", "zero", "x"), "x_filled"));
        g.addNode(node("IsNaN", List.of("y"), "y_nan"));
        g.addNode(node("Where", List.of("y_nan", "zero", "y"), "y_filled"));
        g.addNode(node("OneHotEncoder", List.of("colour"), "colour_3d").toBuilder().setDomain("ai.onnx.ml")
                .addAttribute(AttributeProto.newBuilder().setName("cats_strings").setType(AttributeProto.AttributeType.STRINGS)
                        .addStrings(bytes("red")).addStrings(bytes("green")))
                .addAttribute(intAttribute("zeros", 1)).build());
        g.addNode(node("Reshape", List.of("colour_3d", "width2"), "colour_hot"));
        g.addNode(node("Concat", List.of("x_filled", "y_filled", "colour_hot"), "features").toBuilder()
                .addAttribute(intAttribute("axis", 1)).build());
        g.addNode(node("MatMul", List.of("features", "W"), "logits"));
        g.addNode(node("Softmax", List.of("logits"), "probabilities").toBuilder().addAttribute(intAttribute("axis", 1)).build());
        g.addNode(node("ArgMax", List.of("probabilities"), "best").toBuilder().addAttribute(intAttribute("axis", 1))
                .addAttribute(intAttribute("keepdims", 0)).build());
        g.addNode(node("Gather", List.of("classes", "best"), "label"));
        g.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("label").setType(type(TensorProto.DataType.STRING)));
        g.addOutput(value("probabilities", TensorProto.DataType.FLOAT, 2));

        ObjectNode m = metadata("table", "classification", w, missing);
        ArrayNode columns = m.putArray("columns");
        columns.addObject().put("name", "x").put("type", "number").put("input", "x").put("index", 0);
        columns.addObject().put("name", "y").put("type", "number").put("input", "y").put("index", 0);
        ObjectNode colour = columns.addObject().put("name", "colour").put("type", "text").put("input", "colour").put("index", 0);
        colour.putArray("categories").add("red").add("green");
        m.put("label_column", "species");
        m.putArray("classes").add("a").add("b");
        return write(dir, stem, g, m);
    }

    /** A Q-network over observation {@code [p, v]}: Q = {@code [p, w*v]}, action the larger (the first on ties). */
    static Path qNetwork(Path dir, String stem, float w) throws IOException {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("hand-made q-network");
        g.addInput(value("observation", TensorProto.DataType.FLOAT, 2));
        g.addInitializer(floats("W", new long[] {2, 2}, 1, 0, 0, w));
        g.addNode(node("MatMul", List.of("observation", "W"), "q_values"));
        g.addNode(node("ArgMax", List.of("q_values"), "action").toBuilder().addAttribute(intAttribute("axis", 1))
                .addAttribute(intAttribute("keepdims", 0)).build());
        g.addOutput(value("q_values", TensorProto.DataType.FLOAT, 2));
        g.addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("action").setType(type(TensorProto.DataType.INT64)));
        ObjectNode m = metadata("cartpole", "q_network", w, null);
        ArrayNode columns = m.putArray("columns");
        columns.addObject().put("name", "position").put("type", "number").put("input", "observation").put("index", 0);
        columns.addObject().put("name", "velocity").put("type", "number").put("input", "observation").put("index", 1);
        m.putArray("actions").add("push_left").add("push_right");
        return write(dir, stem, g, m);
    }

    private static ObjectNode metadata(String task, String kind, float w, String missing) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", 1).put("run_id", "hand-made").put("agent", 3).put("generation", Math.round(w * 10))
                .put("params_sha256", "hand-made-w=" + w).put("task", task).put("kind", kind);
        if (missing != null) {
            m.put("missing", missing);
        }
        return m;
    }

    /** Writes the pair as the exporter does: the .json first, each to a temporary name renamed into place. */
    static Path write(Path dir, String stem, OnnxMl.GraphProto.Builder graph, ObjectNode metadata) throws IOException {
        byte[] onnx = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("popflow tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3))
                .setGraph(graph).build().toByteArray();
        metadata.put("model_sha256", ModelPair.sha256(onnx));
        Files.createDirectories(dir);
        Path model = dir.resolve(stem + ".onnx");
        renameIntoPlace(dir.resolve(stem + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata));
        renameIntoPlace(model, onnx);
        return model;
    }

    static void renameIntoPlace(Path file, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static OnnxMl.ValueInfoProto value(String name, TensorProto.DataType type, int width) {
        OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    /** A tensor type of rank 1 (batch), as the label and action outputs are. */
    private static OnnxMl.TypeProto type(TensorProto.DataType type) {
        return OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber())
                .setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N")))).build();
    }

    private static NodeProto node(String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output).build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static TensorProto floats(String name, long[] dims, float... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber());
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static TensorProto longs(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static TensorProto strings(String name, String... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.STRING.getNumber())
                .addDims(values.length);
        for (String v : values) {
            t.addStringData(bytes(v));
        }
        return t.build();
    }

    private static ByteString bytes(String s) {
        return ByteString.copyFrom(s, StandardCharsets.UTF_8);
    }
}
