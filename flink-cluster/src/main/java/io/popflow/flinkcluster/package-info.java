/**
 * A real standalone Flink session cluster on this machine, for the {@code Cluster*ITCase} tests, CI
 * and {@code bin/flink-cluster}: {@link io.popflow.flinkcluster.LocalFlinkCluster} starts a
 * JobManager and TaskManagers as child JVMs on 127.0.0.1, with popflow's settings ({@link
 * io.popflow.flinkcluster.PopflowSettings}) and a {@code lib/} of extra jars, and gives the {@code
 * flink} command that submits to it; {@link io.popflow.flinkcluster.FlinkRest} talks to its REST
 * API and {@link io.popflow.flinkcluster.ProcessFootprint} is what a TaskManager holds that a
 * finished job could leak.
 *
 * <p>A launcher, not part of any job: it uses no class of popflow's or Flink's, only names Flink's
 * entry points for the child JVMs, whose classpath (Flink is a {@code provided} dependency) is
 * written into the jar.
 */
package io.popflow.flinkcluster;
