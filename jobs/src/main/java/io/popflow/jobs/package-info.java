/**
 * The population training job and what a run's configuration makes of it. {@link
 * io.popflow.jobs.PopulationTrainingJob} builds the Flink job graph: the keyed agent trainer (fast
 * time scale), the fitness window and the selection-mutation operator (slow time scale) and the
 * feedback edge between them, with its sinks ({@link io.popflow.jobs.JobSinks}) and edge injected.
 * {@link io.popflow.jobs.JobAssembly} chooses those parts from a {@code RunConfig} (the in-JVM or
 * Kafka edge, file or Kafka sinks, a stream task's input); {@link io.popflow.jobs.EmbeddedCluster}
 * runs job after job on one MiniCluster for the theory checks, experiments and benchmarks; {@link
 * io.popflow.jobs.RunSummary} reads a finished run's folder back into {@code summary.json}.
 *
 * <p>The top of the dependency graph: it uses the operators, the connectors and Flink freely.
 */
package io.popflow.jobs;
