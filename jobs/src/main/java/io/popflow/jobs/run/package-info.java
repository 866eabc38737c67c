/**
 * What the command line does around one run's job: its output folder ({@link
 * io.popflow.jobs.run.RunFolder}) and the savepoints and checkpoints in it ({@link
 * io.popflow.jobs.run.RunSnapshots}), the Flink configuration it runs with ({@link
 * io.popflow.jobs.run.FlinkSettings}), the limits of this JVM checked before a local run starts
 * ({@link io.popflow.jobs.run.LocalLimits}), Ctrl-C as a stop with a savepoint ({@link
 * io.popflow.jobs.run.GracefulStop}), the agents of a savepoint read with Flink's State Processor
 * API ({@link io.popflow.jobs.run.SavepointAgents}), and the end of a run ({@link
 * io.popflow.jobs.run.RunEnd}: a summary, or the command that resumes it). Helpers the other
 * commands share (JSON Lines, file errors in words, plurals) live here too, and how a run's files
 * survive a JVM halted at any instant of writing them (a second Ctrl-C): the files replaced whole
 * ({@link io.popflow.jobs.run.AtomicFiles}), the torn last line an appender cuts ({@link
 * io.popflow.jobs.run.JsonLines#cutTornTail}), and a file that does not parse named in one line
 * ({@link io.popflow.jobs.run.DamagedFileException}, read by {@link io.popflow.jobs.run.JsonLines}
 * and {@link io.popflow.jobs.run.JsonDocument}).
 */
package io.popflow.jobs.run;
