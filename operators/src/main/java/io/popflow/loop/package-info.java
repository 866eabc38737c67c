/**
 * Population runs as plain loops in one JVM, without Flink, on the same agent code as the job
 * ({@code io.popflow.agent.AgentLifecycle}): {@link io.popflow.loop.PlainPopulationLoop} and {@link
 * io.popflow.loop.PlainEsLoop} are the references the pipeline is measured against (throughput) and
 * checked against (a synchronous run must end in the same population, bit for bit), and {@link
 * io.popflow.loop.LineReplay} retrains a run's winner alone along its line of descent. No Flink
 * here.
 */
package io.popflow.loop;
