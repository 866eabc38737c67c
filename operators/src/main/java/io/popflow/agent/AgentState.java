package io.popflow.agent;

import io.popflow.rl.DqnState;
import java.util.Arrays;

/**
 * Everything one agent is, as held in Flink keyed state: weights, optimizer memory, hyperparameters,
 * random stream position and where it is in the generation protocol.
 *
 * <p>A plain mutable record: {@link AgentLifecycle} is the only code that changes it, and
 * {@code io.popflow.flink.AgentStateSerializer} writes every field, so a restored agent continues
 * bit for bit.
 */
public final class AgentState {
    public int id;
    /** SplitMix64 state of the agent's own stream (minibatches, noise, re-initialisation). */
    public long rng;

    public float[] params;
    /** The update rule's memory (SGD's momentum, Adam's moments); empty when it has none. */
    public float[] optimizerMemory;
    /** Steps taken with that memory (Adam's t). */
    public long optimizerSteps;
    /**
     * A reinforcement learner's own memory (target network, replay, environment, returns); null
     * for gradient tasks. Its Q-network and moments are {@link #params} and {@link #optimizerMemory}.
     */
    public DqnState rl;
    /** A user trainable's own state (model, optimizer, counters), or null for popflow's own learners. */
    public TrainableState trainable;

    public double[] hyperparameters;
    public Phase phase;
    /** The generation being trained, or just reported. */
    public int generation;

    public int stepInGeneration;
    /** Fast steps since creation. */
    public long steps;
    /** Sum of this generation's minibatch losses, for the report. */
    public double lossSum;
    /** Sum and count of the fitness measured in this generation's window (window estimator). */
    public double windowSum;

    public int windowCount;
    /** Exponential fitness average (EMA estimator); NaN before the first report. */
    public double fitnessMemory = Double.NaN;

    public boolean diverged;

    /** With {@link Phase#AWAITING_WEIGHTS}: the donor and the h to take with its weights. */
    public int awaitingDonor = -1;

    public double[] pendingHyperparameters;
    /** Weights that arrived before the directive that asks for them. */
    public WeightTransfer earlyTransfer;

    /** Weights to pull toward when the next generation starts (model merging), and how strongly. */
    public float[] pendingMergeTarget;

    public double pendingMergeStrength;

    /**
     * The weights as of the end of {@code outboxGeneration}: kept by a donor to resend after a
     * restore, and in asynchronous mode the weights of the last report, sent on request.
     */
    public int outboxGeneration = -1;

    public float[] outboxParams;
    public float[] outboxOptimizerMemory;
    public long outboxOptimizerSteps;
    public double outboxFitnessMemory = Double.NaN;
    /** A user trainable's saved state as of the report, or null. */
    public byte[] outboxTrainable;

    /** When the decision being applied was emitted (µs since the epoch), and the latency of the last applied one. */
    public long decisionEmittedMicros;

    public long decisionLatencyMicros = -1;

    /** Exactly-once evidence: each directive and each weight copy acts once, resent copies are counted apart. */
    public int directivesApplied;

    public int transfersApplied;
    public int duplicatesIgnored;

    public AgentState copy() {
        AgentState c = new AgentState();
        c.id = id;
        c.rng = rng;
        c.params = params.clone();
        c.optimizerMemory = optimizerMemory.clone();
        c.optimizerSteps = optimizerSteps;
        if (rl != null) {
            c.rl = rl.copy();
            c.rl.q = c.params;
            c.rl.moments = c.optimizerMemory;
        }
        c.trainable = trainable == null ? null : trainable.copy();
        c.hyperparameters = hyperparameters.clone();
        c.phase = phase;
        c.generation = generation;
        c.stepInGeneration = stepInGeneration;
        c.steps = steps;
        c.lossSum = lossSum;
        c.windowSum = windowSum;
        c.windowCount = windowCount;
        c.fitnessMemory = fitnessMemory;
        c.diverged = diverged;
        c.awaitingDonor = awaitingDonor;
        c.pendingHyperparameters = pendingHyperparameters == null ? null : pendingHyperparameters.clone();
        c.earlyTransfer = earlyTransfer;
        c.pendingMergeTarget = pendingMergeTarget == null ? null : pendingMergeTarget.clone();
        c.pendingMergeStrength = pendingMergeStrength;
        c.outboxGeneration = outboxGeneration;
        c.outboxParams = outboxParams == null ? null : outboxParams.clone();
        c.outboxOptimizerMemory = outboxOptimizerMemory == null ? null : outboxOptimizerMemory.clone();
        c.outboxOptimizerSteps = outboxOptimizerSteps;
        c.outboxFitnessMemory = outboxFitnessMemory;
        c.outboxTrainable = outboxTrainable == null ? null : outboxTrainable.clone();
        c.decisionEmittedMicros = decisionEmittedMicros;
        c.decisionLatencyMicros = decisionLatencyMicros;
        c.directivesApplied = directivesApplied;
        c.transfersApplied = transfersApplied;
        c.duplicatesIgnored = duplicatesIgnored;
        return c;
    }

    @Override
    public String toString() {
        return "AgentState{id=" + id + ", phase=" + phase + ", generation=" + generation + ", step=" + stepInGeneration
                + ", h=" + Arrays.toString(hyperparameters) + '}';
    }
}
