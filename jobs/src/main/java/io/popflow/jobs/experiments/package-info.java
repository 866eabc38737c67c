/**
 * The experiments of docs/experiments.md ({@code popflow experiment NAME}), each a series of real
 * population jobs on the embedded cluster ({@code io.popflow.jobs.EmbeddedCluster}) at a small
 * default size or at {@code --full} size. E1-E4 implement {@link
 * io.popflow.jobs.experiments.Experiment} and write tables (Markdown), charts (PNG, JFreeChart in
 * the look of {@code io.popflow.jobs.report.Charts}) and every run's numbers (JSON): {@link
 * io.popflow.jobs.experiments.LargePopulationExperiment}, {@link
 * io.popflow.jobs.experiments.MultimodalExperiment}, {@link
 * io.popflow.jobs.experiments.EstimatorExperiment}, {@link
 * io.popflow.jobs.experiments.BaselinesExperiment}. {@link
 * io.popflow.jobs.experiments.CartPoleExperiment} is the seed authors' DQN experiment and {@link
 * io.popflow.jobs.experiments.EsExperiments} the evolution strategies', with tables and numbers.
 */
package io.popflow.jobs.experiments;
