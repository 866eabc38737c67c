/**
 * The {@code theory} subcommand's checks: each runs the real population job (on an embedded
 * MiniCluster) or the reduced solver, and compares a measured quantity with its closed form
 * within a stated sampling-error tolerance.
 */
package io.popflow.jobs.theory;
