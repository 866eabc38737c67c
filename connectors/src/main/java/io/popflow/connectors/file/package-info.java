/**
 * Local files: exactly-once JSON Lines sinks in a run's output folder, the embedded default's
 * outputs ({@link io.popflow.connectors.file.JsonLinesFileSink}, one writer that cuts its file back
 * to the checkpointed length on a restore), and training examples from the files of a watched
 * folder ({@link io.popflow.connectors.file.FolderExampleInput}), checked by the same decoder as
 * Kafka records, with refused lines in a dead-letter file.
 */
package io.popflow.connectors.file;
