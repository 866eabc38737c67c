/**
 * The examples supervised tasks learn from, in memory: a {@link io.popflow.data.Dataset} and its
 * seeded split ({@link io.popflow.data.DatasetSplit}), the shipped digits set ({@link
 * io.popflow.data.DigitsData}), a user's CSV or TSV file read into a {@link io.popflow.data.Table}
 * ({@link io.popflow.data.TableParser}, on Apache Commons CSV) and encoded from its training rows
 * ({@link io.popflow.data.TableEncoding}), and a stream's most recent examples in replay buffers
 * ({@link io.popflow.data.StreamedExamples}). No Flink here.
 */
package io.popflow.data;
