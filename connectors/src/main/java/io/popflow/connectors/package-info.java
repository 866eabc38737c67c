/**
 * Sources and sinks of popflow jobs, one subpackage per medium: {@code file} (local files), {@code
 * kafka}, {@code console} and {@code memory} (collectors in the same JVM); {@code json} writes the
 * output records as JSON, and {@code records} decodes the training records a stream task reads.
 */
package io.popflow.connectors;
