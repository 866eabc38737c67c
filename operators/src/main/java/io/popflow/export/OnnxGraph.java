package io.popflow.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * One ONNX graph being built, over the ONNX project's generated protobuf classes: named tensors
 * in, nodes, named tensors out. Names are made unique by a counter, so that a graph's pieces can
 * be written without knowing each other's names.
 *
 * <p>Opsets are fixed: 17 for the default domain and 3 for {@code ai.onnx.ml} (the newest that
 * the ONNX 1.12 checker, which the tests run, knows; ONNX Runtime 1.20 runs them).
 */
final class OnnxGraph {
    static final int OPSET = 17;
    static final String ML_DOMAIN = "ai.onnx.ml";
    static final int ML_OPSET = 3;
    /** IR version 8 is the one ONNX 1.12 writes for opset 17. */
    static final int IR_VERSION = 8;
    /** A dynamic dimension: the batch. */
    static final long BATCH = -1;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int names;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A graph input of {@code type} (FLOAT or STRING) and shape {@code dims} ({@link #BATCH} for the batch). */
    String input(String name, TensorProto.DataType type, long... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    /** Declares {@code value} a graph output named {@code name}, through an Identity if it is named otherwise. */
    void output(String value, String name, TensorProto.DataType type, long... dims) {
        if (!value.equals(name)) {
            emit("", "Identity", List.of(value), name, Map.of());
        }
        graph.addOutput(valueInfo(name, type, dims));
    }

    /**
     * Declares the type and shape of {@code value}, an inner value: for operators whose output type
     * the ONNX 1.12 checker cannot infer (ai.onnx.ml's OneHotEncoder).
     */
    void declare(String value, TensorProto.DataType type, long... dims) {
        graph.addValueInfo(valueInfo(value, type, dims));
    }

    /** A float constant of shape {@code dims}, stored little-endian in the initializer's raw bytes. */
    String floats(String hint, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** An int64 vector constant (a shape, say). */
    String longs(String hint, long... values) {
        String name = fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A node of the default domain with one output; returns the output's name. */
    String node(String op, List<String> inputs, String hint, Map<String, Object> attributes) {
        return node("", op, inputs, hint, attributes);
    }

    /** A node of {@code domain} ("" for the default) with one output; returns the output's name. */
    String node(String domain, String op, List<String> inputs, String hint, Map<String, Object> attributes) {
        return emit(domain, op, inputs, fresh(hint), attributes);
    }

    private String emit(String domain, String op, List<String> inputs, String out, Map<String, Object> attributes) {
        NodeProto.Builder n = NodeProto.newBuilder()
                .setOpType(op)
                .setDomain(domain)
                .setName(fresh(op))
                .addAllInput(inputs)
                .addOutput(out);
        attributes.forEach((key, value) -> n.addAttribute(attribute(key, value)));
        graph.addNode(n);
        return out;
    }

    /** The model: this graph with its opsets, producer and {@code metadata} as metadata properties. */
    ModelProto model(String doc, Map<String, String> metadata) {
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addOpsetImport(
                        OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(ML_OPSET))
                .setProducerName("popflow")
                .setProducerVersion(
                        OnnxGraph.class.getPackage().getImplementationVersion() == null
                                ? "dev"
                                : OnnxGraph.class.getPackage().getImplementationVersion())
                .setDocString(doc)
                .setGraph(graph);
        metadata.forEach((k, v) ->
                m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** {@code hint_N}, unique in this graph (graph inputs and outputs keep the names they are given). */
    private String fresh(String hint) {
        return hint + "_" + (names++);
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(
                    d == BATCH
                            ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                            : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(type.getNumber())
                                .setShape(shape)))
                .build();
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer i) {
            a.setType(AttributeProto.AttributeType.INT).setI(i);
        } else if (value instanceof Long l) {
            a.setType(AttributeProto.AttributeType.INT).setI(l);
        } else if (value instanceof Float f) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (value instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (value instanceof long[] ls) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long l : ls) {
                a.addInts(l);
            }
        } else if (value instanceof List<?> strings) {
            a.setType(AttributeProto.AttributeType.STRINGS);
            for (Object s : strings) {
                a.addStrings(ByteString.copyFromUtf8((String) s));
            }
        } else {
            throw new IllegalArgumentException("attribute " + name + ": no ONNX type for " + value.getClass());
        }
        return a.build();
    }
}
