/**
 * {@code popflow replay}: {@link io.popflow.jobs.replay.WinnerReplay} retrains a finished run's
 * final best agent alone along its line of descent, from what the run logged (its configuration,
 * each report's h and random-stream position, the lineage), with the same agent code the job runs
 * ({@code io.popflow.loop.LineReplay}), and writes the replayed line beside the run's and the
 * verdict: a synchronous run's winner comes out bit for bit. Outside Flink: no job is started.
 */
package io.popflow.jobs.replay;
