package io.popflow.examples.acrobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.popflow.api.Environment.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares every transition of {@code acrobot_golden.txt} with the class: the file is written by
 * {@code acrobot_golden.py} (beside it), a numpy implementation written from the published equations
 * and Gymnasium's conventions, not from this Java. Each transition starts from the golden state before
 * it (restored with its step count), so that the acrobot's chaos cannot blow a last-bit difference up
 * over a long trajectory.
 *
 * <p>Tolerance: 1e-12 of max(1, |golden value|). Both sides compute the same equations in IEEE
 * double, but group some products and sums differently (the coupling constant folded here, θ̇² taken
 * before the product there), wrap the angles by another method (turn by turn here, by a floor there)
 * and take sin and cos from different libraries (the JIT's intrinsics, glibc's), which may differ in
 * the last bit. One step carries such 1e-16 differences to 8.4e-15 at most over the file (measured),
 * while a slip in the equations moves some value by 1e-2 and more (measured: the paper's θ̈2 without
 * the centripetal term, 12; a clip at 8π for 9π, 0.11; Runge-Kutta weights over 6.01 for 6, 0.017).
 * The floor of 1: sin θ near 0 and a velocity near 0 carry the absolute error of quantities of order 1.
 */
class AcrobotGoldenTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void everyGoldenTransitionIsMatched() throws IOException {
        List<String> lines = goldenLines();
        List<String> mismatches = new ArrayList<>();
        int terminated = 0;
        int truncated = 0;
        for (String line : lines) {
            Golden g = Golden.parse(line);
            Acrobot acrobot = new Acrobot();
            acrobot.restore(concat(g.before, g.stepsBefore, 0));
            Step step = acrobot.step(g.action);
            compare(g.label() + " observation", g.observation, step.observation(), mismatches);
            compare(g.label() + " state", g.after, Arrays.copyOf(acrobot.snapshot(), 4), mismatches);
            if (step.reward() != g.reward
                    || step.terminated() != g.terminated
                    || step.truncated() != g.truncated
                    || acrobot.snapshot()[4] != g.stepsBefore + 1) {
                mismatches.add(g.label() + ": reward/terminated/truncated/steps " + step.reward() + "/"
                        + step.terminated() + "/" + step.truncated() + "/" + acrobot.snapshot()[4] + ", golden "
                        + g.reward + "/" + g.terminated + "/" + g.truncated + "/" + (g.stepsBefore + 1));
            }
            terminated += g.terminated ? 1 : 0;
            truncated += g.truncated ? 1 : 0;
        }
        assertEquals(
                List.of(), mismatches.subList(0, Math.min(10, mismatches.size())), mismatches.size() + " mismatches");
        // the file is what the script wrote, whole: its transitions, goals and the truncation
        assertTrue(lines.size() > 300, "transitions: " + lines.size());
        assertTrue(terminated > 5, "terminal steps: " + terminated);
        assertEquals(1, truncated, "truncated steps");
    }

    private static void compare(String what, double[] golden, double[] actual, List<String> mismatches) {
        for (int i = 0; i < golden.length; i++) {
            if (!(Math.abs(actual[i] - golden[i]) <= TOLERANCE * Math.max(1, Math.abs(golden[i])))) {
                mismatches.add(what + "[" + i + "]: " + actual[i] + ", golden " + golden[i]);
            }
        }
    }

    private static double[] concat(double[] state, double... more) {
        double[] all = Arrays.copyOf(state, state.length + more.length);
        System.arraycopy(more, 0, all, state.length, more.length);
        return all;
    }

    static List<String> goldenLines() throws IOException {
        try (InputStream in = AcrobotGoldenTest.class.getResourceAsStream("/acrobot_golden.txt")) {
            assertNotNull(in, "acrobot_golden.txt on the test class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }

    /** One line of the file: see the header the script writes. */
    private record Golden(
            String sequence,
            int stepsBefore,
            double[] before,
            int action,
            double[] after,
            double[] observation,
            double reward,
            boolean terminated,
            boolean truncated) {
        static Golden parse(String line) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 20) {
                throw new IllegalArgumentException("a golden line has 20 fields, got " + f.length + ": " + line);
            }
            return new Golden(
                    f[0],
                    Integer.parseInt(f[1]),
                    numbers(f, 2, 4),
                    Integer.parseInt(f[6]),
                    numbers(f, 7, 4),
                    numbers(f, 11, 6),
                    Double.parseDouble(f[17]),
                    flag(f[18]),
                    flag(f[19]));
        }

        String label() {
            return sequence + " step " + stepsBefore;
        }

        private static double[] numbers(String[] f, int from, int count) {
            double[] x = new double[count];
            for (int i = 0; i < count; i++) {
                x[i] = Double.parseDouble(f[from + i]);
            }
            return x;
        }

        private static boolean flag(String f) {
            return switch (f) {
                case "0" -> false;
                case "1" -> true;
                default -> throw new IllegalArgumentException("a flag is 0 or 1, got " + f);
            };
        }
    }
}
