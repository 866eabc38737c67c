/**
 * What a run did, drawn: {@link io.popflow.jobs.report.RunReport} makes PNG charts (JFreeChart, in
 * the shared look of {@link io.popflow.jobs.report.Charts}) and one self-contained HTML page from a
 * run folder's JSON Lines files; {@link io.popflow.jobs.report.WinnerLineage} follows the final
 * best agent back through the lineage, and {@link io.popflow.jobs.report.KafkaRunRecords} fetches a
 * cluster run's records from its Kafka topics into a folder to draw them there. It reads files and
 * topics only: no Flink, no job.
 */
package io.popflow.jobs.report;
