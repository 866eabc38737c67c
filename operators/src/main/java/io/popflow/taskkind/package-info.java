/**
 * The names of the tasks a run can learn ({@link io.popflow.taskkind.TaskKind}). It depends on
 * {@code io.popflow.option} alone, so that the options of {@code task}, {@code rl}, {@code es},
 * {@code config} and the connectors say which tasks they apply to without those packages depending
 * on one another.
 */
package io.popflow.taskkind;
