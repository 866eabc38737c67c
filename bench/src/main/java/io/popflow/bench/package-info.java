/**
 * Benchmarks: JMH kernels ({@link io.popflow.bench.KernelBenchmarks}: a popflow gradient step
 * against sgemm and against DL4J; {@link io.popflow.bench.DqnBenchmarks}: a DQN step against the
 * sgemm of its products), and the {@code bench} subcommand ({@link io.popflow.bench.BenchCommand}),
 * which runs them beside pipeline measurements (the Flink job against a framework-free loop, a
 * user's {@code Objective} ({@link io.popflow.bench.QuadraticObjective}) against the built-in task
 * it reimplements, scaling to 10,000 agents, feedback latency on the in-JVM and Kafka edges, an
 * evolution strategy's feedback bytes per generation) and writes each figure with its target to
 * {@code bench.json}. {@link io.popflow.bench.ObjectiveStepBenchmarks}, run by hand with JMH, times
 * the bare step behind the objective figure.
 */
package io.popflow.bench;
