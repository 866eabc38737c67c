/** Neural network models on ND4J with parameters in one flat vector. No Flink here. */
package io.popflow.model;
