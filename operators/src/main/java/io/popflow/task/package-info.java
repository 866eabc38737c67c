/**
 * Learning problems: the digits classifier and the analytic quadratic with its closed-form
 * effective fitness. No Flink here.
 */
package io.popflow.task;
