package io.popflow.es;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A strategy's state as bytes, framed: format version, the strategy's kind, population and
 * dimension (checked on reading, so a state never lands in a strategy of another shape), the
 * generation told, then the strategy's own fields ({@link EvolutionStrategy#writeState}).
 *
 * <p>Format 1 is the only one so far; a reader refuses any other rather than guess.
 */
public final class StrategyStates {
    public static final int FORMAT = 1;

    private StrategyStates() {}

    public static byte[] encode(EvolutionStrategy s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(s.getClass().getSimpleName());
            out.writeInt(s.population());
            out.writeInt(s.dimension());
            out.writeInt(s.generation());
            s.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@code bytes} into {@code s}, a strategy built with the settings that wrote them; returns s. */
    public static EvolutionStrategy decodeInto(byte[] bytes, EvolutionStrategy s) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalStateException(
                        "strategy state format " + format + " is not one this popflow reads (" + FORMAT + ")");
            }
            String kind = in.readUTF();
            int population = in.readInt();
            int dimension = in.readInt();
            in.readInt();
            if (!kind.equals(s.getClass().getSimpleName())
                    || population != s.population()
                    || dimension != s.dimension()) {
                throw new IllegalStateException("the stored strategy state is " + kind + " with " + population
                        + " members of dimension " + dimension + ", the run's strategy "
                        + s.getClass().getSimpleName()
                        + " with " + s.population() + " of dimension " + s.dimension());
            }
            s.readState(in);
            if (in.available() != 0) {
                throw new IllegalStateException(in.available() + " bytes left after the strategy state");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    /** The generation a state was written at, without building its strategy. */
    public static int generation(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.readInt();
            in.readUTF();
            in.readInt();
            in.readInt();
            return in.readInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first 8 bytes of the state's SHA-256: replicas of a distribution compare these. */
    public static long digest(EvolutionStrategy s) {
        return digest(encode(s));
    }

    /** As {@link #digest(EvolutionStrategy)}, of state bytes already encoded. */
    public static long digest(byte[] state) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(state);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (h[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static void writeDoubles(DataOutput out, double[] v) throws IOException {
        for (double x : v) {
            out.writeDouble(x);
        }
    }

    static void readDoubles(DataInput in, double[] v) throws IOException {
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
    }

    static void writeFloats(DataOutput out, float[] v) throws IOException {
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    static void readFloats(DataInput in, float[] v) throws IOException {
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
    }

    /** v ← v + delta. */
    static void add(double[] v, double[] delta) {
        for (int i = 0; i < v.length; i++) {
            v[i] += delta[i];
        }
    }

    static double rms(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s / v.length);
    }
}
