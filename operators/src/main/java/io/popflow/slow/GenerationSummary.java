package io.popflow.slow;

/**
 * The population at the end of one generation: fitness distribution and the mean and variance of
 * every mutable hyperparameter, over healthy agents (a diverged agent counts only in
 * {@code diverged}).
 *
 * @param generation the generation
 * @param population agents reporting
 * @param diverged agents whose fitness is not finite
 * @param agentSteps fast steps taken by the population so far
 * @param bestAgent id of the best agent
 * @param bestFitness its fitness
 * @param bestHyperparameters its h
 * @param fitnessMin smallest fitness
 * @param fitnessQ25 first quartile
 * @param fitnessMedian median
 * @param fitnessQ75 third quartile
 * @param fitnessMax largest fitness
 * @param fitnessMean mean fitness
 * @param hyperparameterNames names of h's entries
 * @param hyperparameterMeans population mean of each entry
 * @param hyperparameterVariances population variance of each entry
 * @param episodeReturnMean control tasks: the mean over agents of each one's mean return of the
 *     episodes it finished in the generation (the seed authors' "raw return"); NaN otherwise
 */
public record GenerationSummary(
        int generation,
        int population,
        int diverged,
        long agentSteps,
        int bestAgent,
        double bestFitness,
        double[] bestHyperparameters,
        double fitnessMin,
        double fitnessQ25,
        double fitnessMedian,
        double fitnessQ75,
        double fitnessMax,
        double fitnessMean,
        String[] hyperparameterNames,
        double[] hyperparameterMeans,
        double[] hyperparameterVariances,
        double episodeReturnMean) {}
