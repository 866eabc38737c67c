package io.popflow.agent;

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
    /** Momentum buffer; empty when the update rule has none. */
    public float[] velocity;
    public double[] hyperparameters;
    public Phase phase;
    /** The generation being trained, or just reported. */
    public int generation;
    public int stepInGeneration;
    /** Fast steps since creation. */
    public long steps;
    /** Sum of this generation's minibatch losses, for the report. */
    public double lossSum;
    public boolean diverged;

    /** With {@link Phase#AWAITING_WEIGHTS}: the donor and the h to take with its weights. */
    public int awaitingDonor = -1;
    public double[] pendingHyperparameters;
    /** Weights that arrived before the directive that asks for them. */
    public WeightTransfer earlyTransfer;

    /** As a donor: the weights sent at the end of {@code outboxGeneration}, kept to resend after a restore. */
    public int outboxGeneration = -1;
    public int[] outboxRecipients = new int[0];
    public float[] outboxParams;
    public float[] outboxVelocity;

    /** Exactly-once evidence: each directive and each weight copy acts once, resent copies are counted apart. */
    public int directivesApplied;
    public int transfersApplied;
    public int duplicatesIgnored;

    public AgentState copy() {
        AgentState c = new AgentState();
        c.id = id;
        c.rng = rng;
        c.params = params.clone();
        c.velocity = velocity.clone();
        c.hyperparameters = hyperparameters.clone();
        c.phase = phase;
        c.generation = generation;
        c.stepInGeneration = stepInGeneration;
        c.steps = steps;
        c.lossSum = lossSum;
        c.diverged = diverged;
        c.awaitingDonor = awaitingDonor;
        c.pendingHyperparameters = pendingHyperparameters == null ? null : pendingHyperparameters.clone();
        c.earlyTransfer = earlyTransfer;
        c.outboxGeneration = outboxGeneration;
        c.outboxRecipients = outboxRecipients.clone();
        c.outboxParams = outboxParams == null ? null : outboxParams.clone();
        c.outboxVelocity = outboxVelocity == null ? null : outboxVelocity.clone();
        c.directivesApplied = directivesApplied;
        c.transfersApplied = transfersApplied;
        c.duplicatesIgnored = duplicatesIgnored;
        return c;
    }

    @Override
    public String toString() {
        return "AgentState{id=" + id + ", phase=" + phase + ", generation=" + generation
                + ", step=" + stepInGeneration + ", h=" + Arrays.toString(hyperparameters) + '}';
    }
}
