/** Exactly-once JSON Lines files in a local output folder: the embedded default's sinks. */
package io.popflow.connectors.file;
