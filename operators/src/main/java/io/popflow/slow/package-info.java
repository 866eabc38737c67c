/**
 * The slow time scale: the population's hyperparameters h move by selection (copying good agents,
 * weights included) and mutation (perturbing h). Pure functions of a generation's fitness table and
 * a random stream. No Flink here.
 */
package io.popflow.slow;
