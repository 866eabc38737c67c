/**
 * Output handed to code in the same JVM, for analyses and benchmarks of embedded runs: every record
 * with its arrival time ({@link io.popflow.connectors.memory.CollectingSink}), or only when each
 * generation's last report arrived ({@link io.popflow.connectors.memory.GenerationClockSink}).
 */
package io.popflow.connectors.memory;
