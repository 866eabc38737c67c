/**
 * Scoring a run's exported model (an {@code X.onnx} + {@code X.json} pair, see the exporter) with
 * ONNX Runtime, outside Flink: {@code popflow predict} over a CSV file ({@link
 * io.popflow.jobs.serving.BatchPrediction}) and {@code popflow serve}'s HTTP endpoint ({@link
 * io.popflow.jobs.serving.ModelServer}), which swaps to a new pair when one is written beside the
 * served one, or, with {@code --kafka}, when a new champion arrives on the run's topic of models
 * ({@link io.popflow.jobs.serving.KafkaModelFeed}). Input that does not fit the model's columns is
 * refused with one line naming the column and the reason ({@link
 * io.popflow.jobs.serving.RefusedInputException}).
 */
package io.popflow.jobs.serving;
