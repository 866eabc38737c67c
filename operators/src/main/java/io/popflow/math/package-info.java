/**
 * Numerical building blocks with no dependency on Flink: deterministic random streams and summary
 * statistics.
 */
package io.popflow.math;
