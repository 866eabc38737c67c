/**
 * The run's configuration as one typed value, {@link io.popflow.config.PopulationConfig}: the
 * population's size and schedule, the task, the settings of each time scale and what a copying
 * agent takes besides θ ({@link io.popflow.config.CopyPolicy}), each checked by its own constructor
 * so that an invalid configuration cannot be built. Operators are built from it. No Flink here.
 */
package io.popflow.config;
