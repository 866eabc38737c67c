package io.popflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.connectors.records.ExampleFormat;
import io.popflow.es.StrategySettings;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.option.Variant;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.taskkind.TaskKind;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every declared option: the catalog lists it, and the loader accepts it for every kind it
 * applies to and refuses it, with the one line naming the kind, for every kind it does not.
 */
class OptionApplicabilityTest {
    /** Values for the options whose declaration has no default to set them to. */
    private static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("strategy.sigma", "0.1"),
            Map.entry("strategy.initial_mean", "0"),
            Map.entry("mutation.dt", "0.5"),
            Map.entry("mutation.strength", "0.1"),
            Map.entry("mutation.class", HalvingExplorer.class.getName()),
            Map.entry("selection.events", "4"),
            Map.entry("environment.max_steps", "100"),
            Map.entry("landscape.center", "[0.5]"),
            Map.entry("table.label", "progression"),
            Map.entry("table.target", "regression"),
            Map.entry("stream.features", "64"),
            Map.entry("stream.classes", "10"),
            Map.entry("objective.class", SphereObjective.class.getName()),
            Map.entry("environment.class", CorridorEnvironment.class.getName()),
            Map.entry("trainable.class", io.popflow.jobs.custom.NoisyQuadratic.class.getName()),
            Map.entry("custom.options", "{scale: 2}"));

    /** What an option replaces in the bases, unset before it is set. */
    private static final Map<String, String> COMPANIONS =
            Map.of("mutation.strength", "mutation.diffusion=null", "landscape.dimension", "landscape.center=null");

    @TempDir
    static Path dir;

    private static Path folder;

    @BeforeAll
    static void folders() throws IOException {
        folder = Files.createDirectories(dir.resolve("examples"));
    }

    @Test
    void everyDeclaredOptionIsInTheCatalog() throws Exception {
        Set<String> declared = new TreeSet<>();
        for (Class<?> owner : List.of(Option.class, ExampleFormat.class, OptionCatalog.class)) {
            for (Class<?> c : classesBeside(owner)) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) && f.getType() == Option.class) {
                        f.setAccessible(true);
                        declared.add(((Option<?>) f.get(null)).key());
                    }
                }
            }
        }
        assertThat(declared).as("options declared in popflow's classes").hasSizeGreaterThan(80);
        Set<String> listed =
                new TreeSet<>(OptionCatalog.ALL.stream().map(Option::key).toList());
        assertThat(listed).containsAll(declared);
    }

    @Test
    void eachOptionIsAcceptedWhereItAppliesAndRefusedByNameWhereItDoesNot() {
        int accepted = 0;
        int refused = 0;
        for (Option<?> o : OptionCatalog.ALL) {
            for (String family : families(o)) {
                for (Variant kind : kindsOf(o, family)) {
                    Map<String, Variant> run = applicableKinds(o);
                    run.put(family, kind);
                    ObjectNode tree = ConfigLoader.set(
                            base(run), COMPANIONS.getOrDefault(o.key(), "output=unused"), o.key() + "=" + sample(o));
                    // data.fitness is declared by digits and by stream: the key applies if either does
                    if (OptionCatalog.appliesUnder(o.key(), List.of(kind))) {
                        assertThatCode(() -> ConfigLoader.parse(tree))
                                .as(o.key() + " under " + family + " " + kind.label())
                                .doesNotThrowAnyException();
                        accepted++;
                    } else {
                        Throwable refusal = catchThrowable(() -> ConfigLoader.parse(tree));
                        assertThat(refusal)
                                .as(o.key() + " under " + family + " " + kind.label())
                                .isInstanceOf(InvalidOptionException.class)
                                .hasMessage(
                                        firstDeclaredAt(o.key()).notFor(kind).getMessage());
                        refused++;
                    }
                }
            }
        }
        assertThat(accepted).as("options accepted where they apply").isGreaterThan(100);
        assertThat(refused).as("options refused where they do not").isGreaterThan(200);
    }

    @Test
    void theIssuesExamplesAreRefusedInOneLine() {
        assertThatThrownBy(() -> load("cma-rosenbrock", "strategy.lr=0.5"))
                .hasMessage("invalid option 'strategy.lr': does not apply to strategy cma_es (only to openai_es)");
        assertThatThrownBy(() -> load("quadratic", "selection=boltzmann", "quantile_fraction=0.3"))
                .hasMessage(
                        "invalid option 'quantile_fraction': does not apply to selection boltzmann (only to truncation)");
        assertThatThrownBy(() -> load("cartpole-pbt", "model.activation=tanh"))
                .hasMessage(
                        "invalid option 'model.activation': does not apply to task cartpole (only to digits, table, stream)");
        assertThatThrownBy(() -> load("es-digits", "strategy.active=false"))
                .hasMessage("invalid option 'strategy.active': does not apply to strategy openai_es (only to cma_es)");
        assertThatThrownBy(() -> load("es-cartpole", "selection=boltzmann"))
                .hasMessage("invalid option 'selection.rule': does not apply to strategy openai_es (only to none)");
        assertThatThrownBy(() -> load("es-digits", "perturbation_interval=50"))
                .hasMessage(
                        "invalid option 'perturbation_interval': does not apply to strategy openai_es (only to none)");
        assertThatThrownBy(() -> load("cartpole-pbt", "strategy.episodes=3"))
                .hasMessage(
                        "invalid option 'strategy.episodes': does not apply to strategy none (only to openai_es, snes, "
                                + "sep_cma_es, cma_es)");
    }

    @Test
    void aPresetsOptionsForAnotherKindGiveWayToTheKindChosenOverIt() {
        // digits sets quantile_fraction and resample_probability, for truncation and pbt
        SelectionSettings selection = load("digits", "selection=boltzmann", "mutation=gaussian")
                .population()
                .selection();
        assertThat(selection.rule()).isEqualTo(SelectionSettings.Rule.BOLTZMANN);
        MutationSettings mutation = load("quadratic", "mutation=gaussian", "mutation.diffusion=0.05")
                .population()
                .mutation();
        assertThat(mutation.kernel())
                .as("the kernel written alone stays when its options follow")
                .isEqualTo(MutationSettings.Kernel.GAUSSIAN);
        assertThat(mutation.diffusion()).isEqualTo(0.05);
    }

    private static Option<?> firstDeclaredAt(String key) {
        return OptionCatalog.ALL.stream()
                .filter(o -> o.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static RunConfig load(String preset, String... options) {
        return ConfigLoader.parse(
                ConfigLoader.set(ConfigLoader.set(ConfigLoader.preset(preset), "output=unused"), options));
    }

    private static List<String> families(Option<?> o) {
        return o.appliesTo().stream().map(Variant::family).distinct().toList();
    }

    private static List<Variant> kindsOf(Option<?> o, String family) {
        Variant any = o.appliesTo().stream()
                .filter(v -> v.family().equals(family))
                .findFirst()
                .orElseThrow();
        return Arrays.stream(((Enum<?>) any).getDeclaringClass().getEnumConstants())
                .map(c -> (Variant) c)
                .toList();
    }

    /** One kind per family the option applies to: its first where it is restricted, a default elsewhere. */
    private static Map<String, Variant> applicableKinds(Option<?> o) {
        Map<String, Variant> run = new LinkedHashMap<>();
        run.put("task", TaskKind.LANDSCAPE);
        run.put("strategy", StrategySettings.Kind.NONE);
        run.put("selection", SelectionSettings.Rule.TRUNCATION);
        run.put("mutation", MutationSettings.Kernel.PBT);
        for (Variant v : o.appliesTo()) {
            if (o.appliesTo().stream()
                            .filter(w -> w.family().equals(v.family()))
                            .findFirst()
                            .orElseThrow()
                    == v) {
                run.put(v.family(), v);
            }
        }
        return run;
    }

    /** A configuration that loads and chooses the kinds of {@code run}. */
    private static ObjectNode base(Map<String, Variant> run) {
        TaskKind task = (TaskKind) run.get("task");
        StrategySettings.Kind strategy = (StrategySettings.Kind) run.get("strategy");
        List<String> options = new ArrayList<>(List.of("output=unused"));
        String preset;
        if (strategy != StrategySettings.Kind.NONE) {
            if (task.isControl() || task == TaskKind.DIGITS || task == TaskKind.LANDSCAPE) {
                preset = task.isControl() ? "es-cartpole" : task == TaskKind.DIGITS ? "es-digits" : "cma-rosenbrock";
                options.add("task=" + task.label());
                if (task == TaskKind.CUSTOM_ENV) {
                    options.add("environment.class=" + CorridorEnvironment.class.getName());
                }
            } else {
                preset = taskPreset(task, options);
                options.addAll(List.of("hyperparam_mutations=null", "optimizer=sgd"));
            }
            options.add("strategy.name=" + strategy.label());
        } else {
            preset = taskPreset(task, options);
            options.add("selection.rule=" + run.get("selection").label());
            options.add("mutation.kernel=" + run.get("mutation").label());
            if (run.get("mutation") == MutationSettings.Kernel.CUSTOM) {
                options.add("mutation.class=" + HalvingExplorer.class.getName());
            }
        }
        return ConfigLoader.set(ConfigLoader.preset(preset), options.toArray(String[]::new));
    }

    private static String taskPreset(TaskKind task, List<String> options) {
        switch (task) {
            case DIGITS -> {
                return "digits";
            }
            case QUADRATIC -> {
                return "quadratic";
            }
            case LANDSCAPE -> {
                return "reduced-sphere";
            }
            case CARTPOLE -> {
                return "cartpole-pbt";
            }
            case MOUNTAIN_CAR -> {
                options.add("task=mountain-car");
                return "cartpole-pbt";
            }
            case TABLE -> {
                options.add("table.file='" + project().resolve("data/diabetes/diabetes.csv") + "'");
                return "diabetes";
            }
            case STREAM -> {
                options.addAll(List.of(
                        "task=stream",
                        "generations=0",
                        "stream.features=64",
                        "stream.classes=10",
                        "stream.folder='" + folder + "'"));
                return "digits";
            }
            case PBT_TOY -> {
                options.addAll(List.of(
                        "task=pbt-toy",
                        "optimizer=sgd",
                        "hyperparam_mutations=null",
                        "hyperparam_mutations.h0={min: 0, max: 1}",
                        "hyperparam_mutations.h1={min: 0, max: 1}",
                        "hyperparameters.lr=0.01"));
                return "quadratic";
            }
            case CUSTOM_OBJECTIVE -> {
                options.addAll(List.of(
                        "task=custom_objective",
                        "objective.class=" + SphereObjective.class.getName(),
                        "quadratic=null"));
                return "quadratic";
            }
            case CUSTOM_ENV -> {
                options.addAll(List.of("task=custom_env", "environment.class=" + CorridorEnvironment.class.getName()));
                return "cartpole-pbt";
            }
            case CUSTOM_TRAINABLE -> {
                options.addAll(List.of(
                        "task=custom_trainable",
                        "trainable.class=" + io.popflow.jobs.custom.NoisyQuadratic.class.getName(),
                        "quadratic=null"));
                return "quadratic";
            }
            default -> throw new IllegalArgumentException("no base for task " + task);
        }
    }

    private static String sample(Option<?> o) {
        if (SAMPLES.containsKey(o.key())) {
            return SAMPLES.get(o.key());
        }
        if (o.key().equals("table.file")) {
            return "'" + project().resolve("data/diabetes/diabetes.csv") + "'";
        }
        if (o.key().equals("stream.dead_letter_file")) {
            return "'" + dir.resolve("dead.jsonl") + "'";
        }
        Object v = o.fallback();
        if (o.key().equals("stream.folder")) {
            return "'" + folder + "'";
        }
        if (v == null && o.choices() != null) {
            return Option.choiceNames(o.choices()).get(0);
        }
        assertThat(v).as("a value to set " + o.key() + " to").isNotNull();
        return v instanceof String text ? "'" + text + "'" : Option.show(v);
    }

    private static Path project() {
        Path here = Paths.get("").toAbsolutePath();
        return Files.isDirectory(here.resolve("data")) ? here : here.getParent();
    }

    /** The classes of the folder or jar {@code owner} was loaded from. */
    private static List<Class<?>> classesBeside(Class<?> owner) throws IOException, URISyntaxException {
        Path where = Paths.get(
                owner.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.walk(where)) {
                files.map(p -> where.relativize(p).toString())
                        .filter(n -> n.endsWith(".class"))
                        .forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                jar.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.endsWith(".class"))
                        .forEach(names::add);
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String n : names) {
            String name = n.substring(0, n.length() - ".class".length())
                    .replace('/', '.')
                    .replace('\\', '.');
            if (!name.startsWith("io.popflow.") || name.endsWith("package-info")) {
                continue;
            }
            try {
                classes.add(Class.forName(name, false, owner.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // a class whose optional dependencies are absent declares no option of a run
            }
        }
        return classes;
    }
}
