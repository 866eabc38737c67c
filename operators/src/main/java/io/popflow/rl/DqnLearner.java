package io.popflow.rl;

import io.popflow.api.Environment;
import io.popflow.fast.Adam;
import io.popflow.model.JavaMlp;
import io.popflow.model.MlpArchitecture;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * DQN (Mnih et al. 2015) as one agent's fast dynamics: every call of {@link #step} takes one
 * environment step with an ε-greedy action, stores the transition, and, once the replay memory
 * holds a batch, takes one Adam step on the TD loss against r + γ(1 − terminated)·max_a' Q_target(s', a').
 * A truncated episode still bootstraps (its last state has a value); only termination stops it.
 *
 * <p>One instance per task thread (it owns the network's scratch buffers); the agent's own state
 * is a {@link DqnState} and its randomness the agent's stream, passed in.
 */
public final class DqnLearner {
    private final DqnSettings settings;
    private final MlpArchitecture arch;
    private final int observationSize;
    private final int actions;
    private final JavaMlp net;
    private final float[] gradient;
    private final int[] slots;
    private final float[] targets;
    private final float[] next;

    public DqnLearner(DqnSettings settings) {
        this.settings = settings;
        Environment probe = settings.environment().create();
        this.observationSize = probe.observationSize();
        this.actions = probe.actions();
        this.arch = settings.architecture(observationSize, actions);
        this.net = new JavaMlp(arch, settings.maxBatch());
        this.gradient = new float[arch.parameterCount()];
        this.slots = new int[settings.maxBatch()];
        this.targets = new float[settings.maxBatch()];
        this.next = new float[observationSize];
    }

    public MlpArchitecture architecture() {
        return arch;
    }

    public DqnSettings settings() {
        return settings;
    }

    /**
     * A new agent: Q-network drawn as PyTorch draws an {@code nn.Linear} (weights and biases uniform
     * in ±1/sqrt(fan_in)), the target its copy, fresh optimizer and memory, and a first episode.
     */
    public DqnState create(RandomGenerator rng, int k) {
        DqnState s = new DqnState();
        s.q = new float[arch.parameterCount()];
        initialize(arch, s.q, rng);
        s.target = s.q.clone();
        s.moments = new float[2 * s.q.length];
        s.replay = new TransitionBuffer(settings.replayCapacity(), observationSize);
        s.environmentSpec = settings.environment();
        s.environment = settings.environment().create();
        s.returns = new EpisodeReturns(k);
        startEpisode(s, rng);
        return s;
    }

    /** PyTorch's default {@code nn.Linear} initialisation, layer by layer. */
    static void initialize(MlpArchitecture arch, float[] params, RandomGenerator rng) {
        for (int l = 0; l < arch.layers(); l++) {
            int n = arch.inputs(l);
            double bound = 1 / Math.sqrt(n);
            int offset = arch.offset(l);
            int count = arch.outputs(l) * (n + 1);
            for (int i = 0; i < count; i++) {
                params[offset + i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
    }

    /** Drops the running episode (its return is never counted) and starts a new one. */
    public void startEpisode(DqnState s, RandomGenerator rng) {
        s.observation = toFloat(s.environment.reset(rng), new float[observationSize]);
        s.episodeReturn = 0;
    }

    /** ε after {@code steps} steps: ε_min + (1 − ε_min)·exp(−steps/ε_decay). */
    public double epsilon(long steps, double epsilonDecay) {
        return settings.epsilonMin() + (1 - settings.epsilonMin()) * Math.exp(-steps / epsilonDecay);
    }

    /** The action of largest Q for {@code observation} (the first on ties). */
    public int greedyAction(float[] q, float[] observation) {
        System.arraycopy(observation, 0, net.input(), 0, observationSize);
        float[] values = net.forward(q, 1);
        int best = 0;
        for (int a = 1; a < actions; a++) {
            if (values[a] > values[best]) {
                best = a;
            }
        }
        return best;
    }

    /**
     * One environment step and, once the memory holds {@code batchSize} transitions, one gradient
     * step. Returns whether the step ended an episode.
     */
    public boolean step(
            DqnState s, double lr, double epsilonDecay, int batchSize, double weightDecay, RandomGenerator rng) {
        if (batchSize < 1 || batchSize > settings.maxBatch()) {
            throw new IllegalArgumentException("batch_size " + batchSize + " outside 1.." + settings.maxBatch());
        }
        double epsilon = epsilon(s.steps, epsilonDecay);
        int action = rng.nextDouble() < epsilon ? rng.nextInt(actions) : greedyAction(s.q, s.observation);
        Environment.Step result = s.environment.step(action);
        toFloat(result.observation(), next);
        s.replay.add(s.observation, action, result.reward(), next, result.terminated());
        s.steps++;
        s.episodeReturn += result.reward();
        if (s.replay.size() >= batchSize) {
            s.lossSum += learn(s, lr, batchSize, weightDecay, rng);
            s.gradientSteps++;
        }
        if (s.steps % settings.targetUpdate() == 0) {
            System.arraycopy(s.q, 0, s.target, 0, s.q.length);
        }
        if (result.done()) {
            s.returns.finish(s.episodeReturn);
            startEpisode(s, rng);
            return true;
        }
        System.arraycopy(next, 0, s.observation, 0, observationSize);
        return false;
    }

    /** One Adam step on a uniform sample of the memory; returns the batch's mean TD loss. */
    public double learn(DqnState s, double lr, int b, double weightDecay, RandomGenerator rng) {
        TransitionBuffer replay = s.replay;
        replay.sample(b, slots, rng);
        float[] input = net.input();
        for (int j = 0; j < b; j++) {
            replay.nextObservation(slots[j], input, j * observationSize);
        }
        float[] nextValues = net.forward(s.target, b);
        float gamma = (float) settings.gamma();
        for (int j = 0; j < b; j++) {
            int slot = slots[j];
            float max = nextValues[j * actions];
            for (int a = 1; a < actions; a++) {
                max = Math.max(max, nextValues[j * actions + a]);
            }
            targets[j] = replay.terminated(slot) ? replay.reward(slot) : replay.reward(slot) + gamma * max;
        }
        for (int j = 0; j < b; j++) {
            replay.observation(slots[j], input, j * observationSize);
        }
        float[] values = net.forward(s.q, b);
        float[] dOut = net.outputGradient();
        Arrays.fill(dOut, 0, b * actions, 0f);
        double loss = 0;
        TdLoss tdLoss = settings.loss();
        for (int j = 0; j < b; j++) {
            int at = j * actions + replay.action(slots[j]);
            double delta = values[at] - targets[j];
            loss += tdLoss.value(delta);
            dOut[at] = (float) (tdLoss.derivative(delta) / b);
        }
        Arrays.fill(gradient, 0f);
        net.backward(s.q, gradient);
        s.adamSteps++;
        Adam.step(s.q, gradient, s.moments, s.adamSteps, lr, weightDecay, settings.decoupledWeightDecay());
        return loss / b;
    }

    /**
     * Floating-point operations of one gradient step at batch {@code b} (2 per multiply-add): the
     * target network's and the Q-network's forward passes, the gradient of every layer's matrix, and
     * the gradient of every layer's input but the first.
     */
    public long flopsPerGradientStep(int b) {
        long macs = 0;
        for (int l = 0; l < arch.layers(); l++) {
            long layer = (long) b * arch.outputs(l) * (arch.inputs(l) + 1);
            macs += 3 * layer;
            if (l > 0) {
                macs += (long) b * arch.outputs(l) * arch.inputs(l);
            }
        }
        return 2 * macs;
    }

    private static float[] toFloat(double[] in, float[] out) {
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) in[i];
        }
        return out;
    }
}
