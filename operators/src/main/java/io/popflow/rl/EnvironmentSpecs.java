package io.popflow.rl;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's environment spec in its checkpointed state (part of the agent state's byte format).
 * Formats 1 and 2 knew only the classic-control environments: their name and step limit. Format 3
 * starts with a kind byte: 0 a classic-control environment (name, step limit), 1 a user's (class
 * name, step limit, then its {@code custom.options}: count, and per option its name, a type byte and
 * the value).
 */
final class EnvironmentSpecs {
    private static final byte CLASSIC = 0;
    private static final byte CUSTOM = 1;

    private static final byte LONG = 0;
    private static final byte DOUBLE = 1;
    private static final byte TEXT = 2;
    private static final byte FLAG = 3;
    private static final byte NUMBERS = 4;

    private EnvironmentSpecs() {}

    static void write(EnvironmentSpec spec, DataOutput out) throws IOException {
        if (spec instanceof ClassicControl c) {
            out.writeByte(CLASSIC);
            out.writeUTF(c.name());
            out.writeInt(c.maxSteps());
        } else if (spec instanceof CustomEnvironment c) {
            out.writeByte(CUSTOM);
            out.writeUTF(c.className());
            out.writeInt(c.maxSteps());
            writeOptions(c.options(), out);
        } else {
            throw new IOException("an agent's environment " + spec.name() + " has no checkpoint format");
        }
    }

    static EnvironmentSpec read(DataInput in, int format) throws IOException {
        try {
            if (format < 3) {
                return new ClassicControl(in.readUTF(), in.readInt());
            }
            byte kind = in.readByte();
            return switch (kind) {
                case CLASSIC -> new ClassicControl(in.readUTF(), in.readInt());
                case CUSTOM -> {
                    String className = in.readUTF();
                    int maxSteps = in.readInt();
                    yield new CustomEnvironment(className, readOptions(in), maxSteps);
                }
                default -> throw new IOException("corrupt agent state: environment kind " + kind);
            };
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt agent state: " + e.getMessage(), e);
        }
    }

    private static void writeOptions(Map<String, Object> options, DataOutput out) throws IOException {
        out.writeInt(options.size());
        for (Map.Entry<String, Object> e : options.entrySet()) {
            out.writeUTF(e.getKey());
            Object v = e.getValue();
            if (v instanceof Long || v instanceof Integer) {
                out.writeByte(LONG);
                out.writeLong(((Number) v).longValue());
            } else if (v instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            } else if (v instanceof String t) {
                out.writeByte(TEXT);
                out.writeUTF(t);
            } else if (v instanceof Boolean b) {
                out.writeByte(FLAG);
                out.writeBoolean(b);
            } else if (v instanceof List<?> numbers) {
                out.writeByte(NUMBERS);
                out.writeInt(numbers.size());
                for (Object n : numbers) {
                    out.writeDouble(((Number) n).doubleValue());
                }
            } else {
                throw new IOException("custom.options." + e.getKey() + " has no checkpoint format: " + v);
            }
        }
    }

    private static LinkedHashMap<String, Object> readOptions(DataInput in) throws IOException {
        int count = in.readInt();
        LinkedHashMap<String, Object> options = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            byte type = in.readByte();
            options.put(
                    name,
                    switch (type) {
                        case LONG -> in.readLong();
                        case DOUBLE -> in.readDouble();
                        case TEXT -> in.readUTF();
                        case FLAG -> in.readBoolean();
                        case NUMBERS -> {
                            int n = in.readInt();
                            List<Double> numbers = new ArrayList<>(n);
                            for (int j = 0; j < n; j++) {
                                numbers.add(in.readDouble());
                            }
                            yield numbers;
                        }
                        default -> throw new IOException("corrupt agent state: option type " + type);
                    });
        }
        return options;
    }
}
