/**
 * The run's configuration as one typed value, {@link io.popflow.config.PopulationConfig}: the
 * population's size and schedule and the settings of each time scale, each checked by its own
 * constructor so that an invalid configuration cannot be built. No Flink here.
 */
package io.popflow.config;
