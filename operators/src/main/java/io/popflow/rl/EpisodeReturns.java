package io.popflow.rl;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The returns of an agent's finished episodes that its fitness is made of: the last {@code k} (a
 * window that survives generations) and the mean of those finished in the current generation.
 */
public final class EpisodeReturns {
    final double[] window;
    /** Episodes in the window (at most k), and where the next goes. */
    int count;

    int cursor;
    /** This generation's finished episodes. */
    double generationSum;

    int generationCount;

    public EpisodeReturns(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        window = new double[k];
    }

    public int k() {
        return window.length;
    }

    public void finish(double episodeReturn) {
        window[cursor] = episodeReturn;
        cursor = (cursor + 1) % window.length;
        count = Math.min(count + 1, window.length);
        generationSum += episodeReturn;
        generationCount++;
    }

    public void startGeneration() {
        generationSum = 0;
        generationCount = 0;
    }

    /** Forgets the window (an exploiting agent's fresh start), not the generation's count. */
    public void clearWindow() {
        count = 0;
        cursor = 0;
        Arrays.fill(window, 0);
    }

    public int finished() {
        return count;
    }

    /** Mean of the window; NaN when empty. */
    public double windowMean() {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += window[(cursor - count + i + window.length) % window.length];
        }
        return sum / count;
    }

    public double windowMax() {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, window[(cursor - count + i + window.length) % window.length]);
        }
        return count == 0 ? Double.NaN : max;
    }

    /** Mean return of the episodes finished in this generation; NaN if none. */
    public double generationMean() {
        return generationCount == 0 ? Double.NaN : generationSum / generationCount;
    }

    public int generationEpisodes() {
        return generationCount;
    }

    /**
     * The fitness of the window: its mean; with {@code maxRule} (the seed authors'), the window's
     * maximum when it is full and this generation's mean return is {@code maxReturn}; with no
     * finished episode, {@code inProgress} (the return so far of the running episode).
     */
    public double fitness(boolean maxRule, double maxReturn, double inProgress) {
        if (count == 0) {
            return inProgress;
        }
        if (maxRule && count == window.length && generationMean() == maxReturn) {
            return windowMax();
        }
        return windowMean();
    }

    public EpisodeReturns copy() {
        EpisodeReturns c = new EpisodeReturns(window.length);
        System.arraycopy(window, 0, c.window, 0, window.length);
        c.count = count;
        c.cursor = cursor;
        c.generationSum = generationSum;
        c.generationCount = generationCount;
        return c;
    }

    /** Writes every field; part of the agent state's byte format (AgentStateSerializer). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(window.length);
        for (double r : window) {
            out.writeDouble(r);
        }
        out.writeInt(count);
        out.writeInt(cursor);
        out.writeDouble(generationSum);
        out.writeInt(generationCount);
    }

    /** Reads what {@link #writeTo} wrote. */
    public static EpisodeReturns readFrom(DataInput in) throws IOException {
        EpisodeReturns r = new EpisodeReturns(in.readInt());
        for (int i = 0; i < r.window.length; i++) {
            r.window[i] = in.readDouble();
        }
        r.count = in.readInt();
        r.cursor = in.readInt();
        r.generationSum = in.readDouble();
        r.generationCount = in.readInt();
        return r;
    }
}
