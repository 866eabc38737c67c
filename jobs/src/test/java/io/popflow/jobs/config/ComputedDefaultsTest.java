package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.popflow.config.CopyPolicy;
import io.popflow.fast.UpdateRule;
import io.popflow.option.Option;
import io.popflow.rl.ClassicControl;
import io.popflow.slow.Domain;
import io.popflow.task.ControlTaskSpec;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.task.TableTaskSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every default the catalog describes in words ("adam for cartpole", "{@code <output>/checkpoints}")
 * is what the loader computes: each such option has a check here that reads a run without the
 * option and compares with the words, and a new described default without a check fails {@link
 * #everyDescribedDefaultHasACheck}.
 */
class ComputedDefaultsTest {
    @TempDir
    Path dir;

    private RunConfig run(String preset, String... sets) {
        var tree = preset == null ? JsonNodeFactory.instance.objectNode() : ConfigLoader.preset(preset);
        tree = PresetsTest.asInTheProjectFolder(ConfigLoader.set(tree, "output=" + dir));
        return ConfigLoader.parse(ConfigLoader.set(tree, sets));
    }

    private final Map<String, Consumer<ComputedDefaultsTest>> checks = new LinkedHashMap<>();

    {
        checks.put("optimizer", t -> {
            // "sgd; adam for cartpole, mountain-car and custom-env"
            assertThat(t.run("digits", "optimizer=null").population().space().rule())
                    .isEqualTo(UpdateRule.SGD);
            assertThat(t.run("cartpole-pbt", "optimizer=null")
                            .population()
                            .space()
                            .rule())
                    .isEqualTo(UpdateRule.ADAM);
            assertThat(t.run("cartpole-pbt", "optimizer=null", "task=mountain-car")
                            .population()
                            .space()
                            .rule())
                    .isEqualTo(UpdateRule.ADAM);
            assertThat(t.run(
                                    "cartpole-pbt",
                                    "optimizer=null",
                                    "task=custom_env",
                                    "environment.class=" + CorridorEnvironment.class.getName())
                            .population()
                            .space()
                            .rule())
                    .isEqualTo(UpdateRule.ADAM);
        });
        checks.put("exploit.optimizer", t -> {
            // "copy for sgd's momentum, reset for adam and adamw"
            assertThat(t.run("digits").population().exploit().optimizer()).isEqualTo(CopyPolicy.Optimizer.COPY);
            for (String rule : new String[] {"adam", "adamw"}) {
                assertThat(t.run("digits", "optimizer=" + rule, "hyperparameters.momentum=null")
                                .population()
                                .exploit()
                                .optimizer())
                        .isEqualTo(CopyPolicy.Optimizer.RESET);
            }
        });
        checks.put("table.label", t -> {
            // "the last column"
            TableTaskSpec table = (TableTaskSpec)
                    t.run("diabetes", "table.label=null").population().task();
            assertThat(table.label()).isEqualTo(table.table().names().length - 1);
        });
        checks.put("landscape.center", t -> {
            // "the origin"
            LandscapeTaskSpec l = (LandscapeTaskSpec) t.run(
                            null,
                            "task=landscape",
                            "landscape.dimension=3",
                            "hyperparam_mutations.lr={min: 0.01, max: 0.1}")
                    .population()
                    .task();
            assertThat(l.center()).containsExactly(0, 0, 0);
        });
        checks.put("strategy.sigma", t -> {
            // "0.02 for openai_es, 0.1 for the others"
            assertThat(t.run("es-digits", "strategy.sigma=null", "strategy.name=openai_es")
                            .population()
                            .strategy()
                            .sigma())
                    .isEqualTo(0.02);
            assertThat(t.run("es-digits", "strategy.name=snes", "strategy.sigma=null")
                            .population()
                            .strategy()
                            .sigma())
                    .isEqualTo(0.1);
            assertThat(t.run("cma-rosenbrock", "strategy.sigma=null")
                            .population()
                            .strategy()
                            .sigma())
                    .isEqualTo(0.1);
        });
        checks.put("strategy.initial_mean", t -> {
            // "the task's weight initialization": no constant mean
            assertThat(t.run("es-digits").population().strategy().hasInitialMean())
                    .isFalse();
        });
        checks.put("mutation.dt", t -> {
            // "selection.strength under boltzmann selection, else 1"
            assertThat(t.run(
                                    "quadratic",
                                    "selection={rule: boltzmann, strength: 3}",
                                    "mutation={kernel: gaussian, diffusion: 0.01}")
                            .population()
                            .mutation()
                            .dt())
                    .isEqualTo(3.0);
            assertThat(t.run("quadratic", "selection=truncation", "mutation={kernel: gaussian, diffusion: 0.01}")
                            .population()
                            .mutation()
                            .dt())
                    .isEqualTo(1.0);
        });
        checks.put("selection.events", t -> {
            // "population"
            assertThat(t.run("quadratic", "selection=moran", "population=12")
                            .population()
                            .selection()
                            .moranEvents())
                    .isEqualTo(12);
        });
        checks.put("hyperparam_mutations.<name>.integer", t -> {
            // "the hyperparameter's own (batch_size is whole)"
            var space = t.run(
                            "digits",
                            "hyperparam_mutations.batch_size={min: 8, max: 64}",
                            "hyperparam_mutations.lr={min: 0.001, max: 0.1}")
                    .population()
                    .space();
            for (int i = 0; i < space.size(); i++) {
                Domain.Interval interval = (Domain.Interval) space.domain(i);
                assertThat(interval.integer()).as(space.names()[i]).isEqualTo(space.names()[i].equals("batch_size"));
            }
        });
        checks.put("hyperparam_mutations.<name>.initial", t -> {
            // "the domain": generation 0 is drawn from the domain, no initial values
            var space = t.run("digits").population().space();
            for (int i = 0; i < space.size(); i++) {
                assertThat(space.initialDomain(i)).isEqualTo(space.domain(i));
            }
        });
        checks.put("hyperparameters.<name>", t -> {
            // "the hyperparameter's default": momentum's is 0, plain SGD
            var space = t.run("digits", "hyperparameters.momentum=null")
                    .population()
                    .space();
            assertThat(space.resolve(new double[space.size()]).fast().momentum())
                    .isZero();
        });
        checks.put("models.every", t -> {
            // "10 in a run with generations: 0, otherwise off"
            assertThat(t.run("digits", "generations=0").population().champion().every())
                    .isEqualTo(10);
            assertThat(t.run("digits").population().champion()).isNull();
        });
        checks.put("environment.max_steps", t -> {
            // "Gymnasium's: 500 for cartpole, 200 for mountain-car; ..."
            assertThat(((ClassicControl) ((ControlTaskSpec) t.run("cartpole-pbt", "environment.max_steps=null")
                                            .population()
                                            .task())
                                    .dqn()
                                    .environment())
                            .maxSteps())
                    .isEqualTo(500);
            assertThat(((ClassicControl) ((ControlTaskSpec)
                                            t.run("cartpole-pbt", "task=mountain-car", "environment.max_steps=null")
                                                    .population()
                                                    .task())
                                    .dqn()
                                    .environment())
                            .maxSteps())
                    .isEqualTo(200);
            // "for custom-env 100000, a backstop"
            assertThat(((ControlTaskSpec) t.run(
                                            "cartpole-pbt",
                                            "task=custom_env",
                                            "environment.class=" + CorridorEnvironment.class.getName(),
                                            "environment.max_steps=null")
                                    .population()
                                    .task())
                            .dqn()
                            .environment()
                            .maxSteps())
                    .isEqualTo(100_000);
        });
        checks.put("checkpoint_dir", t -> {
            // "<output>/checkpoints"
            assertThat(t.run("digits").checkpointDir()).isEqualTo(t.dir.resolve("checkpoints"));
        });
        checks.put("run_id", t -> {
            // "popflow-<task>-<seed>"
            assertThat(t.run("digits", "seed=7").runId()).isEqualTo("popflow-digits-7");
        });
        checks.put("stream.dead_letter_file", t -> {
            // "<output>/dead-letters.jsonl"
            RunConfig streamed = t.run(
                    null,
                    "task=stream",
                    "stream.features=4",
                    "stream.classes=2",
                    "generations=0",
                    "stream.folder=" + t.dir,
                    "hyperparam_mutations.lr={min: 0.01, max: 0.1}");
            assertThat(streamed.folder().deadLetters()).isEqualTo(t.dir.resolve("dead-letters.jsonl"));
        });
    }

    @Test
    void everyDescribedDefaultIsWhatTheLoaderComputes() {
        checks.forEach((key, check) -> check.accept(this));
    }

    @Test
    void everyDescribedDefaultHasACheck() {
        for (Option<?> option : OptionCatalog.ALL) {
            if (option.hasDescribedDefault() && !option.defaultText().startsWith("none")) {
                assertThat(checks)
                        .as("a check of the default of " + option.key() + ": " + option.defaultText())
                        .containsKey(option.key());
            }
        }
    }
}
