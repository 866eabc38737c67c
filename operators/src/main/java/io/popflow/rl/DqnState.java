package io.popflow.rl;

import io.popflow.env.Environment;

/**
 * Everything a DQN agent's learner holds between steps, checkpointed with the agent: Q-network and
 * target network, Adam's moments and step count, the replay memory, the environment where it is
 * and the observation the next action answers, and the returns its fitness is made of.
 */
public final class DqnState {
    public float[] q;
    public float[] target;
    /** Adam's m then v, 2 x the parameter count; adamSteps is t of the last step. */
    public float[] moments;
    public long adamSteps;
    public TransitionBuffer replay;
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
}
