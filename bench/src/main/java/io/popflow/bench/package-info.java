/**
 * Benchmarks: JMH kernels (a popflow gradient step against sgemm and against DL4J), and the
 * {@code bench} subcommand, which runs them beside pipeline measurements (the Flink job against a
 * framework-free loop, scaling to 10,000 agents, feedback latency) and reports ratios.
 */
package io.popflow.bench;
