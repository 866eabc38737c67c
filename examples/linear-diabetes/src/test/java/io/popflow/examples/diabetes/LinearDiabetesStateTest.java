package io.popflow.examples.diabetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.api.CustomOptions;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGenerator.JumpableGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** What popflow's checkpoints, resumes and exploit steps rely on: save, restore and copyFrom. */
class LinearDiabetesStateTest {
    private static final CustomOptions BATCH_8 = new CustomOptions(Map.of("batch_size", 8L));

    /** A generator whose state can be copied, so that two models can be handed the same stream. */
    private static JumpableGenerator generator(long seed) {
        return (JumpableGenerator)
                RandomGeneratorFactory.of("Xoroshiro128PlusPlus").create(seed);
    }

    private static void steps(LinearDiabetes model, int count, double lr, RandomGenerator random) {
        FixedHyperparameters h = new FixedHyperparameters(lr, 0.01);
        for (int i = 0; i < count; i++) {
            model.step(h, random);
        }
    }

    @Test
    void aRestoredModelContinuesBitForBitWithTheSameStream() {
        JumpableGenerator random = generator(11);
        LinearDiabetes original = new LinearDiabetes();
        original.configure(BATCH_8);
        original.initialize(random);
        steps(original, 300, 0.05, random);
        byte[] saved = original.save();
        JumpableGenerator sameStream = random.copy();

        LinearDiabetes restored = new LinearDiabetes();
        restored.configure(BATCH_8);
        restored.restore(saved);
        assertThat(restored.save()).isEqualTo(saved);
        steps(original, 200, 0.05, random);
        steps(restored, 200, 0.05, sameStream);

        assertThat(original.save()).isNotEqualTo(saved);
        assertThat(restored.save()).isEqualTo(original.save());
        assertThat(Double.doubleToRawLongBits(restored.fitness()))
                .isEqualTo(Double.doubleToRawLongBits(original.fitness()));
        assertThat(restored.steps()).isEqualTo(500);
    }

    @Test
    void copyFromTakesTheDonorsModel() {
        LinearDiabetes donor = PlainLoop.train(new SplittableRandom(1), 0.05, 0.0, 32, 2_000);
        LinearDiabetes recipient = PlainLoop.train(new SplittableRandom(2), 0.001, 0.5, 32, 10);
        assertThat(recipient.fitness()).isLessThan(donor.fitness());

        recipient.copyFrom(donor.save());

        assertThat(recipient.weights()).isEqualTo(donor.weights());
        assertThat(recipient.bias()).isEqualTo(donor.bias());
        assertThat(recipient.fitness()).isEqualTo(donor.fitness());
        assertThat(recipient.save()).isEqualTo(donor.save());
    }

    @Test
    void bytesOfAnotherFormatOrLengthAreRefusedAndTheModelStaysAsItWas() {
        LinearDiabetes model = PlainLoop.train(new SplittableRandom(3), 0.05, 0.0, 32, 100);
        byte[] before = model.save();
        byte[] otherFormat = before.clone();
        otherFormat[0] = 2;

        assertThatThrownBy(() -> model.restore(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a LinearDiabetes state: no bytes");
        assertThatThrownBy(() -> model.restore(otherFormat))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a LinearDiabetes state: format byte 2, this version reads 1");
        assertThatThrownBy(() -> model.restore(Arrays.copyOf(before, before.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a LinearDiabetes state: 96 bytes, format 1 has 97");
        assertThatThrownBy(() -> model.copyFrom(Arrays.copyOf(before, before.length + 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a LinearDiabetes state: 105 bytes, format 1 has 97");
        assertThat(model.save()).isEqualTo(before);
    }

    @Test
    void aStepThatLeavesAWeightInfiniteThrowsAndInitializeStartsAgain() {
        LinearDiabetes model = new LinearDiabetes();
        SplittableRandom random = new SplittableRandom(4);
        model.initialize(random);
        // lr 10 is far past 2 / (the largest curvature, 4.1): every step multiplies the error by ~40
        FixedHyperparameters h = new FixedHyperparameters(10, 0);
        assertThatThrownBy(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        model.step(h, random);
                    }
                })
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("LinearDiabetes diverged at step \\d+: the (weight of \\w+|bias) is"
                        + " (-?Infinity|NaN) \\(lr 10.0, weight_decay 0.0, batch_size 32\\)")
                .hasMessageContaining("at step " + model.steps() + ":");

        model.initialize(random);
        assertThat(model.steps()).isZero();
        assertThat(model.fitness()).isFinite();
    }
}
