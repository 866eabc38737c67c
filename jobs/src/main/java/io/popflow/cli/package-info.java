/**
 * The {@code popflow} command line (picocli). {@link io.popflow.cli.Popflow} is the main class, of
 * {@code bin/popflow} and of the job jar that {@code flink run} submits; beside it, one class per
 * subcommand ({@code train}, {@code theory}, {@code experiment}, {@code options}, {@code report},
 * {@code replay}, {@code export}, {@code predict}, {@code serve}; {@code bench} when the bench
 * module is on the class path). The commands parse their arguments and hand the work to the {@code
 * io.popflow.jobs} packages ({@link io.popflow.cli.RunDefinition} is what {@code train}'s flags
 * describe); invalid input of any kind ends with one line and exit code 2 before a
 * job starts.
 */
package io.popflow.cli;
