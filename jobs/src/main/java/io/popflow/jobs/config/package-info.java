/**
 * A run's configuration as the user writes it: a preset, overlaid by a YAML file, overlaid by
 * {@code --set key=value}, read by {@link io.popflow.jobs.config.ConfigLoader} into a {@link
 * io.popflow.jobs.config.RunConfig}: the validated {@code io.popflow.config.PopulationConfig} and
 * where the run writes (its folder, Kafka, feedback edge, state backend). The loader is a
 * composition: each settings type reads its own section ({@code SelectionSettings.from} and the
 * like, through {@link io.popflow.jobs.config.OptionTree}), each task kind is read by the reader
 * {@link io.popflow.jobs.config.TaskReaders} registers, and the presets are the files of one
 * resource folder ({@link io.popflow.jobs.config.Presets}); {@link
 * io.popflow.jobs.config.OptionCatalog} gathers every declaration for {@code popflow options}. Any problem is one {@link
 * io.popflow.option.InvalidOptionException} naming the option, with a "did you mean" for a misspelt
 * one; {@link io.popflow.jobs.config.TableInference} reads off a {@code --data} file whether its
 * label makes a classification or a regression.
 *
 * <p>Plain Java but for {@link io.popflow.jobs.config.JobParameters}, which shows the effective
 * configuration in Flink's web UI.
 */
package io.popflow.jobs.config;
