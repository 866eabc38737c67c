/** In-memory data sets, their seeded splits, and the shipped digits set. No Flink here. */
package io.popflow.data;
