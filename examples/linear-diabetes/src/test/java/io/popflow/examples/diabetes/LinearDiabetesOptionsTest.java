package io.popflow.examples.diabetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.api.CustomOptions;
import io.popflow.api.Hyperparameters;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator.JumpableGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** custom.options, the hyperparameters' defaults, and what a step draws. */
class LinearDiabetesOptionsTest {
    private static void refused(Map<String, ?> options, String message) {
        assertThatThrownBy(() -> new LinearDiabetes().configure(new CustomOptions(options)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void refusesABatchSizeBelowOneOrNotWholeOrTooLarge() {
        refused(
                Map.of("batch_size", 0L),
                "custom.options.batch_size must be at least 1 (the rows of one minibatch), got 0");
        refused(
                Map.of("batch_size", -3L),
                "custom.options.batch_size must be at least 1 (the rows of one minibatch), got -3");
        refused(Map.of("batch_size", 2.5), "custom.options.batch_size must be a whole number, got 2.5");
        refused(Map.of("batch_size", "32"), "custom.options.batch_size must be a whole number, got 32");
        refused(Map.of("batch_size", 1L << 31), "custom.options.batch_size must be at most 2147483647, got 2147483648");
    }

    @Test
    void refusesAnOptionItDoesNotTake() {
        refused(
                Map.of("batchsize", 16L),
                "custom.options.batchsize is not an option of LinearDiabetes (it takes batch_size)");
    }

    @Test
    void aStepDrawsBatchSizeTrainingRowsWithNextIntAndNothingElse() {
        int trainRows = 354; // 442 rows, every fifth of them validation
        for (Map<String, Long> options :
                List.of(Map.of("batch_size", 1L), Map.of("batch_size", 500L), Map.<String, Long>of())) {
            LinearDiabetes model = new LinearDiabetes();
            model.configure(new CustomOptions(options));
            model.initialize(new CountingGenerator(1));
            CountingGenerator random = new CountingGenerator(2);
            model.step(new FixedHyperparameters(0.01, 0), random);
            int batchSize = options.getOrDefault("batch_size", 32L).intValue();
            assertThat(random.boundedInts).as("%s", options).hasSize(batchSize).containsOnly(trainRows);
            assertThat(random.otherDraws).as("%s", options).isZero();
        }
    }

    @Test
    void anHWithoutLrOrWeightDecayStepsWithTheDocumentedDefaults() {
        Hyperparameters empty = new Hyperparameters() {
            @Override
            public List<String> names() {
                return Collections.emptyList();
            }

            @Override
            public double get(String name) {
                throw new IllegalArgumentException("no " + name);
            }
        };
        JumpableGenerator random = (JumpableGenerator)
                RandomGeneratorFactory.of("Xoroshiro128PlusPlus").create(5);
        LinearDiabetes withDefaults = new LinearDiabetes();
        withDefaults.initialize(random.copy());
        LinearDiabetes explicit = new LinearDiabetes();
        explicit.initialize(random.copy());
        JumpableGenerator same = random.copy();
        for (int i = 0; i < 50; i++) {
            withDefaults.step(empty, random);
            explicit.step(new FixedHyperparameters(0.01, 0.0), same);
        }
        assertThat(withDefaults.save()).isEqualTo(explicit.save());
        // and the defaults do train: 50 steps at lr 0.01 leave the zero model's MSE (≈ 5,900) behind
        assertThat(withDefaults.validationMse()).isLessThan(5_500);
    }
}
