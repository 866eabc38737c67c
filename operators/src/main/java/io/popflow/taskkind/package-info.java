/**
 * The names of the tasks a run can learn. A leaf package: the task options of {@code task},
 * {@code rl} and the connectors say which tasks they apply to without those packages depending on
 * one another.
 */
package io.popflow.taskkind;
