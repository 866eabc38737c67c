package io.popflow.rl;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The replay memory of one DQN agent: the last {@code capacity} transitions (s, a, r, s', terminated),
 * overwritten oldest first, sampled uniformly without replacement (as Python's {@code random.sample}
 * over a deque, the usual DQN code). Observations are stored as the network reads them, in float.
 */
public final class TransitionBuffer {
    private final int capacity;
    private final int observationSize;
    final float[] observations;
    final float[] nextObservations;
    final byte[] actions;
    final float[] rewards;
    final boolean[] terminated;
    /** Transitions held, at most capacity. */
    int size;
    /** Where the next transition goes. */
    int cursor;
    /** Marks of the sample being drawn: slot i is taken when marks[i] == mark. Scratch, not state. */
    private final int[] marks;

    private int mark;

    public TransitionBuffer(int capacity, int observationSize) {
        if (capacity < 1 || observationSize < 1) {
            throw new IllegalArgumentException(
                    "capacity and observation size must be >= 1, got " + capacity + ", " + observationSize);
        }
        this.capacity = capacity;
        this.observationSize = observationSize;
        observations = new float[capacity * observationSize];
        nextObservations = new float[capacity * observationSize];
        actions = new byte[capacity];
        rewards = new float[capacity];
        terminated = new boolean[capacity];
        marks = new int[capacity];
    }

    public int capacity() {
        return capacity;
    }

    public int observationSize() {
        return observationSize;
    }

    public int size() {
        return size;
    }

    /** The slot the next {@link #add} writes: the oldest transition once the buffer is full. */
    public int cursor() {
        return cursor;
    }

    public void add(float[] observation, int action, double reward, float[] next, boolean isTerminal) {
        System.arraycopy(observation, 0, observations, cursor * observationSize, observationSize);
        System.arraycopy(next, 0, nextObservations, cursor * observationSize, observationSize);
        actions[cursor] = (byte) action;
        rewards[cursor] = (float) reward;
        terminated[cursor] = isTerminal;
        cursor = (cursor + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    /** Forgets every transition (an exploiting agent that clears its memory). */
    public void clear() {
        size = 0;
        cursor = 0;
    }

    /** Writes {@code k} distinct slot numbers, uniform over the transitions held, into {@code slots}. */
    public void sample(int k, int[] slots, RandomGenerator rng) {
        if (k > size) {
            throw new IllegalArgumentException("cannot sample " + k + " of " + size + " transitions");
        }
        if (++mark == 0) {
            Arrays.fill(marks, 0);
            mark = 1;
        }
        for (int j = 0; j < k; j++) {
            int slot;
            do {
                slot = rng.nextInt(size);
            } while (marks[slot] == mark);
            marks[slot] = mark;
            slots[j] = slot;
        }
    }

    /** Copies transition {@code slot}'s observation into {@code out} at {@code at}. */
    public void observation(int slot, float[] out, int at) {
        System.arraycopy(observations, slot * observationSize, out, at, observationSize);
    }

    public void nextObservation(int slot, float[] out, int at) {
        System.arraycopy(nextObservations, slot * observationSize, out, at, observationSize);
    }

    public int action(int slot) {
        return actions[slot];
    }

    public float reward(int slot) {
        return rewards[slot];
    }

    public boolean terminated(int slot) {
        return terminated[slot];
    }

    /** A copy holding the same transitions in the same slots. */
    public TransitionBuffer copy() {
        TransitionBuffer c = new TransitionBuffer(capacity, observationSize);
        c.copyFrom(this);
        return c;
    }

    /** Takes {@code other}'s transitions (same capacity and observation size). */
    public void copyFrom(TransitionBuffer other) {
        if (other.capacity != capacity || other.observationSize != observationSize) {
            throw new IllegalArgumentException("buffers of different shapes");
        }
        System.arraycopy(other.observations, 0, observations, 0, observations.length);
        System.arraycopy(other.nextObservations, 0, nextObservations, 0, nextObservations.length);
        System.arraycopy(other.actions, 0, actions, 0, capacity);
        System.arraycopy(other.rewards, 0, rewards, 0, capacity);
        System.arraycopy(other.terminated, 0, terminated, 0, capacity);
        size = other.size;
        cursor = other.cursor;
    }

    /** Whether both hold the same transitions in the same slots (what a restore must give). */
    public boolean sameAs(TransitionBuffer o) {
        if (o.capacity != capacity || o.observationSize != observationSize || o.size != size || o.cursor != cursor) {
            return false;
        }
        int n = size * observationSize;
        return Arrays.equals(observations, 0, n, o.observations, 0, n)
                && Arrays.equals(nextObservations, 0, n, o.nextObservations, 0, n)
                && Arrays.equals(actions, 0, size, o.actions, 0, size)
                && Arrays.equals(rewards, 0, size, o.rewards, 0, size)
                && Arrays.equals(terminated, 0, size, o.terminated, 0, size);
    }

    /**
     * Writes the shape and the held transitions (slots 0 to size − 1: the buffer fills in slot
     * order before it wraps). Part of the agent state's byte format (AgentStateSerializer): a change
     * here is a new format of it.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(capacity);
        out.writeInt(observationSize);
        out.writeInt(size);
        out.writeInt(cursor);
        int n = size * observationSize;
        for (int i = 0; i < n; i++) {
            out.writeFloat(observations[i]);
            out.writeFloat(nextObservations[i]);
        }
        for (int i = 0; i < size; i++) {
            out.writeByte(actions[i]);
            out.writeFloat(rewards[i]);
            out.writeBoolean(terminated[i]);
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public static TransitionBuffer readFrom(DataInput in) throws IOException {
        TransitionBuffer b = new TransitionBuffer(in.readInt(), in.readInt());
        b.size = in.readInt();
        b.cursor = in.readInt();
        if (b.size < 0 || b.size > b.capacity || b.cursor < 0 || b.cursor >= b.capacity) {
            throw new IOException(
                    "corrupt replay memory: size " + b.size + ", cursor " + b.cursor + ", capacity " + b.capacity);
        }
        int n = b.size * b.observationSize;
        for (int i = 0; i < n; i++) {
            b.observations[i] = in.readFloat();
            b.nextObservations[i] = in.readFloat();
        }
        for (int i = 0; i < b.size; i++) {
            b.actions[i] = in.readByte();
            b.rewards[i] = in.readFloat();
            b.terminated[i] = in.readBoolean();
        }
        return b;
    }
}
