package io.popflow.jobs.config;

import io.popflow.config.PopulationConfig;
import java.nio.file.Path;

/**
 * A population run and where it writes.
 *
 * @param population the validated population configuration
 * @param output folder of the JSON Lines outputs and summary.json
 * @param checkpointDir where checkpoints go; null leaves it to the cluster's configuration
 */
public record RunConfig(PopulationConfig population, Path output, Path checkpointDir) {}
