/**
 * A run's configuration as the user writes it: a preset, overlaid by a YAML file, overlaid by
 * {@code --set key=value}, read by {@link io.popflow.jobs.config.ConfigLoader} through every
 * option's declaration ({@link io.popflow.jobs.config.OptionCatalog} gathers them) into a {@link
 * io.popflow.jobs.config.RunConfig}: the validated {@code io.popflow.config.PopulationConfig} and
 * where the run writes (its folder, Kafka, feedback edge, state backend). Any problem is one {@link
 * io.popflow.option.InvalidOptionException} naming the option, with a "did you mean" for a misspelt
 * one; {@link io.popflow.jobs.config.TableInference} reads off a {@code --data} file whether its
 * label makes a classification or a regression.
 *
 * <p>Plain Java but for {@link io.popflow.jobs.config.JobParameters}, which shows the effective
 * configuration in Flink's web UI.
 */
package io.popflow.jobs.config;
