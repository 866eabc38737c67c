/**
 * Scoring a run's exported model (an {@code X.onnx} + {@code X.json} pair, see the exporter) with
 * ONNX Runtime, outside Flink: {@code popflow predict} over a CSV file and {@code popflow serve}'s
 * HTTP endpoint, which swaps to a new pair when one is written beside the served one. Input that
 * does not fit the model's columns is refused with one line naming the column and the reason.
 */
package io.popflow.jobs.serving;
