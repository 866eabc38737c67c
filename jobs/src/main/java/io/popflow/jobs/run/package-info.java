/**
 * What the command line does around one run's job: its output folder ({@link
 * io.popflow.jobs.run.RunFolder}) and the savepoints and checkpoints in it ({@link
 * io.popflow.jobs.run.RunSnapshots}), the Flink configuration it runs with ({@link
 * io.popflow.jobs.run.FlinkSettings}), the limits of this JVM checked before a local run starts
 * ({@link io.popflow.jobs.run.LocalLimits}), Ctrl-C as a stop with a savepoint ({@link
 * io.popflow.jobs.run.GracefulStop}), the agents of a savepoint read with Flink's State Processor
 * API ({@link io.popflow.jobs.run.SavepointAgents}), and the end of a run ({@link
 * io.popflow.jobs.run.RunEnd}: a summary, or the command that resumes it). Helpers the other
 * commands share (JSON Lines, file errors in words, plurals) live here too.
 */
package io.popflow.jobs.run;
