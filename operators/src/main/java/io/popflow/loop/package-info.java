/**
 * The population run as a plain loop in one JVM, without Flink: the reference the pipeline is
 * measured against (throughput) and checked against (a synchronous run must end in the same
 * population). No Flink here.
 */
package io.popflow.loop;
