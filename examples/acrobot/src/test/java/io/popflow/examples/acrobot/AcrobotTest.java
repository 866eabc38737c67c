package io.popflow.examples.acrobot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.popflow.api.CustomOptions;
import io.popflow.api.Environment.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AcrobotTest {
    /** Torque with the second joint's velocity: swings the free end up to the goal in about 100 steps. */
    private static int pump(double[] observation) {
        return observation[5] > 0 ? 2 : 0;
    }

    @Test
    void resetDrawsTheFourStateValuesInOrderFromTheStreamAlone() {
        SplittableRandom random = new SplittableRandom(1996);
        SplittableRandom same = new SplittableRandom(1996);
        Acrobot acrobot = new Acrobot();
        // an episode before, cut short, leaves nothing behind
        acrobot.reset(new SplittableRandom(5));
        acrobot.step(2);
        double[] observation = acrobot.reset(random);
        double[] u = new double[4];
        for (int i = 0; i < 4; i++) {
            u[i] = same.nextDouble(-0.1, 0.1);
            assertTrue(u[i] >= -0.1 && u[i] < 0.1, "draw " + u[i]);
        }
        assertArrayEquals(
                new double[] {Math.cos(u[0]), Math.sin(u[0]), Math.cos(u[1]), Math.sin(u[1]), u[2], u[3]}, observation);
        assertArrayEquals(new double[] {u[0], u[1], u[2], u[3], 0, 0}, acrobot.snapshot());
        // four draws and no more: the stream goes on where the copy does
        assertEquals(same.nextLong(), random.nextLong());
    }

    @Test
    void aRestoredSnapshotContinuesTheEpisodeBitForBit() {
        Acrobot original = new Acrobot();
        double[] observation = original.reset(new SplittableRandom(42));
        for (int i = 0; i < 37; i++) {
            observation = original.step(pump(observation)).observation();
        }
        double[] snapshot = original.snapshot();
        double[] taken = snapshot.clone();
        Acrobot restored = new Acrobot();
        restored.restore(snapshot);
        double[] restoredObservation = observation;
        List<Step> originalSteps = new ArrayList<>();
        List<Step> restoredSteps = new ArrayList<>();
        Step last;
        do {
            last = original.step(pump(observation));
            observation = last.observation();
            originalSteps.add(last);
            Step again = restored.step(pump(restoredObservation));
            restoredObservation = again.observation();
            restoredSteps.add(again);
        } while (!last.done());
        assertTrue(last.terminated(), "the pumped episode reaches the goal");
        for (int i = 0; i < originalSteps.size(); i++) {
            Step a = originalSteps.get(i);
            Step b = restoredSteps.get(i);
            // assertArrayEquals without a delta compares the doubles' bits
            assertArrayEquals(a.observation(), b.observation(), "step " + (38 + i));
            assertEquals(a.reward(), b.reward());
            assertEquals(a.terminated(), b.terminated());
            assertEquals(a.truncated(), b.truncated());
        }
        assertArrayEquals(original.snapshot(), restored.snapshot());
        assertArrayEquals(taken, snapshot, "a snapshot is a copy, not a view of the state");
        assertEquals(1.0, restored.snapshot()[5], "the restored episode is over too");
        assertThrows(IllegalStateException.class, () -> restored.step(1));
    }

    @Test
    void theStepCountInASnapshotBringsTheLimitAtTheSameStep() {
        Acrobot acrobot = new Acrobot();
        acrobot.configure(new CustomOptions(Map.of("max_steps", 10L)));
        acrobot.reset(new SplittableRandom(3));
        for (int i = 0; i < 6; i++) {
            acrobot.step(1);
        }
        Acrobot restored = new Acrobot();
        restored.configure(new CustomOptions(Map.of("max_steps", 10L)));
        restored.restore(acrobot.snapshot());
        for (int step = 7; step <= 10; step++) {
            Step s = restored.step(1);
            assertEquals(step == 10, s.truncated(), "step " + step);
            assertFalse(s.terminated());
        }
    }

    @Test
    void anEpisodeIsTruncatedAtItsFiveHundredthStepByDefault() {
        Acrobot acrobot = new Acrobot();
        acrobot.reset(new SplittableRandom(11));
        // without torque, a start near the bottom never has the energy to reach the goal
        for (int step = 1; step <= 500; step++) {
            Step s = acrobot.step(1);
            assertFalse(s.terminated(), "step " + step);
            assertEquals(-1.0, s.reward());
            assertEquals(step == 500, s.truncated(), "step " + step);
        }
        assertThrows(IllegalStateException.class, () -> acrobot.step(1));
    }

    @Test
    void maxStepsBelowOneIsRefusedByName() {
        for (long refused : new long[] {0, -1, Integer.MAX_VALUE + 1L}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new Acrobot().configure(new CustomOptions(Map.of("max_steps", refused))));
            assertTrue(
                    e.getMessage().contains("max_steps") && e.getMessage().contains("got " + refused), e.getMessage());
        }
        IllegalArgumentException notWhole = assertThrows(
                IllegalArgumentException.class,
                () -> new Acrobot().configure(new CustomOptions(Map.of("max_steps", 2.5))));
        assertTrue(notWhole.getMessage().contains("max_steps"), notWhole.getMessage());
        Acrobot oneStep = new Acrobot();
        oneStep.configure(new CustomOptions(Map.of("max_steps", 1L)));
        oneStep.reset(new SplittableRandom(1));
        assertTrue(oneStep.step(1).truncated());
    }

    @Test
    void stepsOutsideAnEpisodeAndUnknownActionsAreRefused() {
        Acrobot acrobot = new Acrobot();
        assertThrows(IllegalStateException.class, () -> acrobot.step(1), "before the first reset");
        acrobot.reset(new SplittableRandom(2));
        assertThrows(IllegalArgumentException.class, () -> acrobot.step(-1));
        assertThrows(IllegalArgumentException.class, () -> acrobot.step(3));
    }

    @Test
    void aSnapshotThatNoAcrobotCouldTakeIsRefused() {
        Acrobot acrobot = new Acrobot();
        for (double[] bad : new double[][] {
            {0, 0, 0, 0, 0},
            {4, 0, 0, 0, 0, 0},
            {0, 0, Double.NaN, 0, 0, 0},
            {0, 0, 0, 0, 1.5, 0},
            {0, 0, 0, 0, -1, 0},
            {0, 0, 0, 0, 3, 2}
        }) {
            assertThrows(IllegalArgumentException.class, () -> acrobot.restore(bad), Arrays.toString(bad));
        }
    }

    @Test
    void namesMatchTheSizes() {
        Acrobot acrobot = new Acrobot();
        assertEquals(acrobot.observationSize(), acrobot.observationNames().size());
        assertEquals(acrobot.actions(), acrobot.actionNames().size());
        assertEquals(6, acrobot.reset(new SplittableRandom(0)).length);
    }
}
