package io.popflow.agent;

import io.popflow.config.PopulationConfig;
import io.popflow.fast.HyperparameterValues;
import io.popflow.math.SplitMix64;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.FitnessEstimator;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.ModelMerge;
import io.popflow.task.Task;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongSupplier;

/**
 * The rules one agent follows, where the two time scales meet.
 *
 * <p>Fast: {@link #train} takes up to a chunk of the {@link Learner}'s steps (gradient steps, or a
 * DQN agent's environment and learning steps); when the generation's
 * {@code perturbationInterval} steps are done (or θ diverged) the agent estimates its fitness,
 * reports, and waits. Slow: the generation's {@link Directive} tells it to go on (maybe with a new
 * h), to donate its weights, to copy a donor's (then it waits for the {@link WeightTransfer}), to
 * merge toward the elite's weights, or to stop.
 *
 * <p>The protocol is idempotent, which is what makes the in-JVM feedback edge exact across a
 * restore (see {@code io.popflow.flink.feedback}): directives and transfers are numbered by
 * generation, a copy of one already acted on is ignored, and a donor keeps the weights it sent
 * until its next directive so that a resent directive makes it send the very same bytes again. In
 * asynchronous mode an agent keeps the weights of its last report instead, and sends them when a
 * {@link WeightRequest} asks.
 *
 * <p>In an evolution-strategy run an agent is a member: it takes its weights from the subtask's
 * {@link MemberSource} at creation and on each {@link Directive.Sample}, trains {@code inner_steps}
 * steps from them, reports its fitness, and at the end takes the distribution's mean.
 *
 * <p>Everything random comes from the agent's own stream, stored in its state: a run is a function
 * of its seed, whatever the chunking, scheduling or restarts.
 */
public final class AgentLifecycle {
    private final Learner learner;
    private final HyperparameterSpace space;
    private final int interval;
    private final FitnessEstimate estimate;
    private final boolean reportWeights;
    private final boolean asynchronous;
    private final LongSupplier clockMicros;
    /** An evolution strategy's members; null in a run of selection and mutation. */
    private MemberSource members;

    /** The rules of {@code config} for its agents, with a learner of its own, timing feedback with the wall clock. */
    public AgentLifecycle(PopulationConfig config) {
        this(Learner.of(config), config, WallClock::micros);
    }

    /** Agents of a gradient task's instance {@code task} (tests build tasks by hand). */
    public AgentLifecycle(Task task, PopulationConfig config) {
        this(new GradientLearner(task, config.space().rule(), config.exploit()), config, WallClock::micros);
    }

    /** As above, with {@code learner} and {@code clockMicros} for the feedback latency (µs since the epoch). */
    public AgentLifecycle(Learner learner, PopulationConfig config, LongSupplier clockMicros) {
        this.learner = learner;
        this.space = config.space();
        this.interval = config.perturbationInterval();
        this.estimate = config.fitness();
        // merging averages the reported weights; Lamarckian inheritance tells the trained members
        // the champion's weights ride in its report, so that the slow operator that chooses it can publish them
        this.reportWeights = config.merge().isOn() || config.strategy().isLamarckian() || config.champion() != null;
        this.asynchronous = config.asynchronous();
        this.clockMicros = clockMicros;
    }

    /** Agents take their weights from {@code source} (an evolution-strategy run). */
    public AgentLifecycle withMembers(MemberSource source) {
        this.members = source;
        return this;
    }

    /** The learner this lifecycle drives (one per thread). */
    public Learner learner() {
        return learner;
    }

    /** A new agent at the start of generation 0, with weights drawn from its own stream. */
    public AgentState create(int id, InitialHyperparameters seed, long agentSeed) {
        AgentState s = new AgentState();
        s.id = id;
        s.rng = agentSeed;
        initializeWeights(s);
        if (members != null) {
            becomeMember(s, members.member(0, id));
        }
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
        HyperparameterValues h = space.resolve(s.hyperparameters);
        SplitMix64 rng = new SplitMix64(s.rng);
        int windowStart = interval - estimate.windowSteps(interval);
        boolean window = estimate.estimator() == FitnessEstimator.WINDOW;
        int steps = Math.min(maxSteps, interval - s.stepInGeneration);
        for (int i = 0; i < steps && !s.diverged; i++) {
            double loss = learner.step(s, h, rng);
            s.lossSum += loss;
            s.stepInGeneration++;
            s.steps++;
            s.diverged = !Double.isFinite(loss);
            if (window && s.stepInGeneration > windowStart && (interval - s.stepInGeneration) % estimate.every() == 0) {
                s.windowSum += learner.currentFitness(s);
                s.windowCount++;
            }
        }
        s.rng = rng.state();
        s.diverged = s.diverged || !allFinite(s.params);
        if (s.diverged || s.stepInGeneration == interval) {
            effects.report(endGeneration(s, h));
            return false;
        }
        return true;
    }

    private AgentReport endGeneration(AgentState s, HyperparameterValues h) {
        s.phase = Phase.REPORTED;
        double trainLoss = s.stepInGeneration == 0 ? Double.NaN : s.lossSum / s.stepInGeneration;
        double trueFitness = learner.closedFormFitness(h);
        if (asynchronous) {
            keepReportedWeights(s);
        }
        if (s.diverged) {
            s.fitnessMemory = Double.NaN;
            return new AgentReport(
                    s.id,
                    s.generation,
                    s.steps,
                    s.hyperparameters.clone(),
                    Double.NaN,
                    Double.NaN,
                    trueFitness,
                    trainLoss,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    true,
                    null,
                    s.decisionLatencyMicros,
                    s.rng);
        }
        GenerationMeasure measure = learner.measure(s);
        double raw = measure.fitness();
        double estimated = switch (estimate.estimator()) {
            case LAST, POPULATION -> raw;
            case WINDOW -> s.windowCount == 0 ? raw : s.windowSum / s.windowCount;
            case EMA ->
                s.fitnessMemory = Double.isNaN(s.fitnessMemory)
                        ? raw
                        : estimate.emaWeight() * s.fitnessMemory + (1 - estimate.emaWeight()) * raw;
            case CLOSED_FORM -> trueFitness;
        };
        return new AgentReport(
                s.id,
                s.generation,
                s.steps,
                s.hyperparameters.clone(),
                estimated,
                raw,
                trueFitness,
                measure.trainLoss(),
                measure.validationLoss(),
                measure.validationAccuracy(),
                measure.episodeReturn(),
                !Double.isFinite(estimated),
                reportWeights ? s.params.clone() : null,
                s.decisionLatencyMicros,
                s.rng);
    }

    /** Acts on the generation's directive, once; a resent copy only makes a donor resend. */
    public void onDirective(AgentState s, Directive d, AgentEffects effects) {
        onDirective(s, d, 0, effects);
    }

    /**
     * As above, for a directive whose decision was emitted at {@code emittedMicros} (0 if unknown),
     * from which the agent measures the feedback latency.
     */
    public void onDirective(AgentState s, Directive d, long emittedMicros, AgentEffects effects) {
        boolean fresh = s.phase == Phase.REPORTED && d.generation() == s.generation;
        if (!fresh) {
            boolean unreported =
                    d.generation() > s.generation || (d.generation() == s.generation && s.phase == Phase.TRAINING);
            if (s.phase != Phase.STOPPED && unreported) {
                throw new IllegalStateException("agent " + s.id + " at generation " + s.generation
                        + " got a directive for generation " + d.generation() + " it has not reported");
            }
            s.duplicatesIgnored++;
            if (d.isDonor() && s.outboxGeneration == d.generation()) {
                sendOutbox(s, d.sendTo(), d.generation(), effects);
            }
            return;
        }
        s.directivesApplied++;
        s.decisionEmittedMicros = emittedMicros;
        if (d.isDonor()) {
            keepReportedWeights(s);
            sendOutbox(s, d.sendTo(), d.generation(), effects);
        } else if (!asynchronous) {
            clearOutbox(s);
        }
        if (d.action() instanceof Directive.TakeMean mean) {
            becomeMember(s, requireMembers(d).mean(d.generation() + 1));
            stop(s, mean.evaluateTest(), effects);
            return;
        }
        if (d.action() instanceof Directive.Stop stop) {
            stop(s, stop.evaluateTest(), effects);
            return;
        }
        if (d.action() instanceof Directive.Sample) {
            becomeMember(s, requireMembers(d).member(d.generation() + 1, s.id));
            startNextGeneration(s);
            return;
        }
        double[] newH = d.newHyperparameters();
        if (newH != null && !space.contains(newH)) {
            throw new IllegalStateException(
                    "directive for agent " + s.id + " leaves the hyperparameter space: " + Arrays.toString(newH));
        }
        s.pendingMergeTarget = d.merge().isOn() ? d.merge().target() : null;
        s.pendingMergeStrength = d.merge().strength();
        if (d.action() instanceof Directive.Reset) {
            initializeWeights(s);
            s.fitnessMemory = Double.NaN;
            s.hyperparameters = newH.clone();
            startNextGeneration(s);
        } else if (d.action() instanceof Directive.Copy copy) {
            s.phase = Phase.AWAITING_WEIGHTS;
            s.awaitingDonor = copy.donor();
            s.pendingHyperparameters = newH.clone();
            WeightTransfer early = s.earlyTransfer;
            s.earlyTransfer = null;
            if (early != null) {
                onTransfer(s, early, effects);
            }
        } else {
            if (newH != null) {
                s.hyperparameters = newH.clone();
            }
            startNextGeneration(s);
        }
    }

    /** Takes a donor's weights, once; they may arrive before the directive that asks for them. */
    public void onTransfer(AgentState s, WeightTransfer t, AgentEffects effects) {
        if (s.phase == Phase.AWAITING_WEIGHTS && t.generation() == s.generation && t.donor() == s.awaitingDonor) {
            learner.adopt(s, t);
            s.fitnessMemory = t.fitnessMemory();
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

    /** Asynchronous mode: answers a recipient with the weights of this agent's last report. */
    public void onWeightRequest(AgentState s, WeightRequest request, AgentEffects effects) {
        if (s.outboxParams == null) {
            throw new IllegalStateException("agent " + s.id + " was asked for weights before its first report");
        }
        sendOutbox(s, new int[] {request.recipient()}, request.generation(), effects);
    }

    private void stop(AgentState s, boolean evaluateTest, AgentEffects effects) {
        FinalAgent last = finalRecord(s, evaluateTest);
        effects.finish(last);
        effects.finalWeights(new AgentWeights(
                s.id, s.generation, last.fitness(), s.hyperparameters.clone(), s.params.clone(), s.rng));
        s.phase = Phase.STOPPED;
        if (!asynchronous) {
            clearOutbox(s);
        }
    }

    private MemberSource requireMembers(Directive d) {
        if (members == null) {
            throw new IllegalStateException("agent got " + d.action() + " in a run without an evolution strategy");
        }
        return members;
    }

    /** θ becomes {@code weights}, with fresh optimizer memory (and, for a DQN agent, target network). */
    private void becomeMember(AgentState s, float[] weights) {
        learner.adopt(
                s, new WeightTransfer(s.generation, -1, weights, new float[s.optimizerMemory.length], 0, Double.NaN));
        s.diverged = false;
    }

    private void startNextGeneration(AgentState s) {
        s.decisionLatencyMicros = s.decisionEmittedMicros > 0 ? clockMicros.getAsLong() - s.decisionEmittedMicros : -1;
        if (s.pendingMergeTarget != null) {
            ModelMerge.pull(s.params, s.pendingMergeTarget, s.pendingMergeStrength);
        }
        s.pendingMergeTarget = null;
        s.pendingMergeStrength = 0;
        s.generation++;
        s.stepInGeneration = 0;
        s.lossSum = 0;
        s.windowSum = 0;
        s.windowCount = 0;
        SplitMix64 rng = new SplitMix64(s.rng);
        learner.startGeneration(s, rng);
        s.rng = rng.state();
        s.phase = Phase.TRAINING;
    }

    private void initializeWeights(AgentState s) {
        SplitMix64 rng = new SplitMix64(s.rng);
        learner.initialize(s, rng);
        s.rng = rng.state();
        s.diverged = false;
    }

    /** Keeps the weights as of now (the end of the reported generation) for sending. */
    private static void keepReportedWeights(AgentState s) {
        s.outboxGeneration = s.generation;
        s.outboxParams = s.params.clone();
        s.outboxOptimizerMemory = s.optimizerMemory.clone();
        s.outboxOptimizerSteps = s.optimizerSteps;
        s.outboxFitnessMemory = s.fitnessMemory;
        s.outboxTrainable = s.trainable == null ? null : s.trainable.saved();
    }

    /** Sends the kept weights to {@code recipients}, numbered {@code generation}. */
    private static void sendOutbox(AgentState s, int[] recipients, int generation, AgentEffects effects) {
        WeightTransfer t = new WeightTransfer(
                generation,
                s.id,
                s.outboxParams,
                s.outboxOptimizerMemory,
                s.outboxOptimizerSteps,
                s.outboxFitnessMemory,
                s.outboxTrainable);
        for (int recipient : recipients) {
            effects.send(recipient, t);
        }
    }

    private static void clearOutbox(AgentState s) {
        s.outboxGeneration = -1;
        s.outboxParams = null;
        s.outboxOptimizerMemory = null;
        s.outboxOptimizerSteps = 0;
        s.outboxFitnessMemory = Double.NaN;
        s.outboxTrainable = null;
    }

    /**
     * The final record of {@code s}: its validation fitness, θ digest and counters, and with {@code
     * evaluateTest} its test-set performance. Also what a stopped run reports for each agent of its savepoint.
     */
    public FinalAgent finalRecord(AgentState s, boolean evaluateTest) {
        Learner.TestResult test = evaluateTest && !s.diverged ? learner.test(s) : Learner.TestResult.NONE;
        double fitness = s.diverged ? Double.NaN : learner.currentFitness(s);
        return new FinalAgent(
                s.id,
                s.generation,
                s.steps,
                s.hyperparameters.clone(),
                fitness,
                s.trainable == null ? sha256(s.params) : sha256(s.trainable.saved()),
                test.loss(),
                test.accuracy(),
                test.episodeReturn(),
                test.meanAbsoluteError(),
                test.r2(),
                s.directivesApplied,
                s.transfersApplied,
                s.duplicatesIgnored);
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
        return sha256(bytes.array());
    }

    /** SHA-256 of {@code bytes}: a user trainable's digest is that of its saved state. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
