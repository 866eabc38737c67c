package io.popflow.rl;

import io.popflow.api.Environment;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Everything a DQN agent's learner holds between steps, checkpointed with the agent: Q-network and
 * target network, Adam's moments and step count, the replay memory, the environment where it is
 * and the observation the next action answers, and the returns its fitness is made of.
 *
 * <p>Inside a population agent, {@code q}, {@code moments} and {@code adamSteps} are views of the
 * agent's own θ, optimizer memory and step count (io.popflow.agent.AgentState owns them), so
 * {@link #writeTo} leaves them out.
 */
public final class DqnState {
    public float[] q;
    public float[] target;
    /** Adam's m then v, 2 x the parameter count; adamSteps is t of the last step. */
    public float[] moments;

    public long adamSteps;
    public TransitionBuffer replay;
    /** Which environment, so that a restored or copied state builds its own instance. */
    public EnvironmentSpec environmentSpec;

    public Environment environment;
    public float[] observation;
    /** Return so far of the running episode. */
    public double episodeReturn;
    /** Environment steps since the agent was created (a copy from a donor keeps the recipient's): ε's clock. */
    public long steps;

    public EpisodeReturns returns;
    /** Sum of this generation's TD losses and how many gradient steps made it. */
    public double lossSum;

    public int gradientSteps;

    /** A deep copy: the networks, memory, environment (at the same point of its episode) and returns. */
    public DqnState copy() {
        DqnState c = new DqnState();
        c.q = q == null ? null : q.clone();
        c.target = target.clone();
        c.moments = moments == null ? null : moments.clone();
        c.adamSteps = adamSteps;
        c.replay = replay.copy();
        c.environmentSpec = environmentSpec;
        c.environment = environmentSpec.create();
        c.environment.restore(environment.snapshot());
        c.observation = observation.clone();
        c.episodeReturn = episodeReturn;
        c.steps = steps;
        c.returns = returns.copy();
        c.lossSum = lossSum;
        c.gradientSteps = gradientSteps;
        return c;
    }

    /**
     * Writes every field but the views (q, moments, adamSteps). Part of the agent state's byte
     * format (AgentStateSerializer): a change here is a new format of it.
     */
    public void writeTo(DataOutput out) throws IOException {
        writeFloats(out, target);
        replay.writeTo(out);
        EnvironmentSpecs.write(environmentSpec, out);
        double[] snapshot = environment.snapshot();
        out.writeInt(snapshot.length);
        for (double v : snapshot) {
            out.writeDouble(v);
        }
        writeFloats(out, observation);
        out.writeDouble(episodeReturn);
        out.writeLong(steps);
        returns.writeTo(out);
        out.writeDouble(lossSum);
        out.writeInt(gradientSteps);
    }

    /** Reads what {@link #writeTo} wrote; the views are bound by their owner. */
    public static DqnState readFrom(DataInput in, int format) throws IOException {
        DqnState d = new DqnState();
        d.target = readFloats(in);
        d.replay = TransitionBuffer.readFrom(in);
        d.environmentSpec = EnvironmentSpecs.read(in, format);
        double[] snapshot = new double[in.readInt()];
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = in.readDouble();
        }
        d.environment = d.environmentSpec.create();
        d.environment.restore(snapshot);
        d.observation = readFloats(in);
        d.episodeReturn = in.readDouble();
        d.steps = in.readLong();
        d.returns = EpisodeReturns.readFrom(in);
        d.lossSum = in.readDouble();
        d.gradientSteps = in.readInt();
        return d;
    }

    private static void writeFloats(DataOutput out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    private static float[] readFloats(DataInput in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }
}
