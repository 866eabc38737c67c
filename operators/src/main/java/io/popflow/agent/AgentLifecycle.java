package io.popflow.agent;

import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.UpdateRule;
import io.popflow.math.SplitMix64;
import io.popflow.model.Evaluation;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.task.Task;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The rules one agent follows, where the two time scales meet.
 *
 * <p>Fast: {@link #train} takes up to a chunk of gradient steps; when the generation's
 * {@code perturbationInterval} steps are done (or θ diverged) the agent reports its fitness and
 * waits. Slow: the generation's {@link Directive} tells it to go on, to donate its weights, to copy
 * a donor's (then it waits for the {@link WeightTransfer}), or to stop.
 *
 * <p>The protocol is idempotent, which is what makes the in-JVM feedback edge exact across a
 * restore (see {@code io.popflow.flink.feedback}): directives and transfers are numbered by
 * generation, a copy of one already acted on is ignored, and a donor keeps the weights it sent until
 * its next directive so that a resent directive makes it send the very same bytes again.
 *
 * <p>Everything random comes from the agent's own stream, stored in its state: a run is a function
 * of its seed, whatever the chunking, scheduling or restarts.
 */
public final class AgentLifecycle {
    private final Task task;
    private final HyperparameterSpace space;
    private final int perturbationInterval;
    private final float[] gradient;

    public AgentLifecycle(Task task, HyperparameterSpace space, int perturbationInterval) {
        if (perturbationInterval < 1) {
            throw new IllegalArgumentException("perturbation_interval must be >= 1");
        }
        this.task = task;
        this.space = space;
        this.perturbationInterval = perturbationInterval;
        this.gradient = new float[task.dimension()];
    }

    /** A new agent at the start of generation 0, with weights drawn from its own stream. */
    public AgentState create(int id, Seed seed, long agentSeed) {
        AgentState s = new AgentState();
        s.id = id;
        s.rng = agentSeed;
        s.params = new float[task.dimension()];
        initializeWeights(s);
        s.hyperparameters = seed.hyperparameters().clone();
        s.phase = Phase.TRAINING;
        s.generation = 0;
        return s;
    }

    /**
     * Takes up to {@code maxSteps} fast steps of the current generation. Returns true while the
     * agent has more steps to take in this generation.
     */
    public boolean train(AgentState s, int maxSteps, AgentEffects effects) {
        if (s.phase != Phase.TRAINING) {
            return false;
        }
        FastHyperparameters h = space.resolve(s.hyperparameters);
        UpdateRule rule = space.rule();
        SplitMix64 rng = new SplitMix64(s.rng);
        int steps = Math.min(maxSteps, perturbationInterval - s.stepInGeneration);
        for (int i = 0; i < steps && !s.diverged; i++) {
            double loss = task.lossAndGradient(s.params, gradient, h.batchSize(), rng);
            rule.apply(s.params, gradient, s.velocity, h, rng);
            s.lossSum += loss;
            s.stepInGeneration++;
            s.steps++;
            s.diverged = !Double.isFinite(loss);
        }
        s.rng = rng.state();
        s.diverged = s.diverged || !allFinite(s.params);
        if (s.diverged || s.stepInGeneration == perturbationInterval) {
            effects.report(endGeneration(s));
            return false;
        }
        return true;
    }

    private AgentReport endGeneration(AgentState s) {
        s.phase = Phase.REPORTED;
        double trainLoss = s.stepInGeneration == 0 ? Double.NaN : s.lossSum / s.stepInGeneration;
        if (s.diverged) {
            return new AgentReport(s.id, s.generation, s.steps, s.hyperparameters.clone(),
                    Double.NaN, trainLoss, Double.NaN, Double.NaN, true);
        }
        Evaluation validation = task.validate(s.params);
        double fitness = task.fitness(validation);
        return new AgentReport(s.id, s.generation, s.steps, s.hyperparameters.clone(), fitness, trainLoss,
                validation.loss(), validation.accuracy(), !Double.isFinite(fitness));
    }

    /** Acts on the generation's directive, once; a resent copy only makes a donor resend. */
    public void onDirective(AgentState s, Directive d, AgentEffects effects) {
        boolean fresh = s.phase == Phase.REPORTED && d.generation() == s.generation;
        if (!fresh) {
            boolean unreported = d.generation() > s.generation
                    || (d.generation() == s.generation && s.phase == Phase.TRAINING);
            if (s.phase != Phase.STOPPED && unreported) {
                throw new IllegalStateException("agent " + s.id + " at generation " + s.generation
                        + " got a directive for generation " + d.generation() + " it has not reported");
            }
            s.duplicatesIgnored++;
            if (d.isDonor() && s.outboxGeneration == d.generation()) {
                sendOutbox(s, effects);
            }
            return;
        }
        s.directivesApplied++;
        if (d.isDonor()) {
            s.outboxGeneration = d.generation();
            s.outboxRecipients = d.sendTo().clone();
            s.outboxParams = s.params.clone();
            s.outboxVelocity = s.velocity.clone();
            sendOutbox(s, effects);
        } else {
            clearOutbox(s);
        }
        if (d.stop()) {
            effects.finish(finalRecord(s, d.evaluateTest()));
            s.phase = Phase.STOPPED;
            clearOutbox(s);
            return;
        }
        if (d.hyperparameters() != null && !space.contains(d.hyperparameters())) {
            throw new IllegalStateException("directive for agent " + s.id + " leaves the hyperparameter space: "
                    + Arrays.toString(d.hyperparameters()));
        }
        if (d.reset()) {
            initializeWeights(s);
            s.hyperparameters = d.hyperparameters().clone();
            startNextGeneration(s);
        } else if (d.copyFrom() >= 0) {
            s.phase = Phase.AWAITING_WEIGHTS;
            s.awaitingDonor = d.copyFrom();
            s.pendingHyperparameters = d.hyperparameters().clone();
            WeightTransfer early = s.earlyTransfer;
            s.earlyTransfer = null;
            if (early != null) {
                onTransfer(s, early, effects);
            }
        } else {
            if (d.hyperparameters() != null) {
                s.hyperparameters = d.hyperparameters().clone();
            }
            startNextGeneration(s);
        }
    }

    /** Takes a donor's weights, once; they may arrive before the directive that asks for them. */
    public void onTransfer(AgentState s, WeightTransfer t, AgentEffects effects) {
        if (s.phase == Phase.AWAITING_WEIGHTS && t.generation() == s.generation && t.donor() == s.awaitingDonor) {
            s.params = t.params().clone();
            s.velocity = t.velocity().clone();
            s.hyperparameters = s.pendingHyperparameters;
            s.pendingHyperparameters = null;
            s.awaitingDonor = -1;
            s.diverged = false;
            s.transfersApplied++;
            startNextGeneration(s);
        } else if (s.phase == Phase.REPORTED && t.generation() == s.generation) {
            s.earlyTransfer = t;
        } else {
            s.duplicatesIgnored++;
        }
    }

    private void startNextGeneration(AgentState s) {
        s.generation++;
        s.stepInGeneration = 0;
        s.lossSum = 0;
        s.phase = Phase.TRAINING;
    }

    private void initializeWeights(AgentState s) {
        SplitMix64 rng = new SplitMix64(s.rng);
        task.initialize(s.params, rng);
        s.rng = rng.state();
        s.velocity = new float[space.rule().usesVelocity() ? s.params.length : 0];
        s.diverged = false;
    }

    private static void sendOutbox(AgentState s, AgentEffects effects) {
        WeightTransfer t = new WeightTransfer(s.outboxGeneration, s.id, s.outboxParams, s.outboxVelocity);
        for (int recipient : s.outboxRecipients) {
            effects.send(recipient, t);
        }
    }

    private static void clearOutbox(AgentState s) {
        s.outboxGeneration = -1;
        s.outboxRecipients = new int[0];
        s.outboxParams = null;
        s.outboxVelocity = null;
    }

    private FinalAgent finalRecord(AgentState s, boolean evaluateTest) {
        Evaluation test = evaluateTest && !s.diverged ? task.test(s.params) : new Evaluation(Double.NaN, Double.NaN);
        double fitness = s.diverged ? Double.NaN : task.fitness(task.validate(s.params));
        return new FinalAgent(s.id, s.generation, s.steps, s.hyperparameters.clone(), fitness, sha256(s.params),
                test.loss(), test.accuracy(), s.directivesApplied, s.transfersApplied, s.duplicatesIgnored);
    }

    private static boolean allFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of the little-endian IEEE-754 bytes of {@code v}. */
    public static String sha256(float[] v) {
        ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(v);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
