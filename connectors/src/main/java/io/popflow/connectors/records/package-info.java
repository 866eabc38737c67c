/**
 * Training records of a stream task as they arrive, whatever carries them (a Kafka value, a line of
 * a watched folder's file: {@link io.popflow.connectors.records.RawRecord}), checked and decoded
 * into examples by {@link io.popflow.connectors.records.ExampleDecoder} against their {@link
 * io.popflow.connectors.records.ExampleFormat}; a refused one becomes a {@link
 * io.popflow.connectors.records.DeadLetter} naming its {@link
 * io.popflow.connectors.records.Rejection} and where it came from. {@link
 * io.popflow.connectors.records.HeldOut} decides which examples are held out for fitness from their
 * position alone, so every subtask agrees.
 *
 * <p>Shared by {@code io.popflow.connectors.kafka} and {@code io.popflow.connectors.file}, and
 * independent of both; only the decoder, a Flink process function with its metrics, uses Flink.
 */
package io.popflow.connectors.records;
