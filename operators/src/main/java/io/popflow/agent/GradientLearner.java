package io.popflow.agent;

import io.popflow.config.CopyPolicy;
import io.popflow.data.StreamedExamples;
import io.popflow.fast.HyperparameterValues;
import io.popflow.fast.UpdateRule;
import io.popflow.math.SplitMix64;
import io.popflow.task.Task;

/**
 * Gradient steps on a task's loss: the minibatch gradient from the {@link Task}, then one step of
 * the {@link UpdateRule} (SGD, SGLD, Adam, AdamW). Fitness is the task's validation measurement.
 */
final class GradientLearner implements Learner {
    private final Task task;
    private final UpdateRule rule;
    private final CopyPolicy copy;
    private final float[] gradient;

    GradientLearner(Task task, UpdateRule rule, CopyPolicy copy) {
        this.task = task;
        this.rule = rule;
        this.copy = copy;
        this.gradient = new float[task.dimension()];
    }

    @Override
    public int dimension() {
        return task.dimension();
    }

    @Override
    public void initialize(AgentState s, SplitMix64 rng) {
        if (s.params == null) {
            s.params = new float[task.dimension()];
        }
        task.initialize(s.params, rng);
        s.optimizerMemory = new float[rule.memoryPerWeight() * s.params.length];
        s.optimizerSteps = 0;
    }

    @Override
    public double step(AgentState s, HyperparameterValues h, SplitMix64 rng) {
        double loss = task.lossAndGradient(s.params, gradient, h.fast().batchSize(), h.task(), rng);
        s.optimizerSteps++;
        rule.apply(s.params, gradient, s.optimizerMemory, s.optimizerSteps, h.fast(), rng);
        return loss;
    }

    @Override
    public double currentFitness(AgentState s) {
        return task.fitness(task.validate(s.params));
    }

    @Override
    public GenerationMeasure measure(AgentState s) {
        var validation = task.validate(s.params);
        double trainLoss = s.stepInGeneration == 0 ? Double.NaN : s.lossSum / s.stepInGeneration;
        return new GenerationMeasure(
                task.fitness(validation), trainLoss, validation.loss(), validation.accuracy(), Double.NaN);
    }

    @Override
    public void startGeneration(AgentState s, SplitMix64 rng) {}

    @Override
    public void adopt(AgentState s, WeightTransfer t) {
        s.params = t.params().clone();
        boolean keep = copy.optimizer() == CopyPolicy.Optimizer.COPY;
        s.optimizerMemory = keep ? t.optimizerMemory().clone() : new float[t.optimizerMemory().length];
        s.optimizerSteps = keep ? t.optimizerSteps() : 0;
    }

    @Override
    public TestResult test(AgentState s) {
        return TestResult.of(task.test(s.params));
    }

    @Override
    public double closedFormFitness(HyperparameterValues h) {
        return task.closedFormFitness(h);
    }

    @Override
    public StreamedExamples streamedExamples() {
        return task.streamedExamples();
    }
}
